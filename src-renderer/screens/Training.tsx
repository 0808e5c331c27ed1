import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_AUDIENCES, type TrainingAudience } from '../../src-shared/contract/training';
import { useCallQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { PersonHistoryDrawer } from '../components/training/PersonHistoryDrawer';
import { SupervisionPanel } from '../components/training/SupervisionPanel';
import { TrainingDetailDrawer } from '../components/training/TrainingDetailDrawer';
import { TrainingFormModal } from '../components/training/TrainingFormModal';
import type { TrainingDetail, TrainingRow } from '../components/training/labels';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan } from '../session';

type Dialog = { kind: 'create' } | { kind: 'edit'; training: TrainingDetail } | { kind: 'detail'; id: string } | null;

/** 培训与督导: trainings with attendance and each person's record; supervision of counselors. */
export function Training({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canRead = useCan('training.read');
  const canReadSupervision = useCan('supervision.read');
  const tabs = [
    ...(canRead ? [{ key: 'trainings', label: t('training.tabs.trainings'), children: <TrainingList onNavigate={onNavigate} /> }] : []),
    ...(canReadSupervision ? [{ key: 'supervision', label: t('training.tabs.supervision'), children: <SupervisionPanel /> }] : []),
  ];
  return (
    <Card title={t('training.title')}>
      <Tabs items={tabs} />
    </Card>
  );
}

function TrainingList({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canManage = useCan('training.manage');
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [audience, setAudience] = useState<TrainingAudience | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [history, setHistory] = useState<string | null>(null);
  const filter = {
    ...(period?.[0] ? { from: period[0].format('YYYY-MM-DD') } : {}),
    ...(period?.[1] ? { to: period[1].format('YYYY-MM-DD') } : {}),
    ...(audience ? { audience } : {}),
  };
  const list = useCallQuery('training.list', filter);
  return (
    <div>
      <Flex justify="space-between" align="start" gap={16}>
        <Typography.Paragraph type="secondary">{t('training.list.intro')}</Typography.Paragraph>
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('training.list.create')}
          </Button>
        ) : null}
      </Flex>
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <label>
          <Typography.Text style={{ marginRight: 8 }}>{t('training.list.period')}</Typography.Text>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={period}
            onChange={(value) => setPeriod(value as [Dayjs | null, Dayjs | null] | null)}
            format="YYYY-MM-DD"
          />
        </label>
        <Select<TrainingAudience | undefined>
          aria-label={t('training.list.audience')}
          style={{ minWidth: 220 }}
          allowClear
          placeholder={t('training.list.allAudiences')}
          value={audience}
          onChange={(value) => setAudience(value)}
          options={TRAINING_AUDIENCES.map((value) => ({ value, label: t(`training.audiences.${value}`) }))}
        />
      </Flex>
      <ErrorAlert message={list.isError ? errorMessage(list.error, t) : null} />
      <Table<TrainingRow>
        data-testid="training-list"
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('training.list.empty') }}
        onRow={(row) => ({ onClick: () => setDialog({ kind: 'detail', id: row.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('training.list.columns.date'), dataIndex: 'date', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          {
            title: t('training.list.columns.title'),
            dataIndex: 'title',
            render: (title: string) => (
              <Button type="link" size="small" style={{ padding: 0 }}>
                {title}
              </Button>
            ),
          },
          { title: t('training.list.columns.audience'), dataIndex: 'audience', render: (a: TrainingAudience) => <Tag>{t(`training.audiences.${a}`)}</Tag> },
          { title: t('training.list.columns.trainer'), dataIndex: 'trainer' },
          { title: t('training.list.columns.hours'), dataIndex: 'hours', align: 'right' },
          {
            title: t('training.list.columns.attendance'),
            key: 'attendance',
            align: 'right',
            render: (_: unknown, row) => t('training.list.attendance', { attended: row.attended, invited: row.invited }),
          },
        ]}
      />
      {dialog?.kind === 'detail' ? (
        <TrainingDetailDrawer
          trainingId={dialog.id}
          onClose={() => setDialog(null)}
          onEdit={(training) => setDialog({ kind: 'edit', training })}
          onOpenHistory={setHistory}
          onNavigate={onNavigate}
        />
      ) : null}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <TrainingFormModal
          training={dialog.kind === 'edit' ? dialog.training : null}
          onClose={() => setDialog(dialog.kind === 'edit' ? { kind: 'detail', id: dialog.training.id } : null)}
          onSaved={(id) => setDialog({ kind: 'detail', id })}
        />
      ) : null}
      {history ? <PersonHistoryDrawer personKey={history} onClose={() => setHistory(null)} /> : null}
    </div>
  );
}
