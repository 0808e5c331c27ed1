import { Alert, App, Button, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalHold } from '../../../src-shared/contract/archive';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { StudentPicker } from '../calendar/StudentPicker';
import { FormModal, submitsWith } from '../FormModal';
import { localDate, ReasonModal } from './archive-common';
import { useAction } from '../../api/mutations';

function PlaceHoldModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ studentId?: string; reason?: string }>();
  // One way to write: pending and the translated error from useAction; the lists refetch from store.changed.
  const submitAction = useAction(async (values: { studentId?: string; reason?: string }) => {
    await call('archive.placeHold', { studentId: values.studentId!, reason: values.reason!.trim() });
    void message.success(t('archive.holds.placed'));
    onClose();
  });
  return (
    <FormModal
      title={t('archive.holds.place')}
      okText={t('archive.holds.place')}
      form={form}
      {...submitsWith(submitAction)}
      onClose={onClose}
      requiredMark
      before={<Typography.Paragraph type="secondary">{t('archive.holds.intro')}</Typography.Paragraph>}
    >
      <Form.Item name="studentId" label={t('archive.holds.student')} rules={[{ required: true, message: t('archive.holds.studentRequired') }]}>
        <StudentPicker />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('archive.holds.reason')}
        rules={[
          { required: true, whitespace: true, message: t('archive.holds.reasonRequired') },
          { min: 2, message: t('archive.holds.reasonRequired') },
          { max: 500, message: t('notes.editor.tooLong', { max: 500 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** 法律保全: place and release holds; an active hold stops destruction. */
export function HoldsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [includeReleased, setIncludeReleased] = useState(false);
  const holds = useCallQuery('archive.holds', { includeReleased });
  const [placing, setPlacing] = useState(false);
  const [releasing, setReleasing] = useState<LegalHold | null>(null);
  const columns: ColumnsType<LegalHold> = [
    { title: t('archive.holds.student'), key: 'student', render: (_, row) => `${row.student.name}（${row.student.studentNo}）` },
    {
      title: t('archive.holds.scope'),
      key: 'scope',
      render: (_, row) => (row.recordKind ? `${t('archive.holds.oneRecord')}：${t(`archive.kindShort.${row.recordKind}`)}` : t('archive.holds.wholeStudent')),
    },
    { title: t('archive.holds.reason'), dataIndex: 'reason' },
    { title: t('archive.holds.placedBy'), key: 'placedBy', render: (_, row) => `${row.placedBy.displayName} · ${localDate(row.placedAt)}` },
    {
      title: '',
      key: 'state',
      render: (_, row) =>
        row.releasedAt ? (
          <Space orientation="vertical" size={0}>
            <Tag>{t('archive.holds.releasedTag')}</Tag>
            <Typography.Text type="secondary">
              {row.releasedBy?.displayName} · {localDate(row.releasedAt)}
              {row.releaseReason ? `：${row.releaseReason}` : ''}
            </Typography.Text>
          </Space>
        ) : (
          <Space>
            <Tag color="purple">{t('archive.holds.active')}</Tag>
            <Button size="small" onClick={() => setReleasing(row)} aria-label={`${t('archive.holds.release')} ${row.student.name}`}>
              {t('archive.holds.release')}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">{t('archive.holds.intro')}</Typography.Text>
        <Space>
          <Switch checked={includeReleased} onChange={setIncludeReleased} aria-label={t('archive.holds.showReleased')} />
          <Typography.Text>{t('archive.holds.showReleased')}</Typography.Text>
          <Button type="primary" onClick={() => setPlacing(true)}>
            {t('archive.holds.place')}
          </Button>
        </Space>
      </Space>
      {holds.isError ? <Alert type="error" showIcon title={errorMessage(holds.error, t)} /> : null}
      <Table<LegalHold>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={holds.data ?? []}
        loading={holds.isPending}
        pagination={false}
        locale={{ emptyText: t('archive.holds.empty') }}
        scroll={{ x: 800 }}
      />
      {placing ? <PlaceHoldModal onClose={() => setPlacing(false)} /> : null}
      {releasing ? (
        <ReasonModal
          title={`${t('archive.holds.release')}：${releasing.student.name}`}
          label={t('archive.holds.releaseReason')}
          requiredMessage={t('archive.holds.reasonRequired')}
          okText={t('archive.holds.release')}
          onSubmit={async (reason) => {
            await call('archive.releaseHold', { id: releasing.id, reason });
            void message.success(t('archive.holds.released'));
          }}
          onClose={() => setReleasing(null)}
        />
      ) : null}
    </Space>
  );
}
