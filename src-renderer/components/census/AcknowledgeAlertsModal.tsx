import { Alert, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_OUTCOMES } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { FormModal } from '../FormModal';
import { SafetyActionFields, safetyActionPayload, type SafetyActionValues } from '../assessments/SafetyActionFields';
import type { Followup, FollowupOutcome } from './labels';
import { OpenAlertTags } from './OutcomeModal';

interface OutcomeValues {
  outcome?: FollowupOutcome;
  outcomeNote?: string;
}

/**
 * 确认预警 from the interview list: one action for the open alerts of one student or of several
 * (each alert still gets its own acknowledgement and audit event, in one transaction). For one
 * student not yet interviewed, the interview outcome can be recorded in the same step.
 */
export function AcknowledgeAlertsModal({ followups, onClose, onDone }: { followups: Followup[]; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SafetyActionValues & OutcomeValues>();
  const [recordToo, setRecordToo] = useState(false);
  const withAlerts = followups.filter((f) => (f.openAlerts ?? []).length > 0);
  const alertIds = withAlerts.flatMap((f) => (f.openAlerts ?? []).map((a) => a.id));
  const single = followups.length === 1 ? followups[0] : null;
  const canRecord = single !== null && single.status === 'pending';

  const acknowledgeAlerts = useAction(async (values: SafetyActionValues & OutcomeValues) => {
    const acknowledge = safetyActionPayload(values);
    if (single && canRecord && recordToo && values.outcome) {
      // One transaction: the outcome and every open alert of the student from this batch.
      await call('census.recordOutcome', { followupId: single.id, outcome: values.outcome, note: values.outcomeNote?.trim() ?? '', acknowledge });
      onDone(t('census.followups.ack.doneWithOutcome', { name: single.student.name }));
    } else {
      const acknowledged = await call('alerts.acknowledgeMany', { alertIds, ...acknowledge });
      onDone(t('census.followups.ack.done', { n: acknowledged.length }));
    }
  });
  const { pending, error } = acknowledgeAlerts;

  const title = single
    ? t('census.followups.ack.title', { name: single.student.name, studentNo: single.student.studentNo })
    : t('census.followups.ack.titleMany', { n: withAlerts.length, alerts: alertIds.length });

  const none = alertIds.length === 0;
  return (
    <FormModal<SafetyActionValues & OutcomeValues>
      title={title}
      okText={t('common.save')}
      form={form}
      onSubmit={acknowledgeAlerts.run}
      onClose={onClose}
      pending={pending}
      error={error}
      okDisabled={none}
      width={600}
      before={
        none ? null : (
          <>
            <Typography.Paragraph type="secondary">{t('census.followups.ack.intro')}</Typography.Paragraph>
            <Flex vertical gap={6} style={{ marginBottom: 16 }} data-testid="census-ack-alerts">
              {withAlerts.map((f) => (
                <Flex key={f.id} gap={8} align="center" wrap>
                  <Typography.Text strong>
                    {f.student.name}（{f.student.studentNo}）
                  </Typography.Text>
                  <OpenAlertTags alerts={f.openAlerts ?? []} />
                </Flex>
              ))}
            </Flex>
          </>
        )
      }
    >
      {none ? (
        <Alert type="info" showIcon title={t('census.followups.noAlertsSelected')} />
      ) : (
        <>
          <SafetyActionFields form={form} autoFocus />
          {canRecord ? (
            <>
              <Checkbox checked={recordToo} onChange={(event) => setRecordToo(event.target.checked)} style={{ marginBottom: 12 }}>
                {t('census.followups.ack.recordToo')}
              </Checkbox>
              {recordToo ? (
                <>
                  <Form.Item
                    name="outcome"
                    label={t('census.followups.outcome.outcome')}
                    rules={[{ required: true, message: t('census.followups.outcome.required') }]}
                  >
                    <Radio.Group options={FOLLOWUP_OUTCOMES.map((value) => ({ value, label: t(`census.outcomes.${value}`) }))} />
                  </Form.Item>
                  <Form.Item name="outcomeNote" label={t('census.followups.outcome.note')}>
                    <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('census.followups.outcome.notePlaceholder')} />
                  </Form.Item>
                </>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </FormModal>
  );
}
