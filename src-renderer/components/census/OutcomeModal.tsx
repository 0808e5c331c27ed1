import { Alert, Checkbox, Divider, Flex, Form, Input, Radio, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_OUTCOMES, type ChannelInput } from '../../../src-shared/contract';
import { isSubstantialNote } from '../../../src-shared/contract/actions';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { useAction } from '../../api/mutations';
import { FormModal } from '../FormModal';
import { SafetyActionFields, safetyActionPayload, type SafetyActionValues } from '../assessments/SafetyActionFields';
import { OUTCOME_COLORS, reasonLabel, type Followup, type FollowupOutcome } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';

interface Values {
  outcome: FollowupOutcome;
  note?: string;
  changeReason?: string;
  keyAttention?: 'keep' | 'remove';
}

type OpenAlert = NonNullable<Followup['openAlerts']>[number];
const isSevere = (alert: OpenAlert) => alert.level === 'CRITICAL' || alert.level === 'URGENT';

/** The student's open alerts from this batch, named with the one label source. */
export function OpenAlertTags({ alerts }: { alerts: readonly OpenAlert[] }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={4}>
      {alerts.map((alert) => (
        <Tag key={alert.id} color={alert.level === 'CRITICAL' ? 'red' : alert.level === 'URGENT' ? 'orange' : 'gold'} style={{ marginInlineEnd: 0 }}>
          {reasonLabel(alert.code, t)}
        </Tag>
      ))}
    </Flex>
  );
}

