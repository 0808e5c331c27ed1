import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Form, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { FOLLOWUP_OUTCOMES } from '../../../src-shared/contract/census';
import { useSession } from '../../session';
import { rolesGrant } from '../../../src-shared/permissions';
import { useOpenCrisisFromAlert } from '../crisis/openFromAlert';
import { FormModal } from '../FormModal';
import { assessmentActionError } from './errors';
import { LevelTag } from './FlagTags';
import { SafetyActionFields, safetyActionPayload, type SafetyActionValues } from './SafetyActionFields';
import { findingTitle, flagExplanation } from './labels';
import type { AlertItem } from './types';
import { localTime } from '../../../src-shared/labels/local-time';
import { isTextKey } from '../../i18n/keys';

/** A report's alert reads as what was reported ("上报：谈及死亡"), never its code. */
function reportAlertLabel(t: TFunction, code: string): string {
  const key = `reports.alerts.codes.${code}`;
  return t('reports.alerts.label', { sign: isTextKey(key) ? t(key) : t('reports.alerts.codes.REPORT_URGENT') });
}

type AckValues = SafetyActionValues & { recordOutcome?: boolean; outcome?: (typeof FOLLOWUP_OUTCOMES)[number] };

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
  const critical = alert.level === 'CRITICAL';
  const [form] = Form.useForm<AckValues>();
  // A census alert can record the interview outcome at the same time (item 9): the core acknowledges the batch's alerts with it.
  const roles = useSession().session.roles;
  const census = useCallQuery(
    'census.followupForAlert',
    { alertId: alert.id },
    { enabled: alert.source === 'assessment' && rolesGrant(roles, 'census.clinical') },
  );
  const pendingFollowup = census.data && census.data.followup.status === 'pending' ? census.data : null;
  const recordOutcome = Form.useWatch('recordOutcome', form) === true;
  // The alert lists and the interview list refetch from store.changed.
  const acknowledge = useAction(
    async (values: AckValues) => {
      if (values.recordOutcome && pendingFollowup && values.outcome) {
        const payload = safetyActionPayload(values);
        await call('census.recordOutcome', {
          followupId: pendingFollowup.followup.id,
          outcome: values.outcome,
          note: payload.note ?? '',
          acknowledge: payload,
        });
        const all = await call('alerts.list', { status: 'all', studentId: alert.student.id });
        return all.find((a) => a.id === alert.id) ?? alert;
      }
      return call('alerts.acknowledge', { alertId: alert.id, ...safetyActionPayload(values) });
    },
    { form, onSuccess: onDone },
  );
  const opener = useOpenCrisisFromAlert({ onSuccess: (opened) => onOpenedCrisis?.(opened.id) });
  const pending = acknowledge.pending || opener.pending;

  const submit = (values: AckValues) => {
    opener.reset();
    return acknowledge.run(values);
  };

  const openCrisis = () => {
    acknowledge.reset();
    return opener.run(alert);
  };

  return (
    <FormModal<AckValues>
      title={t('assessments.alerts.ackTitle')}
      okText={t('assessments.alerts.acknowledge')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={assessmentActionError(acknowledge, t) ?? assessmentActionError(opener, t)}
      width={640}
      before={
        <>
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
                    <LevelTag level={alert.level} /> {alert.source === 'report' ? reportAlertLabel(t, alert.code) : findingTitle(t, alert.instrument, alert)}
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
        </>
      }
    >
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
    </FormModal>
  );
}
