import { ArrowLeftOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Result, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TRANSITIONS, type CaseDetail, type CaseRow, type CaseStatus } from '../../src-shared/contract';
import { isSubstantialNote } from '../../src-shared/contract/actions';
import { useWrite } from '../api/mutations';
import { useCallQuery } from '../api/queries';
import { BreakGlassPrompt, isBreakGlassRequired } from '../components/access/BreakGlassPrompt';
import { StudentAssessments } from '../components/assessments/StudentAssessments';
import { OpenCrisisButton } from '../components/crisis/OpenCrisisButton';
import { PrintButton } from '../components/print/PrintButton';
import { CaseAppointments } from '../components/calendar/CaseAppointments';
import { CloseCaseModal, ReassignModal } from '../components/cases/CaseActionModals';
import { IntakeSummary } from '../components/cases/IntakeSummary';
import { CaseStatusTag, RiskTag } from '../components/cases/labels';
import { CaseNotes } from '../components/notes/CaseNotes';
import { StudentReports } from '../components/reports/StudentReports';
import { referralCaseTabs } from '../components/referrals/caseTabs';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan, useSession } from '../session';
import { localTime } from '../../src-shared/labels/local-time';
import type { TextKey } from '../i18n/keys';

/** The label of a move, by where the case is now. */
function moveLabel(from: CaseStatus, to: CaseStatus): TextKey {
  if (to === 'active') return from === 'on_hold' ? 'cases.view.resume' : 'cases.view.activate';
  if (to === 'on_hold') return 'cases.view.hold';
  return 'cases.view.close';
}

/** 个案: header, status moves, reassignment, and the case's intake, notes, appointments, assessments and reports. */
export function CaseView({ param, onNavigate }: { param: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const [breakGlassReason, setBreakGlassReason] = useState<string | undefined>();
  const detail = useCallQuery('cases.get', breakGlassReason ? { id: param, breakGlassReason } : { id: param });
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => onNavigate('cases')} style={{ paddingInline: 0 }}>
      {t('cases.view.back')}
    </Button>
  );
  if (detail.isPending) return <Card loading title={back} />;
  if (detail.isError) {
    if (isBreakGlassRequired(detail.error)) {
      return (
        <Flex vertical gap={16}>
          <div>{back}</div>
          <BreakGlassPrompt onSubmit={setBreakGlassReason} onCancel={() => onNavigate('cases')} pending={detail.isFetching} />
        </Flex>
      );
    }
    return (
      <Card title={back}>
        <Result status="error" title={errorMessage(detail.error, t)} />
      </Card>
    );
  }
  return <CaseBody detail={detail.data} back={back} onNavigate={onNavigate} />;
}

