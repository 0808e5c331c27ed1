import { OpenCrisisButton } from '../crisis/OpenCrisisButton';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { isSubstantialNote } from '../../../src-shared/contract/actions';
import type { Report } from '../../../src-shared/contract/reports';
import { rolesGrant, isTraineeOnly } from '../../../src-shared/permissions';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan, useSession } from '../../session';
import { SafetyActionFields, safetyActionPayload, type SafetyActionValues } from '../assessments/SafetyActionFields';
import { LevelTag } from '../assessments/FlagTags';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal, submitsWith } from '../FormModal';
import { SignTags, UrgencyTag } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';

type LinkChoice = 'alert' | 'crisis';
type CloseValues = SafetyActionValues & { link?: LinkChoice };

/**
 * 分诊结案: an action from the structured list with its note. A report that raised a CRITICAL alert
 * is closed only linked to what was done (the alert acknowledged with this action, or the crisis
 * event under way); a trainee's closing of it waits for the supervisor. The core checks all of it.
 */
function CloseReportModal({ report, onClose, onDone }: { report: Report; onClose: () => void; onDone: (requested: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CloseValues>();
  const close = useWrite('reports.close', { form, onSuccess: (done) => onDone(done.status === 'new') });
  const critical = report.alert?.level === 'CRITICAL';
  const roles = useSession().session.roles;
  const traineeOnly = isTraineeOnly(roles);
  const underWay = useCallQuery('crisis.openForStudent', { studentId: report.student.id }, { enabled: critical && rolesGrant(roles, 'crisis.read') });
  const event = underWay.data?.events[0];
  const toInput = (values: CloseValues) => {
    const link =
      values.link === 'crisis' && event
        ? { crisisEventId: event.id }
        : values.link === 'alert' && !report.alert?.acknowledged
          ? { acknowledgeAlert: true }
          : {};
    return { id: report.id, ...safetyActionPayload(values), ...link };
  };
  return (
    <FormModal<CloseValues>
      title={t('reports.triage.closeTitle')}
      okText={t('reports.triage.close')}
      form={form}
      {...submitsWith(close, toInput)}
      onClose={onClose}
      width={600}
      before={
        <>
          {critical ? (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('reports.triage.criticalIntro')} description={t('reports.triage.linkHint')} />
          ) : null}
          {critical && traineeOnly ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('reports.triage.traineeHint')} /> : null}
          <Typography.Paragraph type="secondary">{t('reports.triage.closeIntro')}</Typography.Paragraph>
        </>
      }
    >
      <SafetyActionFields form={form} autoFocus />
      {critical ? (
        <Form.Item name="link" label={t('reports.triage.link')} rules={[{ required: true, message: t('reports.triage.linkRequired') }]}>
          <Radio.Group>
            <Flex vertical gap={4}>
              <Radio value="alert">{report.alert?.acknowledged ? t('reports.triage.linkAlertDone') : t('reports.triage.linkAlert')}</Radio>
              {event ? <Radio value="crisis">{t('reports.triage.linkCrisis', { eventNo: event.eventNo })}</Radio> : null}
            </Flex>
          </Radio.Group>
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

/** A trainee's closing of a CRITICAL report, waiting: their supervisor (or the director) approves or declines. */
function CloseRequestBlock({ report, onDone }: { report: Report; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const canDecide = useCan('reports.approveClose');
  const [declining, setDeclining] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const decision = useWrite('reports.decideClose', {
    onSuccess: (_done, input) => {
      setDeclining(false);
      onDone(input.approve ? t('reports.triage.approved') : t('reports.triage.rejected'));
    },
  });
  const { pending, error } = decision;
  const request = report.closeRequest;
  if (!request) return null;
  const decide = (approve: boolean, note?: string) => decision.run({ requestId: request.id, approve, ...(note ? { note } : {}) });
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="report-close-request"
      title={t('reports.triage.closeRequest')}
      description={
        <div>
          <div>
            {t('reports.triage.closeRequestBy', { who: request.requestedBy?.displayName ?? '—', action: t(`assessments.safetyActions.${request.action}`) })}
          </div>
          {request.note ? <div>{request.note}</div> : null}
          <ErrorAlert message={error} />
          {declining ? (
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void decide(false, v.note.trim())}
              disabled={pending}
              style={{ marginTop: 8 }}
            >
              <Form.Item
                name="note"
                label={t('reports.triage.rejectNote')}
                rules={[
                  {
                    validator: async (_r: unknown, v: string | undefined) => {
                      if (!isSubstantialNote(v)) throw new Error(t('validation.messages.decisionNoteRequired'));
                    },
                  },
                ]}
              >
                <Input.TextArea rows={2} maxLength={1000} aria-label={t('reports.triage.rejectNote')} />
              </Form.Item>
              <Button htmlType="submit" size="small" loading={pending}>
                {t('reports.triage.rejectClose')}
              </Button>
            </Form>
          ) : null}
        </div>
      }
      action={
        canDecide && !declining ? (
          <Space direction="vertical">
            <Button size="small" type="primary" loading={pending} onClick={() => void decide(true)}>
              {t('reports.triage.approveClose')}
            </Button>
            <Button size="small" disabled={pending} onClick={() => setDeclining(true)}>
              {t('reports.triage.rejectClose')}
            </Button>
          </Space>
        ) : null
      }
    />
  );
}

/** One report in full, with the two ways out of the queue: intake, or closing with a note. */
export function ReportDetailDrawer({ reportId, onClose, onNavigate }: { reportId: string; onClose: () => void; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
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
              {
                key: 'description',
                label: t('reports.triage.description'),
                children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{data.description ?? '—'}</Typography.Paragraph>,
              },
              {
                key: 'reporter',
                label: t('reports.triage.reporter'),
                children: [t(`reports.kinds.${data.reporterKind}`), data.reporterName].filter(Boolean).join(' · '),
              },
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
                          <LevelTag level={data.alert.level as 'CRITICAL'} />{' '}
                          {t(data.alert.acknowledged ? 'reports.triage.alertAcknowledged' : 'reports.triage.alertOpen')}
                        </>
                      ),
                    },
                  ]
                : []),
              ...(data.status !== 'new'
                ? [
                    { key: 'handledBy', label: t('reports.triage.handledBy'), children: `${data.handledBy ?? '—'} · ${localTime(data.handledAt)}` },
                    ...(data.closeAction
                      ? [{ key: 'closeAction', label: t('reports.triage.closeAction'), children: t(`assessments.safetyActions.${data.closeAction}`) }]
                      : []),
                    ...(data.triageNote ? [{ key: 'note', label: t('reports.triage.triageNote'), children: data.triageNote }] : []),
                    ...(data.links && (data.links.alertId || data.links.crisisEventId || data.links.intakeId)
                      ? [
                          {
                            key: 'links',
                            label: t('reports.triage.links'),
                            children: (
                              <Flex vertical>
                                {data.links.alertId ? <span>{t('reports.triage.linkedAlert')}</span> : null}
                                {data.links.crisisEventId ? (
                                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('crisisEvent', data.links!.crisisEventId!)}>
                                    {t('reports.triage.linkedCrisis')}
                                  </Button>
                                ) : null}
                                {data.links.intakeId ? <span>{t('reports.triage.linkedIntake')}</span> : null}
                              </Flex>
                            ),
                          },
                        ]
                      : []),
                  ]
                : []),
            ]}
          />
          <CloseRequestBlock
            report={data}
            onDone={(text) => {
              // The report and the alert lists refetch from store.changed.
              void message.success(text);
            }}
          />
          <Flex gap={8}>
            {data.status === 'new' && canIntake ? (
              <Button type="primary" onClick={() => onNavigate('intake', `report:${data.id}`)}>
                {t('reports.triage.startIntake')}
              </Button>
            ) : null}
            {data.status === 'new' && !data.closeRequest ? <Button onClick={() => setClosing(true)}>{t('reports.triage.close')}</Button> : null}
            {data.caseId && canIntake ? <Button onClick={() => onNavigate('case', data.caseId!)}>{t('reports.triage.goToCase')}</Button> : null}
            <OpenCrisisButton studentId={data.student.id} reportId={data.id} onNavigate={onNavigate} />
          </Flex>
        </Flex>
      ) : null}
      {closing && data ? (
        <CloseReportModal
          report={data}
          onClose={() => setClosing(false)}
          onDone={(requested) => {
            setClosing(false);
            void message.success(requested ? t('reports.triage.requested') : t('reports.triage.closed'));
          }}
        />
      ) : null}
    </Drawer>
  );
}
