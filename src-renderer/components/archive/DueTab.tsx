import { Alert, Button, Space, Table, Tag, Tooltip, Typography, App } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueStudent } from '../../../src-shared/contract/archive';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { localDate, ReasonModal } from './archive-common';

/** 待销毁: students past retention, and a destruction request for one of them. */
export function DueTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const due = useCallQuery('archive.dueForDestruction', {});
  const [requesting, setRequesting] = useState<DueStudent | null>(null);
  const columns: ColumnsType<DueStudent> = [
    {
      title: t('archive.due.student'),
      key: 'student',
      render: (_, row) => `${row.student.name}（${row.student.studentNo}）${row.student.department ? ` · ${row.student.department}` : ''}`,
    },
    { title: t('archive.due.leftAt'), dataIndex: 'leftAt', render: (value: string) => localDate(value) },
    {
      title: t('archive.due.records'),
      key: 'records',
      render: (_, row) => (
        <Space size={[4, 4]} wrap>
          {row.records.map((record) => (
            <Tag key={`${record.kind}:${record.id}`}>
              {t(`archive.kindShort.${record.kind}`)}
              {record.label ? ` ${record.label}` : ''}
            </Tag>
          ))}
          {row.heldCount > 0 ? <Tag color="purple">{t('archive.due.held', { count: row.heldCount })}</Tag> : null}
        </Space>
      ),
    },
    {
      // Issue 14 item 12: a student at risk stays listed, with the reasons, and cannot be requested.
      title: t('archive.due.heldBack'),
      key: 'heldBack',
      render: (_, row) =>
        row.heldBack?.length ? (
          <Space orientation="vertical" size={2} data-testid="archive-held-back">
            <Tooltip title={t('archive.due.heldBackHint')}>
              <Tag color="red">{t('archive.due.heldBack')}</Tag>
            </Tooltip>
            {row.heldBack.map((reason) => (
              <Typography.Text key={reason} type="danger">
                {t(`archive.due.risks.${reason}`)}
              </Typography.Text>
            ))}
          </Space>
        ) : null,
    },
    {
      title: '',
      key: 'action',
      render: (_, row) => (
        <Button
          size="small"
          danger
          disabled={Boolean(row.heldBack?.length)}
          onClick={() => setRequesting(row)}
          aria-label={`${t('archive.due.request')} ${row.student.name}`}
        >
          {t('archive.due.request')}
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('archive.due.intro')}</Typography.Paragraph>
      {due.isError ? <Alert type="error" showIcon title={errorMessage(due.error, t)} /> : null}
      <Table<DueStudent>
        rowKey={(row) => row.student.id}
        size="middle"
        columns={columns}
        dataSource={due.data ?? []}
        loading={due.isPending}
        pagination={false}
        locale={{ emptyText: t('archive.due.empty') }}
        scroll={{ x: 800 }}
      />
      {requesting ? (
        <ReasonModal
          title={t('archive.due.requestTitle', { name: requesting.student.name })}
          label={t('archive.due.reason')}
          requiredMessage={t('archive.due.reasonRequired')}
          okText={t('archive.due.request')}
          danger
          onSubmit={async (reason) => {
            await call('archive.requestDestruction', { studentId: requesting.student.id, reason });
            void message.success(t('archive.due.requested'));
          }}
          onClose={() => setRequesting(null)}
        >
          {t('archive.due.requestNote')}
        </ReasonModal>
      ) : null}
    </Space>
  );
}
