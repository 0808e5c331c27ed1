import { App, Button, Card, Form, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakGlassAccess } from '../../src-shared/contract';
import { call } from '../api/client';
import { useCallQuery } from '../api/queries';
import { FormModal, submitsWith } from '../components/FormModal';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { localTime } from '../../src-shared/labels/local-time';
import { useAction } from '../api/mutations';
import { listTableProps } from '../api/list-table';
import { ErrorAlert } from '../components/ErrorAlert';

type Verdict = 'justified' | 'unjustified';
const REVIEW_COLOR: Record<BreakGlassAccess['review'], string> = { pending: 'gold', justified: 'green', unjustified: 'red' };

function ReviewModal({ access, verdict, onClose }: { access: BreakGlassAccess; verdict: Verdict; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  // One way to write: pending and the translated error from useAction; the lists refetch from store.changed.
  const submitAction = useAction(async ({ note }: { note?: string }) => {
    await call('breakglass.review', { id: access.id, review: verdict, ...(note?.trim() ? { note: note.trim() } : {}) });
    void message.success(t('notes.breakGlass.done'));
    onClose();
  });
  return (
    <FormModal
      title={t('notes.breakGlass.reviewTitle', { name: access.account.displayName })}
      okText={t(verdict === 'justified' ? 'notes.breakGlass.markJustified' : 'notes.breakGlass.markUnjustified')}
      okDanger={verdict === 'unjustified'}
      form={form}
      {...submitsWith(submitAction)}
      onClose={onClose}
      requiredMark
      before={
        <>
          <Typography.Paragraph>
            {access.student.name}（{access.student.studentNo}）· {access.caseNo ?? ''} · {localTime(access.accessedAt)}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{access.reason}</Typography.Paragraph>
        </>
      }
    >
      <Form.Item name="note" label={t('notes.breakGlass.reviewNote')} rules={[{ max: 500, message: t('notes.editor.tooLong', { max: 500 }) }]}>
        <Input.TextArea rows={3} maxLength={500} autoFocus />
      </Form.Item>
    </FormModal>
  );
}

/** 紧急查阅审核: the director reviews each access to clinical content made with a stated reason. */
export function BreakGlassReview({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const queue = useCallQuery('breakglass.queue', { status });
  const [reviewing, setReviewing] = useState<{ access: BreakGlassAccess; verdict: Verdict } | null>(null);
  const columns: ColumnsType<BreakGlassAccess> = [
    {
      title: t('notes.breakGlass.when'),
      dataIndex: 'accessedAt',
      render: (value: string) => localTime(value),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    { title: t('notes.breakGlass.who'), key: 'who', render: (_, access) => access.account.displayName },
    {
      title: t('notes.breakGlass.student'),
      key: 'student',
      render: (_, access) => (
        <Button type="link" size="small" onClick={() => onNavigate('student', access.student.id)}>
          {access.student.name}（{access.student.studentNo}）
        </Button>
      ),
    },
    {
      title: t('notes.breakGlass.case'),
      key: 'case',
      render: (_, access) => (
        <Button type="link" size="small" onClick={() => onNavigate('case', access.caseId)}>
          {access.caseNo ?? access.caseId}
        </Button>
      ),
    },
    {
      title: t('notes.breakGlass.reason'),
      dataIndex: 'reason',
      render: (reason: string) => <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{reason}</Typography.Text>,
    },
    {
      title: t('notes.breakGlass.review'),
      key: 'review',
      render: (_, access) =>
        access.review === 'pending' ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setReviewing({ access, verdict: 'justified' })}>
              {t('notes.breakGlass.justified')}
            </Button>
            <Button type="link" size="small" danger onClick={() => setReviewing({ access, verdict: 'unjustified' })}>
              {t('notes.breakGlass.unjustified')}
            </Button>
          </Space>
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag color={REVIEW_COLOR[access.review]}>{t(`notes.breakGlass.${access.review}`)}</Tag>
            {access.reviewedBy ? (
              <Typography.Text type="secondary">
                {t('notes.breakGlass.reviewedBy', { name: access.reviewedBy.displayName, at: localTime(access.reviewedAt) })}
              </Typography.Text>
            ) : null}
            {access.reviewNote ? <Typography.Text>{access.reviewNote}</Typography.Text> : null}
          </Space>
        ),
    },
  ];
  return (
    <Card
      title={t('notes.breakGlass.title')}
      extra={
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as 'pending' | 'all')}
          options={[
            { value: 'pending', label: t('notes.breakGlass.filterPending') },
            { value: 'all', label: t('notes.breakGlass.filterAll') },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('notes.breakGlass.intro')}</Typography.Paragraph>
      <ErrorAlert message={queue.isError ? errorMessage(queue.error, t) : null} />
      <Table<BreakGlassAccess>
        {...listTableProps(queue, t(status === 'pending' ? 'notes.breakGlass.empty' : 'notes.breakGlass.emptyAll'))}
        columns={columns}
        scroll={{ x: 900 }}
      />
      {reviewing ? <ReviewModal access={reviewing.access} verdict={reviewing.verdict} onClose={() => setReviewing(null)} /> : null}
    </Card>
  );
}
