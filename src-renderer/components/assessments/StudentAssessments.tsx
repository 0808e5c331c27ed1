import { EditOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { useCan } from '../../session';
import { AssessmentDetailDrawer, ScreenTag } from './AssessmentDetailDrawer';
import { assessmentErrorMessage } from './errors';
import { FlagTags } from './FlagTags';
import { assessmentWhen, bandLabel, instrumentName } from './labels';
import { PaperEntryModal } from './PaperEntryModal';
import { StartAssessmentModal, useHandOver } from './StartAssessmentModal';
import { TrendChart } from './TrendChart';
import type { AssessmentSummary } from './types';
import type { Resource } from '../../i18n/types';

type Dialog = { kind: 'start' } | { kind: 'paper' } | { kind: 'detail'; id: string } | null;

/** The 心理测评 tab of a student's file (clinical roles): list, trend, on-screen and paper entry, detail. */
export function StudentAssessments({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canGive = useCan('assessments.clinical');
  const list = useCallQuery('assessments.listForStudent', { studentId });
  const handOver = useHandOver();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [resuming, setResuming] = useState<string | null>(null);
  const assessments = list.data ?? [];

  const resume = async (id: string) => {
    setResuming(id);
    try {
      await handOver(id);
    } catch (failure) {
      void message.error(assessmentErrorMessage(failure, t));
      setResuming(null);
    }
  };

  const columns: ColumnsType<AssessmentSummary> = [
    {
      title: t('assessments.list.instrument'),
      dataIndex: 'instrument',
      render: (id: string) => instrumentName(id),
    },
    {
      title: t('assessments.list.date'),
      key: 'date',
      render: (_, a) => assessmentWhen(a),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      title: t('assessments.list.mode'),
      dataIndex: 'mode',
      render: (mode: keyof Resource['assessments']['modes']) => t(`assessments.modes.${mode}`),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      title: t('assessments.list.status'),
      dataIndex: 'status',
      render: (status: AssessmentSummary['status']) => (
        <Tag color={status === 'complete' ? 'default' : 'processing'}>{t(`assessments.statuses.${status}`)}</Tag>
      ),
    },
    {
      title: t('assessments.list.total'),
      dataIndex: 'total',
      align: 'right',
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (total: number | null, a) =>
        total === null ? (
          '–'
        ) : (
          <>
            <strong>{total}</strong>
            {/* SDS/SAS: the total is the raw score; the band is read on the standard score. */}
            {a.instrument === 'sds' || a.instrument === 'sas' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                {t('assessments.detail.zung.raw')}
              </Typography.Text>
            ) : null}
          </>
        ),
    },
    {
      title: t('assessments.list.band'),
      key: 'band',
      render: (_, a) => (
        <Flex gap={4} wrap align="center">
          {a.band ? <span>{bandLabel(t, a.instrument, a.band)}</span> : null}
          <ScreenTag value={a.screenPositive} />
        </Flex>
      ),
    },
    { title: t('assessments.list.flags'), key: 'flags', render: (_, a) => (a.status === 'complete' ? <FlagTags flags={a.flags} /> : null) },
    {
      title: t('common.actions'),
      key: 'actions',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, a) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'detail', id: a.id })}>
            {t('assessments.list.details')}
          </Button>
          {canGive && a.status === 'in_progress' && a.mode === 'on_screen' ? (
            <Button type="link" size="small" loading={resuming === a.id} onClick={() => void resume(a.id)}>
              {t('assessments.list.resume')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="student-assessments">
      {canGive ? (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setDialog({ kind: 'start' })}>
            {t('assessments.list.startOnScreen')}
          </Button>
          <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'paper' })}>
            {t('assessments.list.enterPaper')}
          </Button>
        </Flex>
      ) : null}
      {list.isError ? <Alert type="error" showIcon title={assessmentErrorMessage(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<AssessmentSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={assessments}
        loading={list.isPending}
        pagination={assessments.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t('assessments.list.empty') }}
        scroll={{ x: 960 }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('assessments.notDiagnosis')}
      </Typography.Paragraph>
      {assessments.some((a) => a.status === 'complete' && a.total !== null) ? (
        <div style={{ marginTop: 8 }}>
          <TrendChart assessments={assessments} />
        </div>
      ) : null}
      {dialog?.kind === 'start' ? <StartAssessmentModal studentId={studentId} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'paper' ? (
        <PaperEntryModal studentId={studentId} onClose={() => setDialog(null)} onSaved={(saved) => setDialog({ kind: 'detail', id: saved.id })} />
      ) : null}
      {dialog?.kind === 'detail' ? <AssessmentDetailDrawer assessmentId={dialog.id} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
