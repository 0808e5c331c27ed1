import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSING_REASONS, setCaseStatusSchema, type CaseDetail, type CaseRow } from '../../../src-shared/contract';
import { isSubstantialNote } from '../../../src-shared/contract/actions';
import { call, CallError } from '../../api/client';
import { useSession } from '../../session';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Known from the case, or learned from the core's refusal (the situation may have changed since the page loaded).
  const [risk, setRisk] = useState<CloseRisk | null>(kase.closeRisk ?? null);
  const director = useSession().session.roles.includes('director');

  const submit = async () => {
    setError(null);
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
    setPending(true);
    try {
      onDone(await call('cases.setStatus', parsed.data));
    } catch (failure) {
      const fields = issuesToFields(callIssues(failure), t, input);
      if (failure instanceof CallError && failure.reason === 'caseCloseNeedsApproval') {
        const d = failure.details as { eventId?: string | null; eventNo?: string; cssrsHigh?: boolean; riskHigh?: boolean };
        setRisk({ eventId: d.eventId ?? null, eventNo: d.eventNo || null, cssrsHigh: Boolean(d.cssrsHigh), riskHigh: Boolean(d.riskHigh) });
      }
      if (fields.length) form.setFields(fields as never);
      else setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open
      title={t('cases.view.closeTitle', { caseNo: kase.caseNo })}
      okText={risk && !director ? t('cases.view.requestClose') : t('cases.view.close')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={pending}
      mask={{ closable: false }}
      width={620}
    >
      <ErrorAlert message={error} />
      <Form<CloseValues> form={form} layout="vertical" disabled={pending} onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="closingReason" label={t('cases.view.closingReason')} required>
          <Radio.Group options={CLOSING_REASONS.map((value) => ({ value, label: t(`cases.closingReasons.${value}`) }))} />
        </Form.Item>
        <Form.Item name="closingSummary" label={t('cases.view.closingSummary')} required>
          <Input.TextArea rows={6} maxLength={8000} showCount placeholder={t('cases.view.closingSummaryPlaceholder')} />
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
              <Input.TextArea rows={3} maxLength={1000} showCount aria-label={t('cases.view.approvalReason')} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!counselorId) return;
    setPending(true);
    setError(null);
    try {
      onDone(await call('cases.reassign', { id: kase.id, counselorId }));
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
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
