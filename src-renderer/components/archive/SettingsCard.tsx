import { App, Button, Card, Form, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARCHIVE_AFTER_DAYS, RECORD_KINDS, RETENTION_YEARS, type ArchiveSettings } from '../../../src-shared/contract/archive';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { useRefreshArchive } from './archive-common';

/** The archive period and the retention years per record kind (director). */
export function SettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshArchive();
  const current = useCallQuery('archive.settings', {});
  const [form] = Form.useForm<ArchiveSettings>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data);
  }, [current.data, form]);
  const submit = async (values: ArchiveSettings) => {
    setPending(true);
    setError(null);
    try {
      await call('archive.setSettings', values);
      void message.success(t('archive.settings.saved'));
      await refresh();
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <Card title={t('archive.settings.title')} size="small">
      <ErrorAlert message={error} />
      <Form form={form} layout="horizontal" labelCol={{ flex: '260px' }} onFinish={submit} disabled={pending || !current.data}>
        <Form.Item name="afterDays" label={t('archive.settings.afterDays')} rules={[{ required: true }]}>
          <InputNumber min={ARCHIVE_AFTER_DAYS.min} max={ARCHIVE_AFTER_DAYS.max} precision={0} />
        </Form.Item>
        {RECORD_KINDS.map((kind) => (
          <Form.Item key={kind} name={['retention', kind]} label={`${t('archive.settings.retention')}：${t(`archive.kinds.${kind}`)}`} rules={[{ required: true }]}>
            <InputNumber min={RETENTION_YEARS.min} max={RETENTION_YEARS.max} precision={0} suffix={t('archive.settings.years')} />
          </Form.Item>
        ))}
        <Space>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('archive.settings.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
