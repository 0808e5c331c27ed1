import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Form, Modal, Radio, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from '../../i18n';
import { call } from '../../api/client';
import { callKey, useCallQuery } from '../../api/queries';
import { FOLLOWUP_OUTCOMES } from '../../../src-shared/contract/census';
import { fieldErrors } from '../../i18n/errors';
import { useSession } from '../../session';
import { rolesGrant } from '../../../src-shared/permissions';
import { useCrisisLevels } from '../crisis/levels';
import { openCrisisFromAlert } from '../crisis/openFromAlert';
import { ErrorAlert } from '../ErrorAlert';
import { assessmentErrorMessage } from './errors';
import { LevelTag } from './FlagTags';
import { SafetyActionFields, safetyActionPayload, type SafetyActionValues } from './SafetyActionFields';
import { flagExplanation, flagLabel, shortName } from './labels';
import type { AlertItem } from './types';
import { localTime } from '../../../src-shared/labels/local-time';

/** A report's alert reads as what was reported ("上报：谈及死亡"), never its code. */
function reportAlertLabel(t: TFunction, code: string): string {
  const key = `reports.alerts.codes.${code}`;
  return t('reports.alerts.label', { sign: i18n.exists(key) ? t(key) : t('reports.alerts.codes.REPORT_URGENT') });
}

/**
 * Acknowledging means recording what was done. For a CRITICAL alert the modal offers both ways:
 * open a crisis event (one click; the core acknowledges the alert with it) or record why not.
 */
export function AcknowledgeAlertModal({
  alert,
  onClose,
  onDone,
  onOpenedCrisis,
}: {
  alert: AlertItem;
  onClose: () => void;
  onDone: (alert: AlertItem) => void;
  onOpenedCrisis?: (eventId: string) => void;
}) {
  const { t } = useTranslation();
  const canOpenCrisis = rolesGrant(useSession().session.roles, 'crisis.manage') && onOpenedCrisis !== undefined;
  const levels = useCrisisLevels();
  const critical = alert.level === 'CRITICAL';
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SafetyActionValues & { recordOutcome?: boolean; outcome?: (typeof FOLLOWUP_OUTCOMES)[number] }>();
  // A census alert can record the interview outcome at the same time (item 9): the core acknowledges the batch's alerts with it.
  const roles = useSession().session.roles;
  const census = useCallQuery(
    'census.followupForAlert',
    { alertId: alert.id },
    { enabled: alert.source === 'assessment' && rolesGrant(roles, 'census.clinical') },
  );
  const pendingFollowup = census.data && census.data.followup.status === 'pending' ? census.data : null;
  const recordOutcome = Form.useWatch('recordOutcome', form) === true;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: SafetyActionValues & { recordOutcome?: boolean; outcome?: (typeof FOLLOWUP_OUTCOMES)[number] }) => {
    setPending(true);
    setError(null);
    try {
      if (values.recordOutcome && pendingFollowup && values.outcome) {
        const acknowledge = safetyActionPayload(values);
        await call('census.recordOutcome', { followupId: pendingFollowup.followup.id, outcome: values.outcome, note: acknowledge.note ?? '', acknowledge });
        const all = await call('alerts.list', { status: 'all', studentId: alert.student.id });
        onDone(all.find((a) => a.id === alert.id) ?? alert);
        void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('census.') });
        return;
      }
      const done = await call('alerts.acknowledge', { alertId: alert.id, ...safetyActionPayload(values) });
      onDone(done);
    } catch (failure) {
      const fields = fieldErrors(failure, t);
      if (fields.length > 0) form.setFields(fields as never);
      else setError(assessmentErrorMessage(failure, t));
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: callKey('alerts.list') });
    }
  };

  const openCrisis = async () => {
    setPending(true);
    setError(null);
    try {
      const opened = await openCrisisFromAlert(alert, levels, t);
      onOpenedCrisis?.(opened.id);
    } catch (failure) {
      setError(assessmentErrorMessage(failure, t));
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: callKey('alerts.list') });
    }
  };

  return (
    <Modal
      open
      title={t('assessments.alerts.ackTitle')}
      okText={t('assessments.alerts.acknowledge')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      mask={{ closable: false }}
      width={640}
    >
      <ErrorAlert message={error} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'student', label: t('assessments.alerts.student'), children: `${alert.student.name} · ${alert.student.studentNo}` },
          {
            key: 'code',
            label: t('assessments.alerts.code'),
            children: (
              <span>
                <LevelTag level={alert.level} />{' '}
                {alert.source === 'report'
                  ? reportAlertLabel(t, alert.code)
                  : `${shortName(alert.instrument)} ${flagLabel(t, { code: alert.code, item: alert.item })}`}
              </span>
            ),
          },
          { key: 'createdAt', label: t('assessments.alerts.createdAt'), children: localTime(alert.createdAt) },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {alert.source === 'report' ? t('reports.alerts.explain') : flagExplanation(t, { code: alert.code, item: alert.item })}
      </Typography.Paragraph>
      {critical && canOpenCrisis ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('crisis.alert.criticalChoice')}
          action={
            <Button danger type="primary" icon={<ThunderboltOutlined />} loading={pending} onClick={() => void openCrisis()}>
              {t('crisis.alert.openEvent')}
            </Button>
          }
        />
      ) : null}
      <Typography.Paragraph>{t('assessments.alerts.ackIntroStructured')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} disabled={pending}>
        <SafetyActionFields form={form} autoFocus />
        {pendingFollowup ? (
          <>
            <Form.Item name="recordOutcome" valuePropName="checked" extra={t('assessments.alerts.recordOutcomeHint')}>
              <Checkbox>{t('assessments.alerts.recordOutcome', { batch: pendingFollowup.batch.name })}</Checkbox>
            </Form.Item>
            {recordOutcome ? (
              <Form.Item name="outcome" label={t('assessments.alerts.outcome')} rules={[{ required: true, message: t('assessments.alerts.outcomeRequired') }]}>
                <Radio.Group options={FOLLOWUP_OUTCOMES.map((value) => ({ value, label: t(`census.outcomes.${value}`) }))} />
              </Form.Item>
            ) : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