/** A close asked for while the student was at risk: the director approves (the case closes as asked) or declines with a reason. */
function PendingCaseClose({ detail, onDone }: { detail: CaseDetail; onDone: (row: CaseRow) => void }) {
  const { t } = useTranslation();
  const canDecide = useCan('cases.approveClose');
  const [declineNote, setDeclineNote] = useState<string | null>(null);
  /** A decline without a reason, said where the write's error would be. */
  const [noteMissing, setNoteMissing] = useState(false);
  const decision = useWrite('cases.decideClose', {
    onSuccess: (row) => {
      onDone(row);
      setDeclineNote(null);
    },
  });
  const pending = decision.pending;
  const error = noteMissing ? t('validation.messages.decisionNoteRequired') : decision.error;
  const request = detail.pendingClose!;
  const decide = async (approve: boolean) => {
    if (!approve && !isSubstantialNote(declineNote)) {
      decision.reset();
      setNoteMissing(true);
      return;
    }
    setNoteMissing(false);
    await decision.run({ requestId: request.id, approve, ...(approve ? {} : { note: declineNote!.trim() }) });
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="case-pending-close"
      title={t('cases.view.pendingClose', { who: request.requestedBy?.displayName ?? '—' })}
      description={
        <Flex vertical gap={6}>
          <span>{request.reason}</span>
          {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
          {declineNote !== null ? (
            <Input.TextArea
              rows={2}
              maxLength={1000}
              aria-label={t('cases.view.declineNote')}
              placeholder={t('cases.view.declineNote')}
              value={declineNote}
              onChange={(e) => setDeclineNote(e.target.value)}
            />
          ) : null}
        </Flex>
      }
      action={
        canDecide ? (
          <Flex vertical gap={4}>
            {declineNote === null ? (
              <Button size="small" type="primary" danger loading={pending} onClick={() => void decide(true)}>
                {t('cases.view.approveClose')}
              </Button>
            ) : null}
            <Button size="small" disabled={pending} onClick={() => (declineNote === null ? setDeclineNote('') : void decide(false))}>
              {t('cases.view.declineClose')}
            </Button>
          </Flex>
        ) : null
      }
    />
  );
}

function CaseBody({ detail, back, onNavigate }: { detail: CaseDetail; back: React.ReactNode; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const canSeeReports = useCan('reports.triage');
  const [closing, setClosing] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [moving, setMoving] = useState<CaseStatus | null>(null);
  const mayManage = session.roles.includes('director') || detail.counselor.id === session.accountId;
  const moves = CASE_TRANSITIONS[detail.status];
  const open = moves.length > 0;

  // The case and its lists refetch from store.changed after each write.
  const changed = (row: CaseRow) => {
    void message.success(row.status === 'closed' ? t('cases.view.closed') : t('cases.view.statusChanged', { status: t(`cases.status.${row.status}`) }));
  };
  const setStatus = useWrite('cases.setStatus', { onSuccess: changed });
  const error = setStatus.error;
  const move = async (to: CaseStatus) => {
    setMoving(to);
    await setStatus.run({ id: detail.id, status: to });
    setMoving(null);
  };

  const tabs = [
    { key: 'intake', label: t('cases.view.tabs.intake'), children: <IntakeSummary detail={detail} /> },
    { key: 'notes', label: t('cases.view.tabs.notes'), children: <CaseNotes caseId={detail.id} counselorId={detail.counselor.id} /> },
    { key: 'appointments', label: t('cases.view.tabs.appointments'), children: <CaseAppointments caseId={detail.id} studentId={detail.student.id} /> },
    { key: 'assessments', label: t('cases.view.tabs.assessments'), children: <StudentAssessments studentId={detail.student.id} /> },
    ...(canSeeReports
      ? [{ key: 'reports', label: t('cases.view.tabs.reports'), children: <StudentReports studentId={detail.student.id} onNavigate={onNavigate} /> }]
      : []),
    ...referralCaseTabs(t, detail.student.id, detail.id),
  ];

  return (
    <Flex vertical gap={16}>
      <div>{back}</div>
      {detail.access === 'break_glass' ? <Alert type="warning" showIcon title={t('cases.view.breakGlassBanner')} /> : null}
      <Card>
        <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('cases.title')} {detail.caseNo}
          </Typography.Title>
          <CaseStatusTag status={detail.status} />
          <RiskTag risk={detail.riskLevel} />
          <OpenCrisisButton studentId={detail.student.id} caseId={detail.id} onNavigate={onNavigate} />
          <PrintButton document="case" id={detail.id} onNavigate={onNavigate} />
          <span style={{ flex: 1 }} />
          {mayManage && open ? (
            <Flex gap={8} wrap>
              {moves.map((to) => (
                <Button
                  key={to}
                  type={to === 'closed' ? 'default' : 'primary'}
                  danger={to === 'closed'}
                  loading={moving === to}
                  onClick={() => (to === 'closed' ? setClosing(true) : void move(to))}
                >
                  {t(moveLabel(detail.status, to))}
                </Button>
              ))}
              <Button icon={<SwapOutlined />} onClick={() => setReassigning(true)}>
                {t('cases.view.reassign')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        {detail.pendingClose ? <PendingCaseClose detail={detail} onDone={(row) => changed(row)} /> : null}
        {!mayManage && open ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {t('cases.view.manageHint')}
          </Typography.Paragraph>
        ) : null}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'student',
              label: t('cases.view.student'),
              children: (
                <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onNavigate('student', detail.student.id)}>
                  {detail.student.name} {detail.student.studentNo}
                </Button>
              ),
            },
            { key: 'counselor', label: t('cases.view.counselor'), children: detail.counselor.displayName },
            { key: 'openedAt', label: t('cases.view.openedAt'), children: localTime(detail.openedAt) },
            ...(detail.closedAt
              ? [
                  { key: 'closedAt', label: t('cases.view.closedAt'), children: localTime(detail.closedAt) },
                  {
                    key: 'closingReason',
                    label: t('cases.view.closingReason'),
                    children: detail.closingReason ? t(`cases.closingReasons.${detail.closingReason}`) : '—',
                  },
                  {
                    key: 'closingSummary',
                    label: t('cases.view.closingSummary'),
                    span: 'filled' as const,
                    children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{detail.closingSummary ?? '—'}</Typography.Paragraph>,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card>
        <Tabs items={tabs} />
      </Card>
      {closing ? (
        <CloseCaseModal
          kase={detail}
          onClose={() => setClosing(false)}
          onDone={(row) => {
            setClosing(false);
            if (row.status !== 'closed' && row.pendingClose) {
              void message.success(t('cases.view.closeRequested'));
            } else changed(row);
          }}
        />
      ) : null}
      {reassigning ? (
        <ReassignModal
          kase={detail}
          onClose={() => setReassigning(false)}
          onDone={(row) => {
            setReassigning(false);
            void message.success(t('cases.view.reassigned', { name: row.counselor.displayName }));
          }}
        />
      ) : null}
    </Flex>
  );
}
