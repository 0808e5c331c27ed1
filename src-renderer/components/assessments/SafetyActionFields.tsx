import { Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { SAFETY_ACTIONS, SAFETY_ACTIONS_NEEDING_NOTE, isSubstantialNote, type SafetyAction } from '../../../src-shared/contract/actions';

/** The two form fields of a structured safety action (actions.ts): the action and its note. */
export interface SafetyActionValues {
  action?: SafetyAction;
  note?: string;
}

/** What the core takes: `{ action, note? }`, the note trimmed and left out when empty. */
export function safetyActionPayload(values: SafetyActionValues): { action: SafetyAction; note?: string } {
  const note = values.note?.trim();
  return { action: values.action!, ...(note ? { note } : {}) };
}

/**
 * 已约谈 / 已开启危机事件 / 已转介 / 已通知监护人 / 评估后无需进一步处理 / 其他, with a note that
 * is required for the last two and must say something whenever it is given (the core checks the
 * same rule). `actions` narrows the list where some do not apply.
 */
export function SafetyActionFields({
  form,
  actions = SAFETY_ACTIONS,
  autoFocus,
}: {
  form: FormInstance;
  actions?: readonly SafetyAction[];
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const action = Form.useWatch('action', form) as SafetyAction | undefined;
  const noteRequired = action !== undefined && SAFETY_ACTIONS_NEEDING_NOTE.includes(action);
  return (
    <>
      <Form.Item name="action" label={t('assessments.alerts.action')} rules={[{ required: true, message: t('validation.messages.safetyActionRequired') }]}>
        <Select
          autoFocus={autoFocus}
          aria-label={t('assessments.alerts.action')}
          options={actions.map((value) => ({ value, label: t(`assessments.safetyActions.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('assessments.alerts.note')}
        required={noteRequired}
        dependencies={['action']}
        rules={[
          ({ getFieldValue }) => ({
            // Read the action at validation time: the note rule follows the action chosen just now.
            validator: async (_rule: unknown, value: string | undefined) => {
              const chosen = getFieldValue('action') as SafetyAction | undefined;
              const required = chosen !== undefined && SAFETY_ACTIONS_NEEDING_NOTE.includes(chosen);
              const empty = !value || value.trim() === '';
              if (empty && !required) return;
              if (!isSubstantialNote(value))
                throw new Error(t(required ? 'validation.messages.safetyActionNoteRequired' : 'validation.messages.safetyActionNoteEmpty'));
            },
          }),
        ]}
      >
        <Input.TextArea aria-label={t('assessments.alerts.note')} rows={3} maxLength={1000} showCount placeholder={t('assessments.alerts.notePlaceholder')} />
      </Form.Item>
    </>
  );
}
