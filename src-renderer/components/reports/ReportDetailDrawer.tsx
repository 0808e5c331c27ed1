import { OpenCrisisButton } from '../crisis/OpenCrisisButton';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Modal, Skeleton, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { LevelTag } from '../assessments/FlagTags';
import { ErrorAlert } from '../ErrorAlert';
import { localTime, SignTags, UrgencyTag } from './labels';

function CloseReportModal({ reportId, onClose, onDone }: { reportId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ triageNote: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ triageNote }: { triageNote: string }) => {
    setPending(true);
    setError(null);
    try {
      await call('reports.close', { id: reportId, triageNote: triageNote.trim() });
      onDone();
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal open title={t('reports.triage.closeTitle')} okText={t('reports.triage.close')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={pending} mask={{ closable: false }}>
      <ErrorAlert message={error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={pending}>
        <Form.Item name="triageNote" label={t('reports.triage.closeNote')} rules={[{ required: true, whitespace: true, message: t('reports.triage.closeNoteRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('reports.triage.closeNotePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One report in full, with the two ways out of the queue: intake, or closing with a note. */
export function ReportDetailDrawer({ reportId, onClose, onNavigate }: { reportId: string; onClose: () => void; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canIntake = useCan('cases.clinical');
  const report = useCallQuery('reports.get', { id: reportId });
  const [closing, setClosing] = useState(false);
  const data = report.data;

  return (
    <Drawer open title={t('reports.triage.detailTitle')} size={560} onClose={onClose} destroyOnHidden>
      {report.isError ? <ErrorAlert message={errorMessage(report.error, t)} /> : null}
      {report.isPending ? <Skeleton active /> : null}
      {data ? (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              {
                key: 'student',
                label: t('reports.triage.student'),
                children: (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('student', data.student.id)}>
                    {data.student.name} <Typography.Text type="secondary">{data.student.studentNo}</Typography.Text>
                  </Button>
                ),
              },
              { key: 'status', label: t('reports.triage.status'), children: <Tag>{t(`reports.status.${data.status}`)}</Tag> },
              { key: 'urgency', label: t('reports.triage.urgency'), children: <UrgencyTag urgency={data.urgency} /> },
              { key: 'signs', label: t('reports.triage.signs'), children: <SignTags signs={data.signs} /> },
              { key: 'description', label: t('reports.triage.description'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{data.description ?? '—'}</Typography.Paragraph> },
              { key: 'reporter', label: t('reports.triage.reporter'), children: [t(`reports.kinds.${data.reporterKind}`), data.reporterName].filter(Boolean).join(' · ') },
              { key: 'contact', label: t('reports.triage.contact'), children: data.reporterContact ?? '—' },
              { key: 'reportedAt', label: t('reports.triage.reportedAt'), children: localTime(data.reportedAt) },
              { key: 'createdBy', label: t('reports.triage.createdBy'), children: `${data.createdBy ?? '—'} · ${localTime(data.createdAt)}` },
              ...(data.alert
                ? [
                    {
                      key: 'alert',
                      label: t('reports.triage.alert'),
                      children: (
                        <>
                          <LevelTag level={data.alert.level as 'CRITICAL'} /> {t(data.alert.acknowledged ? 'reports.triage.alertAcknowledged' : 'reports.triage.alertOpen')}
                        </>
                      ),
                    },
                  ]
                : []),
              ...(data.status !== 'new'
                ? [
                    { key: 'handledBy', label: t('reports.triage.handledBy'), children: `${data.handledBy ?? '—'} · ${localTime(data.handledAt)}` },
                    ...(data.triageNote ? [{ key: 'note', label: t('reports.triage.triageNote'), children: data.triageNote }] : []),
                  ]
                : []),
            ]}
          />
          <Flex gap={8}>
            {data.status === 'new' && canIntake ? (
              <Button type="primary" onClick={() => onNavigate('intake', `report:${data.id}`)}>
                {t('reports.triage.startIntake')}
              </Button>
            ) : null}
            {data.status === 'new' ? <Button onClick={() => setClosing(true)}>{t('reports.triage.close')}</Button> : null}
            {data.caseId && canIntake ? <Button onClick={() => onNavigate('case', data.caseId!)}>{t('reports.triage.goToCase')}</Button> : null}
            <OpenCrisisButton studentId={data.student.id} reportId={data.id} onNavigate={onNavigate} />
          </Flex>
        </Flex>
      ) : null}
      {closing ? (
        <CloseReportModal
          reportId={reportId}
          onClose={() => setClosing(false)}
          onDone={() => {
            setClosing(false);
            void message.success(t('reports.triage.closed'));
            void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('reports.') });
          }}
        />
      ) : null}
    </Drawer>
  );
}
