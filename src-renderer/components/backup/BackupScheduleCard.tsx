import { Alert, Button, Card, Flex, Form, Input, InputNumber, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { FolderPathInput } from '../FolderPathInput';
import { localTime } from '../../../src-shared/labels/local-time';

interface Values {
  enabled: boolean;
  folder: string;
  dailyAt: string;
  keep: number;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 自动备份: folder, time of day, how many to keep. Off means no folder is stored. */
export function BackupScheduleCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState(false);
  const schedule = useCallQuery('backup.schedule', {});
  const save = useWrite('backup.saveSchedule', {
    onSuccess: () => {
      setSaved(true);
      void schedule.refetch();
    },
  });
  const enabled = Form.useWatch('enabled', form);

  useEffect(() => {
    if (!schedule.data) return;
    form.setFieldsValue({
      enabled: Boolean(schedule.data.folder && schedule.data.dailyAt),
      folder: schedule.data.folder ?? '',
      dailyAt: schedule.data.dailyAt ?? '12:30',
      keep: schedule.data.keep,
    });
  }, [schedule.data, form]);

  const submit = (values: Values) => {
    setSaved(false);
    void save.run(
      values.enabled ? { folder: values.folder.trim(), dailyAt: values.dailyAt.trim(), keep: values.keep } : { folder: null, dailyAt: null, keep: values.keep },
    );
  };

  const last = schedule.data?.lastScheduledAt;
  return (
    <Card title={t('backup.schedule.heading')}>
      <Typography.Paragraph type="secondary">{t('backup.schedule.note')}</Typography.Paragraph>
      <Form<Values>
        name="backupSchedule"
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={save.pending || schedule.isLoading}
        onFinish={submit}
        initialValues={{ enabled: false, folder: '', dailyAt: '12:30', keep: 7 }}
      >
        <Form.Item name="enabled" valuePropName="checked" label={t('backup.schedule.enabled')}>
          <Switch aria-label={t('backup.schedule.enabled')} />
        </Form.Item>
        <Form.Item
          name="folder"
          label={t('backup.schedule.folder')}
          extra={t('backup.now.folderHint')}
          rules={[
            {
              validator: async (_r, value: string) => {
                if (form.getFieldValue('enabled') && !String(value ?? '').trim()) throw new Error(t('validation.required'));
              },
            },
          ]}
        >
          <FolderPathInput disabled={!enabled} dialogTitle={t('backup.schedule.folder')} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="dailyAt"
            label={t('backup.schedule.dailyAt')}
            extra={t('backup.schedule.dailyAtHint')}
            rules={[
              {
                validator: async (_r, value: string) => {
                  if (form.getFieldValue('enabled') && !TIME.test(String(value ?? '').trim())) throw new Error(t('backup.schedule.timeInvalid'));
                },
              },
            ]}
            style={{ flex: '0 1 200px' }}
          >
            <Input maxLength={5} placeholder="12:30" disabled={!enabled} />
          </Form.Item>
          <Form.Item name="keep" label={t('backup.schedule.keep')} extra={t('backup.schedule.keepHint')} style={{ flex: '1 1 300px' }}>
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
        </Flex>
        {schedule.data ? (
          <Typography.Paragraph type="secondary">{last ? t('backup.schedule.last', { at: localTime(last) }) : t('backup.schedule.never')}</Typography.Paragraph>
        ) : null}
        <ErrorAlert message={save.error ?? (schedule.isError ? errorMessage(schedule.error, t) : null)} />
        {saved ? <Alert type="success" showIcon role="status" title={t('backup.schedule.saved')} style={{ marginBottom: 16 }} /> : null}
        <Button type="primary" htmlType="submit" loading={save.pending}>
          {t('backup.schedule.save')}
        </Button>
      </Form>
    </Card>
  );
}
