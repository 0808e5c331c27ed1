import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSING_REASONS, setCaseStatusSchema, type CaseDetail, type CaseRow } from '../../../src-shared/contract';
import { isSubstantialNote } from '../../../src-shared/contract/actions';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { CallError } from '../../api/client';
import { useWrite } from '../../api/mutations';
import { useSession } from '../../session';
import { useCallQuery } from '../../api/queries';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal } from '../FormModal';
import { callIssues, clearErrorsOnChange, issuesToFields, zodIssues } from '../reports/labels';

interface CloseValues {
  closingReason?: (typeof CLOSING_REASONS)[number];
  closingSummary?: string;
  approvalReason?: string;
}

type CloseRisk = NonNullable<CaseDetail['closeRisk']>;

/**
 * 结案: a reason and a summary, checked with the contract's schema. While the student is at risk
 * (a crisis event under way, a high C-SSRS or case risk) closing needs the director's approval with
 * a reason: the director gives it and closes; a counselor's close goes to the director.
 */
export function CloseCaseModal({
  kase,
  onClose,
  onDone,
}: {
  kase: { id: string; caseNo: string; closeRisk?: CaseDetail['closeRisk'] };
  onClose: () => void;
  onDone: (row: CaseRow) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CloseValues>();
  // The input last sent, for wording the core's issues about it.
  const sent = useRef<unknown>(undefined);
  const close = useWrite('cases.setStatus', {
    form,
    fieldErrors: (failure) => issuesToFields(callIssues(failure), t, sent.current),
    onSuccess: (row) => onDone(row),
    onError: (failure) => {
      if (failure instanceof CallError && failure.reason === 'caseCloseNeedsApproval') {
        const d = failure.details as { eventId?: string | null; eventNo?: string; cssrsHigh?: boolean; riskHigh?: boolean };
        setRisk({ eventId: d.eventId ?? null, eventNo: d.eventNo || null, cssrsHigh: Boolean(d.cssrsHigh), riskHigh: Boolean(d.riskHigh) });
      }
    },
  });
  const { pending, error } = close;
  // Known from the case, or learned from the core's refusal (the situation may have changed since the page loaded).
  const [risk, setRisk] = useState<CloseRisk | null>(kase.closeRisk ?? null);
  const director = useSession().session.roles.includes('director');

  const submit = async () => {
    close.reset();
    const values = form.getFieldsValue(true) as CloseValues;
    if (risk && !isSubstantialNote(values.approvalReason)) {
      form.setFields([{ name: 'approvalReason', errors: [t('validation.messages.decisionNoteRequired')] }]);
      return;
    }
    const input = {
      id: kase.id,
      status: 'closed' as const,
      closingReason: values.closingReason ?? null,
      closingSummary: values.closingSummary?.trim() || null,
      ...(risk ? { approvalReason: values.approvalReason!.trim() } : {}),
    };
    form.setFields([
      { name: 'closingReason', errors: [] },
      { name: 'closingSummary', errors: [] },
    ]);
    const parsed = setCaseStatusSchema.safeParse(input);
    if (!parsed.success) {
      form.setFields(issuesToFields(zodIssues(parsed.error.issues), t, input) as never);
      return;
    }
    sent.current = input;
    await close.run(parsed.data);
  };

  // The values are read whole (getFieldsValue(true)): the approval reason may not be on the form yet.
  return (
    <FormModal<CloseValues>
      title={t('cases.view.closeTitle', { caseNo: kase.caseNo })}
      okText={risk && !director ? t('cases.view.requestClose') : t('cases.view.close')}
      form={form}
      onSubmit={() => submit()}
      onClose={onClose}
      pending={pending}
      error={error}
      width={620}
      requiredMark
      onValuesChange={clearErrorsOnChange(form)}
    >
      <Form.Item name="closingReason" label={t('cases.view.closingReason')} required>
        <Radio.Group options={CLOSING_REASONS.map((value) => ({ value, label: t(`cases.closingReasons.${value}`) }))} />
      </Form.Item>
      <Form.Item name="closingSummary" label={t('cases.view.closingSummary')} required>
        <Input.TextArea rows={6} maxLength={TEXT_MAX.narrative} showCount placeholder={t('cases.view.closingSummaryPlaceholder')} />
      </Form.Item>
      {risk ? (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="case-close-risk"
            title={director ? t('cases.view.closeRiskDirector') : t('cases.view.closeRiskCounselor')}
            description={[
              risk.eventNo ? t('cases.view.closeRiskEvent', { eventNo: risk.eventNo }) : null,
              risk.cssrsHigh ? t('cases.view.closeRiskCssrs') : null,
              risk.riskHigh ? t('cases.view.closeRiskLevel') : null,
            ]
              .filter(Boolean)
              .join('；')}
          />
          <Form.Item name="approvalReason" label={t('cases.view.approvalReason')}>
            <Input.TextArea rows={3} maxLength={TEXT_MAX.reason} showCount aria-label={t('cases.view.approvalReason')} />
          </Form.Item>
        </>
      ) : null}
    </FormModal>
  );
}

/** 转给其他咨询师: any enabled clinical account except the current one. */
export function ReassignModal({
  kase,
  onClose,
  onDone,
}: {
  kase: { id: string; counselor: { id: string } };
  onClose: () => void;
  onDone: (row: CaseRow) => void;
}) {
  const { t } = useTranslation();
  const counselors = useCallQuery('cases.counselors', {});
  const [counselorId, setCounselorId] = useState<string | undefined>();
  const reassign = useWrite('cases.reassign', { onSuccess: (row) => onDone(row) });
  const { pending, error } = reassign;
  const submit = async () => {
    if (!counselorId) return;
    await reassign.run({ id: kase.id, counselorId });
  };
  return (
    <Modal
      open
      title={t('cases.view.reassignTitle')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ disabled: !counselorId }}
    >
      <ErrorAlert message={error} />
      <label htmlFor="reassign-counselor">{t('cases.view.reassignTo')}</label>
      <Select
        id="reassign-counselor"
        style={{ width: '100%', marginTop: 8 }}
        value={counselorId}
        onChange={setCounselorId}
        loading={counselors.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        options={(counselors.data ?? []).filter((c) => c.id !== kase.counselor.id).map((c) => ({ value: c.id, label: c.displayName }))}
      />
    </Modal>
  );
}