/** What was recorded before, oldest first: outcomes, changes with their reasons, reopenings. */
function FollowupHistory({ followupId }: { followupId: string }) {
  const { t } = useTranslation();
  const history = useCallQuery('census.followupHistory', { followupId });
  if (!history.data || history.data.length === 0) return null;
  return (
    <>
      <Divider titlePlacement="start" plain style={{ margin: '8px 0 12px' }}>
        {t('census.followups.outcome.history')}
      </Divider>
      <Timeline
        data-testid="census-followup-history"
        items={history.data.map((row) => ({
          key: row.id,
          color: row.kind === 'reopened' ? 'red' : row.kind === 'outcome_changed' ? 'orange' : 'green',
          content: (
            <Flex vertical gap={2}>
              <Typography.Text>
                {localTime(row.at)} · {t(`census.followups.outcome.historyKinds.${row.kind}`)}
                {row.outcome ? ` · ${t(`census.outcomes.${row.outcome}`)}` : ''}
                {row.actor ? ` · ${row.actor}` : ''}
              </Typography.Text>
              {row.note ? <Typography.Text type="secondary">{row.note}</Typography.Text> : null}
              {row.kind === 'outcome_changed' && row.reason ? (
                <Typography.Text type="secondary">{t('census.followups.outcome.historyReason', { reason: row.reason })}</Typography.Text>
              ) : null}
              {row.kind === 'reopened' && row.reason ? (
                <Typography.Text type="secondary">
                  {row.reason
                    .split(',')
                    .map((code) => reasonLabel(code, t))
                    .join('、')}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        }))}
      />
    </>
  );
}

/**
 * 记录约谈结果: 无需跟进 / 继续观察 / 重点关注 / 危机, and a short note. The student's open alerts
 * from the batch can be acknowledged in the same step (required for 无需跟进 while a CRITICAL or
 * URGENT one is open); changing a recorded outcome asks why; leaving 重点关注 asks what becomes of
 * the key-attention entry. The core checks the same rules.
 */
export function OutcomeModal({ followup, onClose, onSaved }: { followup: Followup; onClose: () => void; onSaved: (saved: Followup) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [ackForm] = Form.useForm<SafetyActionValues>();
  const outcome = Form.useWatch('outcome', form);
  const openAlerts = followup.openAlerts ?? [];
  const severeOpen = openAlerts.some(isSevere);
  const ackRequired = outcome === 'cleared' && severeOpen;
  const [ackChosen, setAckChosen] = useState(false);
  const acknowledging = openAlerts.length > 0 && (ackChosen || ackRequired);
  const changing = followup.status === 'done' && followup.outcome !== null;
  const leavingKeyAttention = followup.outcome === 'key_attention' && (outcome === 'cleared' || outcome === 'watch');

  // A safety-action form that does not validate shows its own messages beside the fields.
  const record = useAction(
    async (values: Values) => {
      const acknowledge = acknowledging ? safetyActionPayload(await ackForm.validateFields()) : undefined;
      const input: ChannelInput<'census.recordOutcome'> = {
        followupId: followup.id,
        outcome: values.outcome,
        note: values.note?.trim() ?? '',
        ...(changing ? { changeReason: values.changeReason?.trim() ?? '' } : {}),
        ...(acknowledge ? { acknowledge } : {}),
        ...(leavingKeyAttention && values.keyAttention ? { keyAttention: values.keyAttention } : {}),
      };
      return call('census.recordOutcome', input);
    },
    { onSuccess: onSaved },
  );
  const { pending } = record;

  return (
    <FormModal<Values>
      title={t('census.followups.outcome.title', { name: followup.student.name, studentNo: followup.student.studentNo })}
      okText={t('common.save')}
      form={form}
      onSubmit={record.run}
      onClose={onClose}
      pending={pending}
      error={record.error}
      width={600}
      initialValues={{ outcome: changing ? (followup.outcome ?? undefined) : undefined, note: followup.note ?? '' }}
      before={
        <>
          {followup.reopened && followup.outcome ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('census.followups.outcome.reopened', { outcome: t(`census.outcomes.${followup.outcome}`) })}
            />
          ) : null}
          {changing && followup.outcome ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('census.followups.outcome.changing', {
                outcome: t(`census.outcomes.${followup.outcome}`),
                date: followup.interviewedAt ? dayjs(followup.interviewedAt).format('YYYY-MM-DD') : '',
              })}
            />
          ) : null}
        </>
      }
      extra={
        <>
          {openAlerts.length > 0 ? (
            <section aria-label={t('census.followups.outcome.alertsTitle', { n: openAlerts.length })} data-testid="census-outcome-alerts">
              <Alert
                type={ackRequired ? 'error' : 'warning'}
                showIcon
                style={{ marginBottom: 12 }}
                title={t('census.followups.outcome.alertsTitle', { n: openAlerts.length })}
                description={
                  <Flex vertical gap={6}>
                    <OpenAlertTags alerts={openAlerts} />
                    {ackRequired ? <span>{t('census.followups.outcome.alertsRequired')}</span> : null}
                  </Flex>
                }
              />
              <Checkbox
                checked={acknowledging}
                disabled={ackRequired || pending}
                onChange={(event) => setAckChosen(event.target.checked)}
                style={{ marginBottom: 8 }}
              >
                {t('census.followups.outcome.acknowledgeToo')}
              </Checkbox>
              {acknowledging ? (
                <Form form={ackForm} name="census-outcome-ack" layout="vertical" requiredMark={false} disabled={pending}>
                  <SafetyActionFields form={ackForm} />
                </Form>
              ) : null}
            </section>
          ) : null}
          <FollowupHistory followupId={followup.id} />
        </>
      }
    >
      <Form.Item name="outcome" label={t('census.followups.outcome.outcome')} rules={[{ required: true, message: t('census.followups.outcome.required') }]}>
        <Radio.Group options={FOLLOWUP_OUTCOMES.map((value) => ({ value, label: t(`census.outcomes.${value}`) }))} />
      </Form.Item>
      {outcome === 'crisis' ? <Alert type="warning" showIcon title={t('census.followups.outcome.crisisHint')} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="note" label={t('census.followups.outcome.note')}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('census.followups.outcome.notePlaceholder')} />
      </Form.Item>
      {changing ? (
        <Form.Item
          name="changeReason"
          label={t('census.followups.outcome.changeReason')}
          rules={[
            {
              validator: async (_rule, value?: string) =>
                isSubstantialNote(value) ? undefined : Promise.reject(new Error(t('census.followups.outcome.changeReasonRequired'))),
            },
          ]}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('census.followups.outcome.changeReasonPlaceholder')} />
        </Form.Item>
      ) : null}
      {leavingKeyAttention ? (
        <Form.Item
          name="keyAttention"
          label={t('census.followups.outcome.keyAttention')}
          extra={t('census.followups.outcome.keyAttentionHelp')}
          rules={[{ required: true, message: t('census.followups.outcome.keyAttentionRequired') }]}
        >
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={[
              { value: 'keep', label: t('census.followups.outcome.keyAttentionKeep') },
              { value: 'remove', label: t('census.followups.outcome.keyAttentionRemove') },
            ]}
          />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
