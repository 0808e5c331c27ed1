import { Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSING_REASONS, setCaseStatusSchema, type CaseRow } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { callIssues, clearErrorsOnChange, issuesToFields, zodIssues } from '../reports/labels';

interface CloseValues {
  closingReason?: (typeof CLOSING_REASONS)[number];
  closingSummary?: string;
}

/** 结案: a reason and a summary, checked with the contract's schema. */
export function CloseCaseModal({ kase, onClose, onDone }: { kase: { id: string; caseNo: string }; onClose: () => void; onDone: (row: CaseRow) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CloseValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    const values = form.getFieldsValue(true) as CloseValues;
    const input = { id: kase.id, status: 'closed' as const, closingReason: values.closingReason ?? null, closingSummary: values.closingSummary?.trim() || null };
    form.setFields([{ name: 'closingReason', errors: [] }, { name: 'closingSummary', errors: [] }]);
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
      if (fields.length) form.setFields(fields as never);
      else setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal open title={t('cases.view.closeTitle', { caseNo: kase.caseNo })} okText={t('cases.view.close')} cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={pending} mask={{ closable: false }} width={620}>
      <ErrorAlert message={error} />
      <Form<CloseValues> form={form} layout="vertical" requiredMark={false} disabled={pending} onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="closingReason" label={t('cases.view.closingReason')}>
          <Radio.Group options={CLOSING_REASONS.map((value) => ({ value, label: t(`cases.closingReasons.${value}`) }))} />
        </Form.Item>
        <Form.Item name="closingSummary" label={t('cases.view.closingSummary')}>
          <Input.TextArea rows={6} maxLength={8000} showCount placeholder={t('cases.view.closingSummaryPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 转给其他咨询师: any enabled clinical account except the current one. */
export function ReassignModal({ kase, onClose, onDone }: { kase: { id: string; counselor: { id: string } }; onClose: () => void; onDone: (row: CaseRow) => void }) {
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
    <Modal open title={t('cases.view.reassignTitle')} okText={t('common.confirm')} cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={pending} okButtonProps={{ disabled: !counselorId }}>
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
