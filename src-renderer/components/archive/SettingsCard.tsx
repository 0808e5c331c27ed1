import { App, Button, Card, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARCHIVE_AFTER_DAYS, RECORD_KINDS, RETENTION_YEARS, type ArchiveSettings } from '../../../src-shared/contract/archive';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { ErrorAlert } from '../ErrorAlert';
import { useAction } from '../../api/mutations';

/** The archive period and the retention years per record kind (director). */
export function SettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = useCallQuery('archive.settings', {});
  const [form] = Form.useForm<ArchiveSettings>();
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data);
  }, [current.data, form]);
  // One way to write: pending and the translated error from useAction; the lists refetch from store.changed.
  const submitAction = useAction(async (values: ArchiveSettings) => {
    await call('archive.setSettings', values);
    void message.success(t('archive.settings.saved'));
  });
  const { pending, error } = submitAction;
  const submit = submitAction.run;
  return (
    <Card title={t('archive.settings.title')} size="small">
      <ErrorAlert message={error} />
      {/* Labels above the fields: the record kinds' names are long and are read in full, never cut off. */}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={pending || !current.data}>
        <Form.Item name="afterDays" label={t('archive.settings.afterDays')} rules={[{ required: true }]}>
          <InputNumber min={ARCHIVE_AFTER_DAYS.min} max={ARCHIVE_AFTER_DAYS.max} precision={0} />
        </Form.Item>
        <Typography.Title level={5} id="archive-retention-heading">
          {t('archive.settings.retention')}
        </Typography.Title>
        <Row gutter={[24, 0]} role="group" aria-labelledby="archive-retention-heading">
          {RECORD_KINDS.map((kind) => (
            <Col key={kind} xs={24} md={12} xl={8}>
              <Form.Item name={['retention', kind]} label={t(`archive.kinds.${kind}`)} rules={[{ required: true }]}>
                <InputNumber
                  aria-label={`${t('archive.settings.retention')}：${t(`archive.kinds.${kind}`)}`}
                  min={RETENTION_YEARS.min}
                  max={RETENTION_YEARS.max}
                  precision={0}
                  suffix={t('archive.settings.years')}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('archive.settings.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
