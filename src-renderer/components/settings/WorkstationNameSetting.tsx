import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsPatchSchema } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { useWrite } from '../../api/mutations';
import { callKey, useCallQuery } from '../../api/queries';
import { schemaRule } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';

const nameSchema = settingsPatchSchema.shape.workstationName.unwrap();

/**
 * 工作站名称: how the audit log and its export name this computer (instead of 本工作站). Set at
 * setup or here, by whoever manages settings; others see it read-only.
 */
export function WorkstationNameSetting() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('settings.manage');
  const queryClient = useQueryClient();
  const settings = useCallQuery('settings.get', {});
  const update = useWrite('settings.update', {
    onSuccess: (saved) => {
      queryClient.setQueryData(callKey('settings.get', {}), saved);
      void message.success(t('settings.saved'));
    },
  });
  const [form] = Form.useForm<{ workstationName: string }>();
  const current = settings.data?.workstationName ?? '';

  useEffect(() => {
    form.setFieldsValue({ workstationName: current });
  }, [current, form]);

  const save = ({ workstationName }: { workstationName: string }) => update.run({ workstationName: workstationName.trim() });

  return (
    <Card title={t('fields.workstationName')} data-testid="settings-workstation-name">
      <Typography.Paragraph type="secondary">{t('hints.workstationName')}</Typography.Paragraph>
      {canManage ? (
        <Form form={form} layout="inline" onFinish={(values) => void save(values)} disabled={update.pending}>
          <Form.Item name="workstationName" label={t('fields.workstationName')} rules={[schemaRule(nameSchema, 'workstationName', t)]}>
            <Input maxLength={TEXT_MAX.workstationName} placeholder={t('hints.workstationNameDefault')} style={{ width: 240 }} />
          </Form.Item>
          <Flex>
            <Button type="primary" htmlType="submit" loading={update.pending}>
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
      ) : (
        <Typography.Text>{current || t('auditlog.thisWorkstation')}</Typography.Text>
      )}
      <ErrorAlert message={update.error} />
    </Card>
  );
}
