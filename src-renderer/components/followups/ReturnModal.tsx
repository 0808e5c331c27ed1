import { Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  missingReturnEvidence,
  RETURN_CHECKIN_WEEKS,
  RETURN_EVIDENCE_ITEMS,
  RETURN_OUTCOMES,
  type LeaveRecord,
  type ReturnEvidence,
} from '../../../src-shared/contract/followups';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { CallError } from '../../api/client';
import { useWrite } from '../../api/mutations';
import { CounselorSelect } from '../calendar/pickers';
import { FormModal } from '../FormModal';
import { textOr } from '../../i18n/keys';

interface Values {
  evidence: (keyof ReturnEvidence)[];
  outcome: (typeof RETURN_OUTCOMES)[number];
  returnedOn?: Dayjs | null;
  checkinWeeks: number;
  counselorId?: string | null;
  note?: string;
}

/**
 * 复学评估: the evidence checklist and an outcome. Approval without all four items is refused
 * here already, naming what is missing (the core refuses it too).
 */
export function ReturnModal({ leave, onClose, onDone }: { leave: LeaveRecord; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  /** A check of the form before the write (missing evidence or date), shown where the write's error would be. */
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const missingMessage = (items: string[]) =>
    t('followups.returnForm.missing', { items: items.map((item) => textOr(`followups.evidence.${item}`, item, t)).join(t('followups.returnForm.separator')) });

  const assess = useWrite('leave.assessReturn', {
    onSuccess: (result, input) => {
      onClose();
      onDone(input.outcome === 'approved' ? t('followups.returnForm.approvedDone', { count: result.tasks.length }) : t('followups.returnForm.done'));
    },
  });
  const failure = assess.failure;
  // The core names the missing items by key: word them like the form does.
  const writeError =
    failure instanceof CallError && failure.reason === 'returnEvidenceMissing' && typeof failure.details.missing === 'string'
      ? missingMessage(failure.details.missing.split(','))
      : assess.error;
  const error = formProblem ?? writeError;
  const pending = assess.pending;

  const submit = async (v: Values) => {
    const evidence = Object.fromEntries(RETURN_EVIDENCE_ITEMS.map((item) => [item, v.evidence.includes(item)])) as ReturnEvidence;
    if (v.outcome === 'approved') {
      const missing = missingReturnEvidence(evidence);
      if (missing.length) return setFormProblem(missingMessage(missing));
      if (!v.returnedOn) return setFormProblem(t('followups.returnForm.returnedOnRequired'));
    }
    setFormProblem(null);
    await assess.run({
      leaveId: leave.id,
      evidence,
      outcome: v.outcome,
      note: (v.note ?? '').trim(),
      returnedOn: v.returnedOn ? v.returnedOn.format('YYYY-MM-DD') : null,
      checkinWeeks: v.checkinWeeks,
      ...(v.counselorId ? { counselorId: v.counselorId } : {}),
    });
  };

  return (
    <FormModal<Values>
      title={`${t('followups.returnForm.title')} · ${leave.student.name}`}
      okText={t('common.save')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      width={560}
      initialValues={{ evidence: [], outcome: 'approved', checkinWeeks: RETURN_CHECKIN_WEEKS.default }}
    >
      <Form.Item name="evidence" label={t('followups.returnForm.evidence')} extra={t('followups.returnForm.evidenceHint')}>
        <Checkbox.Group>
          <Flex vertical gap={4}>
            {RETURN_EVIDENCE_ITEMS.map((item) => (
              <Checkbox key={item} value={item}>
                {t(`followups.evidence.${item}`)}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="outcome" label={t('followups.returnForm.outcome')}>
        <Radio.Group options={RETURN_OUTCOMES.map((o) => ({ value: o, label: t(`followups.outcomes.${o}`) }))} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="returnedOn" label={t('followups.returnForm.returnedOn')} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} aria-label={t('followups.returnForm.returnedOn')} />
        </Form.Item>
        <Form.Item name="checkinWeeks" label={t('followups.returnForm.checkinWeeks')} style={{ flex: 1 }}>
          <InputNumber
            min={RETURN_CHECKIN_WEEKS.min}
            max={RETURN_CHECKIN_WEEKS.max}
            precision={0}
            style={{ width: '100%' }}
            aria-label={t('followups.returnForm.checkinWeeks')}
          />
        </Form.Item>
      </Flex>
      <Form.Item name="counselorId" label={t('followups.returnForm.counselor')} extra={t('followups.returnForm.counselorDefault')}>
        <CounselorSelect allowClear />
      </Form.Item>
      <Form.Item name="note" label={t('followups.returnForm.note')}>
        <Input.TextArea rows={3} maxLength={TEXT_MAX.description} showCount aria-label={t('followups.returnForm.note')} />
      </Form.Item>
      {leave.assessments.length ? (
        <Typography.Text type="secondary">
          {t('followups.returnForm.history')}：{leave.assessments.map((a) => `${a.assessedAt.slice(0, 10)} ${t(`followups.outcomes.${a.outcome}`)}`).join('；')}
        </Typography.Text>
      ) : null}
    </FormModal>
  );
}
