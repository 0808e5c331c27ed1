import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, type ChannelOutput } from '../../../src-shared/contract';
import { CallError } from '../../api/client';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage, schemaRule } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { useOpenCrisisForFinding } from '../crisis/openFromAlert';
import { LevelTag } from './FlagTags';
import { findingTitle, flagExplanation, shortName } from './labels';

type Findings = ChannelOutput<'assessments.criticalFindings'>;
type Finding = Findings['findings'][number];

const reasonSchema = channels['alerts.defer'].input.shape.reason;

function FindingBlock({ instrument, finding }: { instrument: string; finding: Finding }) {
  const { t } = useTranslation();
  const critical = finding.level === 'CRITICAL';
  const answer =
    finding.answer === null
      ? t('assessments.detail.missing')
      : finding.answerText
        ? t('assessments.criticalResult.answerValue', { label: finding.answerText, value: finding.answer })
        : String(finding.answer);
  return (
    <section
      data-testid="critical-finding"
      data-level={finding.level}
      style={{
        borderInlineStart: `4px solid ${critical ? '#cf1322' : '#d46b08'}`,
        background: critical ? '#fff1f0' : '#fff7e6',
        borderRadius: 6,
        padding: '10px 14px',
        marginBottom: 12,
      }}
    >
      <Flex align="center" gap={8} wrap>
        <LevelTag level={finding.level} />
        <Typography.Text strong>{findingTitle(t, instrument, finding)}</Typography.Text>
      </Flex>
      {finding.item !== null ? (
        <Typography.Paragraph style={{ margin: '8px 0 4px' }} data-testid="critical-finding-item">
          {finding.itemText
            ? t('assessments.criticalResult.itemWithText', { instrument: shortName(instrument), item: finding.item, text: finding.itemText })
            : `${t('assessments.criticalResult.item', { instrument: shortName(instrument), item: finding.item })} ${t('assessments.criticalResult.itemTextMissing')}`}
        </Typography.Paragraph>
      ) : null}
      {finding.item !== null ? (
        <Typography.Paragraph style={{ margin: '0 0 4px' }}>
          <Typography.Text type="secondary">{t('assessments.criticalResult.answer')}</Typography.Text>
          <Typography.Text strong type={critical ? 'danger' : undefined} data-testid="critical-finding-answer">
            {answer}
          </Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph style={{ margin: 0 }}>
        <Typography.Text type="secondary">{t('assessments.criticalResult.protocol')}</Typography.Text>
        {flagExplanation(t, { code: finding.code, item: finding.item })}
      </Typography.Paragraph>
    </section>
  );
}

/**
 * Shown at once when the teacher leaves student mode and the form raised a CRITICAL or URGENT
 * flag: the item, the answer, what the protocol says; 立即开启危机事件 (or the open event) and
 * 稍后处理 with a reason. It cannot be dismissed without one of the two.
 */
export function CriticalResultModal({ assessmentId, onDone, onNavigate }: { assessmentId: string; onDone: () => void; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canOpenCrisis = useCan('crisis.manage');
  const canDefer = useCan('alerts.acknowledge');
  const result = useCallQuery('assessments.criticalFindings', { assessmentId });
  const [deferring, setDeferring] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const data = result.data;
  // The alert lists, the header count, the board and the student's file refetch from store.changed.
  const goTo = useOpenCrisisForFinding({
    onSuccess: (eventId) => {
      onDone();
      onNavigate('crisisEvent', eventId);
    },
  });
  const deferAlerts = useWrite('alerts.defer', {
    onSuccess: () => {
      void message.success(t('assessments.criticalResult.deferred'));
      onDone();
    },
  });
  const pending = goTo.pending ? 'open' : deferAlerts.pending ? 'defer' : null;
  const error = goTo.error ?? deferAlerts.error;
  // Someone without the right to see item answers signed in after a lock: not for them (the header count stays).
  const notForThisUser = result.error instanceof CallError && (result.error.code === 'FORBIDDEN' || result.error.code === 'NOT_FOUND');
  const nothingToShow = (data !== undefined && data.findings.every((f) => f.acknowledged)) || notForThisUser;

  useEffect(() => {
    // Nothing at CRITICAL or URGENT (or already handled elsewhere): no dialog at all.
    if (nothingToShow) onDone();
  }, [nothingToShow, onDone]);

  if (result.isPending || nothingToShow) return null;

  if (result.isError || !data) {
    return (
      <Modal
        open
        title={t('assessments.criticalResult.titleUnknown')}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={<Button onClick={onDone}>{t('assessments.criticalResult.close')}</Button>}
      >
        <Alert type="error" showIcon title={t('assessments.criticalResult.loadFailed')} description={errorMessage(result.error, t)} />
      </Modal>
    );
  }

  const open = data.findings.filter((f) => !f.acknowledged);
  const critical = open.some((f) => f.level === 'CRITICAL');

  const goToEvent = async () => {
    goTo.reset();
    deferAlerts.reset();
    await goTo.run({
      studentId: data.student.id,
      instrument: data.instrument,
      finding: data.findings.find((f) => !f.acknowledged) ?? null,
      openEventId: data.openEvent?.id ?? null,
    });
  };

  const defer = async ({ reason }: { reason: string }) => {
    goTo.reset();
    deferAlerts.reset();
    await deferAlerts.run({ assessmentId, reason });
  };

  const footer = deferring ? (
    <Flex justify="end" gap={8}>
      <Button onClick={() => setDeferring(false)} disabled={pending !== null}>
        {t('assessments.criticalResult.back')}
      </Button>
      <Button type="primary" loading={pending === 'defer'} onClick={() => form.submit()}>
        {t('assessments.criticalResult.laterOk')}
      </Button>
    </Flex>
  ) : (
    <Flex justify="end" gap={8} wrap>
      {canDefer ? (
        <Button onClick={() => setDeferring(true)} disabled={pending !== null}>
          {t('assessments.criticalResult.later')}
        </Button>
      ) : (
        <Button onClick={onDone}>{t('assessments.criticalResult.close')}</Button>
      )}
      {canOpenCrisis ? (
        <Button type="primary" danger autoFocus loading={pending === 'open'} onClick={() => void goToEvent()} data-testid="critical-result-open-event">
          {data.openEvent ? t('assessments.criticalResult.viewOpenEvent') : t('assessments.criticalResult.openEvent')}
        </Button>
      ) : null}
    </Flex>
  );

  return (
    <Modal
      open
      width={640}
      title={
        <span style={{ color: critical ? '#cf1322' : '#ad4e00' }}>
          {t(critical ? 'assessments.criticalResult.titleCritical' : 'assessments.criticalResult.titleUrgent')}
        </span>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={footer}
      data-testid="critical-result-modal"
      destroyOnHidden
    >
      <div data-testid="critical-result">
        <Typography.Paragraph>
          {t('assessments.criticalResult.intro')}
          <Typography.Text strong>{t('assessments.criticalResult.student', { name: data.student.name, studentNo: data.student.studentNo })}</Typography.Text>
        </Typography.Paragraph>
        {data.provisional ? <Alert type="warning" showIcon title={t('assessments.criticalResult.provisional')} style={{ marginBottom: 12 }} /> : null}
        {open.map((finding) => (
          <FindingBlock key={finding.code} instrument={data.instrument} finding={finding} />
        ))}
        {data.openEvent ? (
          <Alert
            type="info"
            showIcon
            title={t('assessments.criticalResult.openEventExists', { eventNo: data.openEvent.eventNo })}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        {deferring ? (
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void defer(v)} disabled={pending !== null}>
            <Typography.Paragraph type="secondary">{t('assessments.criticalResult.laterHint')}</Typography.Paragraph>
            <Form.Item name="reason" label={t('assessments.criticalResult.laterReason')} rules={[schemaRule(reasonSchema, 'reason', t)]}>
              <Input.TextArea autoFocus rows={3} maxLength={200} showCount placeholder={t('assessments.criticalResult.laterPlaceholder')} />
            </Form.Item>
          </Form>
        ) : null}
      </div>
    </Modal>
  );
}
