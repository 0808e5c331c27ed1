import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Row, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type ActivityKind } from '../../src-shared/contract/activities';
import { useCallQuery } from '../api/queries';
import { ActivityDetailDrawer } from '../components/activities/ActivityDetailDrawer';
import { ActivityFormModal } from '../components/activities/ActivityFormModal';
import { ActivitySummaryTable } from '../components/activities/ActivitySummaryTable';
import { kindLabel, type ActivityDetail, type ActivityRow } from '../components/activities/labels';
import { ErrorAlert } from '../components/ErrorAlert';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan } from '../session';

type Dialog = { kind: 'create' } | { kind: 'edit'; activity: ActivityDetail } | { kind: 'detail'; id: string } | null;

/** 心理健康教育活动 and trainings: filter by period and kind, the summary by kind, record and correct. */
export function Activities({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  const canManage = useCan('activities.manage');
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [kind, setKind] = useState<ActivityKind | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog>(null);
  const filter = {
    ...(period?.[0] ? { from: period[0].format('YYYY-MM-DD') } : {}),
    ...(period?.[1] ? { to: period[1].format('YYYY-MM-DD') } : {}),
    ...(kind ? { kind } : {}),
  };
  const list = useCallQuery('activities.list', filter);
  const dash = t('activities.dash');

  const columns: ColumnsType<ActivityRow> = [
    { title: t('activities.list.columns.date'), dataIndex: 'date', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
    { title: t('activities.list.columns.kind'), dataIndex: 'kind', render: (value: string) => <Tag>{kindLabel(value, t)}</Tag> },
    {
      title: t('activities.list.columns.title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Typography.Link
          onClick={(event) => {
            event.stopPropagation();
            setDialog({ kind: 'detail', id: row.id });
          }}
        >
          {title}
        </Typography.Link>
      ),
    },
    {
      title: t('activities.list.columns.organizer'),
      dataIndex: 'organizer',
      // The level (center, 院系, class) in front of the organiser's words; older records have none.
      render: (organizer: string, row) => (
        <>
          {row.organizerLevel ? (
            <Tag color={row.organizerLevel === 'center' ? 'blue' : row.organizerLevel === 'department' ? 'green' : 'orange'}>
              {t(`activities.levels.${row.organizerLevel}`)}
            </Tag>
          ) : null}
          {organizer}
          {row.className ? ` · ${row.className}` : ''}
        </>
      ),
    },
    { title: t('activities.list.columns.audience'), dataIndex: 'audience', render: (value: string | null) => value ?? dash },
    { title: t('activities.list.columns.participants'), dataIndex: 'participants', align: 'right', render: (value: number) => value.toLocaleString() },
    {
      title: t('activities.list.columns.attachments'),
      dataIndex: 'attachmentCount',
      align: 'center',
      render: (count: number) =>
        count > 0 ? (
          <span aria-label={t('activities.attachments.count', { count })}>
            <PaperClipOutlined /> {count}
          </span>
        ) : (
          dash
        ),
    },
  ];

  return (
    <Card
      title={t('activities.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('activities.list.create')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('activities.list.intro')}</Typography.Paragraph>
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <label>
          <Typography.Text style={{ marginRight: 8 }}>{t('activities.list.period')}</Typography.Text>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={period}
            onChange={(value) => setPeriod(value as [Dayjs | null, Dayjs | null] | null)}
            placeholder={[t('activities.list.from'), t('activities.list.to')]}
            format="YYYY-MM-DD"
          />
        </label>
        <Select<ActivityKind | undefined>
          aria-label={t('activities.list.kind')}
          style={{ minWidth: 200 }}
          allowClear
          placeholder={t('activities.list.allKinds')}
          value={kind}
          onChange={(value) => setKind(value)}
          options={ACTIVITY_KINDS.map((value) => ({ value, label: kindLabel(value, t) }))}
        />
      </Flex>
      <ErrorAlert message={list.isError ? errorMessage(list.error, t) : null} />
      <Row gutter={[24, 16]}>
        <Col xs={24} xxl={16}>
          <Table<ActivityRow>
            data-testid="activity-list"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.rows ?? []}
            loading={list.isPending}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={(row) => ({ onClick: () => setDialog({ kind: 'detail', id: row.id }), style: { cursor: 'pointer' } })}
            locale={{ emptyText: t('activities.list.empty') }}
            scroll={{ x: 760 }}
          />
        </Col>
        <Col xs={24} xxl={8}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('activities.summary.title')}
          </Typography.Title>
          <ActivitySummaryTable summary={list.data?.summary} loading={list.isPending} />
        </Col>
      </Row>
      {dialog?.kind === 'detail' ? (
        <ActivityDetailDrawer activityId={dialog.id} onClose={() => setDialog(null)} onEdit={(activity) => setDialog({ kind: 'edit', activity })} />
      ) : null}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <ActivityFormModal
          activity={dialog.kind === 'edit' ? dialog.activity : null}
          onClose={() => setDialog(dialog.kind === 'edit' ? { kind: 'detail', id: dialog.activity.id } : null)}
          onSaved={(id) => setDialog(dialog.kind === 'edit' ? { kind: 'detail', id } : null)}
        />
      ) : null}
    </Card>
  );
}
