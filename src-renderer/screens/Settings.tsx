import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { channels, IDLE_LOCK_MINUTES, settingsPatchSchema, type Settings as SettingsValues } from '../../src-shared/contract';
import { TEXT_MAX } from '../../src-shared/contract/limits';
import { useWrite } from '../api/mutations';
import { callKey, useCallQuery } from '../api/queries';
import { CalendarSettings } from '../components/calendar/CalendarSettings';
import { CrisisSettings } from '../components/crisis/CrisisSettings';
import { CrisisLinesSettings } from '../components/referrals/CrisisLinesSettings';
import { NoteSettings } from '../components/notes/NoteSettings';
import { WorkstationNameSetting } from '../components/settings/WorkstationNameSetting';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ErrorAlert } from '../components/ErrorAlert';
import { errorMessage, schemaRule } from '../i18n/errors';
import { useCan, useSession } from '../session';

const { schoolName: schoolNameSchema, idleLockMinutes: idleLockSchema } = settingsPatchSchema.shape;

/** Workstation settings (editable with `settings.manage`) and this computer's display language. */
export function Settings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { session, updateSession } = useSession();
  const canManage = useCan(channels['settings.update'].permission);
  const settings = useCallQuery('settings.get', {});
  const [form] = Form.useForm<SettingsValues>();
  const update = useWrite('settings.update', {
    form,
    onSuccess: (saved) => {
      queryClient.setQueryData(callKey('settings.get', {}), saved);
      updateSession({ ...session, idleLockMinutes: saved.idleLockMinutes });
      void message.success(t('settings.saved'));
    },
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = (values: SettingsValues) => update.run({ schoolName: values.schoolName, idleLockMinutes: values.idleLockMinutes });

  return (
    <Flex vertical gap={16}>
      <Card title={t('settings.workstation')} data-testid="settings-workstation">
        {settings.isError ? <Alert type="error" showIcon title={errorMessage(settings.error, t)} /> : null}
        {settings.isPending ? <Skeleton active /> : null}
        {settings.data ? (
          <Form<SettingsValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void submit(values)}
            disabled={!canManage || update.pending}
          >
            {!canManage ? <Alert type="info" role="status" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} /> : null}
            <ErrorAlert message={update.error} />
            <Form.Item name="schoolName" label={t('fields.schoolName')} rules={[schemaRule(schoolNameSchema, 'schoolName', t)]}>
              <Input maxLength={TEXT_MAX.shortName} />
            </Form.Item>
            <Form.Item
              name="idleLockMinutes"
              label={t('fields.idleLockMinutes')}
              extra={t('settings.idleLockHelp', { min: IDLE_LOCK_MINUTES.min, max: IDLE_LOCK_MINUTES.max })}
              rules={[schemaRule(idleLockSchema, 'idleLockMinutes', t)]}
            >
              <InputNumber precision={0} style={{ width: 160 }} />
            </Form.Item>
            {canManage ? (
              <Button type="primary" htmlType="submit" loading={update.pending}>
                {t('common.save')}
              </Button>
            ) : null}
          </Form>
        ) : null}
      </Card>
      <WorkstationNameSetting />
      <Card title={t('settings.languageSection')}>
        <Typography.Paragraph type="secondary">{t('settings.languageHelp')}</Typography.Paragraph>
        <LanguageSwitch size="middle" />
      </Card>
      {/* Module settings: each section shows itself only to roles that may change it. */}
      <NoteSettings />
      <CalendarSettings />
      <CrisisSettings />
      <CrisisLinesSettings />
    </Flex>
  );
}
