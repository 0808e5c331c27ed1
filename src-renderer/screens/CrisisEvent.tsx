import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { OpenStepsList, RequestCloseModal, stepsBlockingClose } from '../components/crisis/CloseModals';
import { openStepsOfConflict, type OpenStepRef } from '../components/crisis/openEvent';
import { useTranslation } from 'react-i18next';
import type { CrisisEventDetail } from '../../src-shared/contract/crisis';
import { call } from '../api/client';
import { useCallQuery } from '../api/queries';
import { useRefetchKinds } from '../api/live-queries';
import { useWrite } from '../api/mutations';
import { LevelChangeModal } from '../components/crisis/LevelChangeModal';
import { CrisisLevelTag } from '../components/crisis/levels';
import { StepChecklist } from '../components/crisis/StepChecklist';
import { ReasonModal } from '../components/crisis/StepModals';
import { formatTime } from '../components/crisis/time';
import { EventFollowups } from '../components/followups/EventFollowups';
import { DisclosuresPanel } from '../components/referrals/DisclosuresPanel';
import { EventNotifications } from '../components/referrals/EventNotifications';
import { ReferralsPanel } from '../components/referrals/ReferralsPanel';
import { SafetyPlanPanel } from '../components/referrals/SafetyPlanPanel';
import { LeadershipPanel } from '../components/leadership/LeadershipPanel';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan } from '../session';

/** 危机事件: header, the checklist with live timers, level history and the other records of the event. */
export function CrisisEvent({ param, onNavigate }: { param: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const detail = useCallQuery('crisis.get', { id: param });
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => onNavigate('crisis')} style={{ paddingInline: 0 }}>
      {t('crisis.event.back')}
    </Button>
  );
  if (detail.isPending) return <Card loading title={back} />;
  if (detail.isError)
    return (
      <Card title={back}>
        <Alert type="error" showIcon title={errorMessage(detail.error, t)} />
      </Card>
    );
  return <EventBody detail={detail.data} back={back} onNavigate={onNavigate} />;
}

type Dialog = 'level' | 'requestClose' | 'rejectClose' | null;

function EventBody({ detail, back, onNavigate }: { detail: CrisisEventDetail; back: React.ReactNode; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('crisis.manage') && detail.content;
  const canApprove = useCan('crisis.approve');
  const refetch = useRefetchKinds();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState('checklist');
  const [refusedWith, setRefusedWith] = useState<OpenStepRef[] | null>(null);
  const { event } = detail;
  const closed = event.status === 'closed';

  /** A link to a step: the checklist tab, the step's row scrolled into view and focused. */
  const goToStep = (step: OpenStepRef) => {
    setTab('checklist');
    window.setTimeout(() => {
      const row = document.querySelector<HTMLElement>(`[data-testid="crisis-step-${step.key}"]`);
      row?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      row?.focus();
    }, 50);
  };

  const approve = useWrite('crisis.approveClose', {
    onSuccess: () => {
      setRefusedWith(null);
      void message.success(t('crisis.event.approved'));
    },
    onError: (failure) => {
      const blocking = openStepsOfConflict(failure);
      if (blocking) {
        setRefusedWith(blocking);
        // Refused because the steps changed meanwhile: show them as they are now.
        void refetch('crisis');
      }
      void message.error(errorMessage(failure, t));
    },
  });
  // While a close waits for approval, the steps that would block it are shown (the core's refusal wins).
  const blocking = event.status === 'closing' ? (refusedWith ?? stepsBlockingClose(detail.steps)) : [];

  const actions = (
    <Flex gap={8} wrap>
      {canManage && event.status === 'open' ? <Button onClick={() => setDialog('requestClose')}>{t('crisis.event.requestClose')}</Button> : null}
      {canApprove && event.status === 'closing' ? (
        <>
          <Popconfirm
            title={t('crisis.close.approveConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => void approve.run({ id: event.id })}
          >
            <Button type="primary">{t('crisis.event.approveClose')}</Button>
          </Popconfirm>
          <Button danger onClick={() => setDialog('rejectClose')}>
            {t('crisis.event.rejectClose')}
          </Button>
        </>
      ) : null}
      {canManage ? (
        <Button icon={<PrinterOutlined />} onClick={() => onNavigate('print', `crisis-report:${event.id}`)}>
          {t('crisis.event.print')}
        </Button>
      ) : null}
    </Flex>
  );

  const tabs = [
    {
      key: 'checklist',
      label: t('crisis.event.tabs.checklist'),
      children: <StepChecklist steps={detail.steps} coreNow={detail.now} closed={closed} canManage={canManage} />,
    },
    {
      key: 'levels',
      label: t('crisis.event.tabs.levels'),
      children: (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.levelChanges}
          columns={[
            { title: t('crisis.level.at'), dataIndex: 'changedAt', render: formatTime },
            { title: t('crisis.level.from'), dataIndex: 'fromLevel', render: (level: string | null) => (level ? <CrisisLevelTag level={level} /> : '–') },
            { title: t('crisis.level.to'), dataIndex: 'toLevel', render: (level: string) => <CrisisLevelTag level={level} /> },
            { title: t('crisis.level.reason'), key: 'reason', render: (_, c) => (c.fromLevel === null ? t('crisis.level.initial') : (c.reason ?? '–')) },
            { title: t('crisis.level.by'), key: 'by', render: (_, c) => c.changedBy?.displayName ?? '–' },
          ]}
        />
      ),
    },
    ...(detail.content
      ? [
          {
            key: 'notifications',
            label: t('crisis.event.tabs.notifications'),
            children: <EventNotifications eventId={event.id} contacts={detail.contacts ?? undefined} />,
          },
          { key: 'referrals', label: t('crisis.event.tabs.referrals'), children: <ReferralsPanel studentId={event.student.id} eventId={event.id} /> },
          { key: 'safetyPlan', label: t('crisis.event.tabs.safetyPlan'), children: <SafetyPlanPanel studentId={event.student.id} eventId={event.id} /> },
          { key: 'disclosures', label: t('crisis.event.tabs.disclosures'), children: <DisclosuresPanel studentId={event.student.id} eventId={event.id} /> },
          { key: 'followups', label: t('crisis.event.tabs.followups'), children: <EventFollowups studentId={event.student.id} eventId={event.id} /> },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="crisis-event">
      <div>{back}</div>
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {event.eventNo}
            </Typography.Title>
            <CrisisLevelTag level={event.level} />
            {canManage && !closed ? (
              <Button size="small" onClick={() => setDialog('level')}>
                {t('crisis.event.changeLevel')}
              </Button>
            ) : null}
          </Flex>
        }
        extra={actions}
      >
        {event.status === 'closing' ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('crisis.event.closeRequested', { who: event.closeRequestedBy?.displayName ?? '', when: formatTime(event.closeRequestedAt) })}
          />
        ) : null}
        {closed ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('crisis.event.closedBy', { who: event.approvedBy?.displayName ?? '', when: formatTime(event.closedAt) })}
          />
        ) : null}
        {!detail.content ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('crisis.event.noContent')} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'student',
              label: t('crisis.event.student'),
              children: (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('student', event.student.id)}>
                  {`${event.student.name} · ${event.student.studentNo}${event.student.department ? ` · ${event.student.department}` : ''}`}
                </Button>
              ),
            },
            { key: 'status', label: t('crisis.event.status'), children: <span data-testid="crisis-event-status">{t(`crisis.status.${event.status}`)}</span> },
            { key: 'discoveredAt', label: t('crisis.event.discoveredAt'), children: formatTime(event.discoveredAt) },
            { key: 'owner', label: t('crisis.event.owner'), children: event.owner?.displayName ?? '–' },
            { key: 'source', label: t('crisis.event.source'), children: t(`crisis.source.${event.source}`) },
            { key: 'version', label: t('crisis.event.templateVersion'), children: event.templateVersion },
            ...(detail.contacts
              ? [
                  {
                    key: 'guardians',
                    label: t('crisis.event.guardians'),
                    span: 'filled' as const,
                    children: (
                      <span data-testid="crisis-guardians">
                        {detail.contacts.guardians.length === 0
                          ? t('crisis.event.noGuardians')
                          : detail.contacts.guardians
                              .map((g) => [g.name, g.relation ? `（${g.relation}）` : '', g.phone ? ` ${g.phone}` : ''].join(''))
                              .join('；')}
                      </span>
                    ),
                  },
                  { key: 'departmentCounselor', label: t('crisis.event.departmentCounselor'), children: detail.contacts.departmentCounselor ?? '–' },
                ]
              : []),
            ...(event.description
              ? [
                  {
                    key: 'description',
                    label: t('crisis.event.description'),
                    span: 'filled' as const,
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{event.description}</span>,
                  },
                ]
              : []),
            ...(event.summary
              ? [
                  {
                    key: 'summary',
                    label: t('crisis.event.summary'),
                    span: 'filled' as const,
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{event.summary}</span>,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <LeadershipPanel eventId={event.id} closed={closed} />
      {blocking.length > 0 && canApprove ? <OpenStepsList steps={blocking} refused={refusedWith !== null} onGoTo={goToStep} /> : null}
      <Card>
        <Tabs items={tabs} activeKey={tab} onChange={setTab} destroyOnHidden />
      </Card>
      {dialog === 'level' ? (
        <LevelChangeModal
          eventId={event.id}
          current={event.level}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            void message.success(t('crisis.event.levelChanged'));
          }}
        />
      ) : null}
      {dialog === 'requestClose' ? (
        <RequestCloseModal
          steps={detail.steps}
          onGoToStep={goToStep}
          onClose={() => setDialog(null)}
          onSubmit={async (summary) => {
            await call('crisis.requestClose', { id: event.id, summary });
            void message.success(t('crisis.event.closeRequestSent'));
          }}
        />
      ) : null}
      {dialog === 'rejectClose' ? (
        <ReasonModal
          title={t('crisis.close.rejectTitle')}
          label={t('crisis.close.rejectReason')}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            await call('crisis.rejectClose', { id: event.id, reason });
            void message.success(t('crisis.event.rejected'));
          }}
        />
      ) : null}
    </Flex>
  );
}
