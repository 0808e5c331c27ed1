import { Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES } from '../../../src-shared/contract/attachments';
import type { CrisisStep } from '../../../src-shared/contract/crisis';
import { stepTitle } from '../../../src-shared/labels/builtin-words';
import i18n from '../../i18n';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { readAsBase64 } from '../../files/importFile';
import { schemaRule } from '../../i18n/errors';
import { useAction, useWrite } from '../../api/mutations';
import { FormModal, submitsWith } from '../FormModal';
import { AttachmentChooser, ChosenFiles } from '../AttachmentChooser';
import { parsePick, pickValue, PersonPicker } from '../network/PersonPicker';
import { textOr } from '../../i18n/keys';

/** The contract's rules for reasons and notes (crisis.ts). */
export const reasonRule = z.string().trim().min(2).max(1000);
export const summaryRule = z.string().trim().min(2).max(5000);
const MAX_MB = ATTACHMENT_MAX_BYTES / (1024 * 1024);

/** A modal asking for one reason (not applicable, reopen, send back...) and running `submit` with it. */
export function ReasonModal({
  title,
  label,
  rule = reasonRule,
  maxLength = 1000,
  onSubmit,
  onClose,
  testId,
}: {
  title: string;
  label: string;
  rule?: z.ZodType;
  maxLength?: number;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const action = useAction(onSubmit, { form, mapPath: () => 'reason', onSuccess: onClose });
  return (
    <FormModal
      title={title}
      form={form}
      onSubmit={({ reason }) => action.run(reason.trim())}
      onClose={onClose}
      pending={action.pending}
      error={action.error}
      testId={testId}
    >
      <Form.Item name="reason" label={label} rules={[schemaRule(rule, 'reason', t)]}>
        <Input.TextArea autoFocus rows={4} maxLength={maxLength} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** 完成: the note of what was done and optional scanned forms (kept inside the encrypted database). */
export function CompleteStepModal({ step, onClose, onDone }: { step: CrisisStep; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string; doneByPerson?: string | null }>();
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);

  const choose = (file: File) => {
    const extension = `.${file.name.split('.').pop()?.toLowerCase() ?? ''}`;
    if (!ATTACHMENT_EXTENSIONS.includes(extension)) return setFileError(t('crisis.complete.badType', { name: file.name }));
    if (file.size > ATTACHMENT_MAX_BYTES) return setFileError(t('crisis.complete.tooLarge', { name: file.name, max: MAX_MB }));
    setFileError(null);
    setFiles((current) => [...current, file].slice(0, 5));
  };

  const complete = useAction(
    async ({ note, doneByPerson }: { note?: string; doneByPerson?: string | null }) => {
      const attachments = await Promise.all(files.map(async (file) => ({ fileName: file.name, contentBase64: await readAsBase64(file) })));
      return call('crisis.completeStep', { stepId: step.id, note: (note ?? '').trim(), attachments, doneByPersonId: parsePick(doneByPerson)?.id ?? null });
    },
    { onSuccess: onDone },
  );

  return (
    <FormModal
      title={t('crisis.complete.title')}
      okText={t('crisis.steps.complete')}
      form={form}
      {...submitsWith(complete)}
      onClose={onClose}
      width={640}
      before={<Typography.Paragraph strong>{stepTitle(step, i18n.language)}</Typography.Paragraph>}
      // A step given to a register person (保卫处、校医院) was most likely done by them; the recorder can change it.
      initialValues={{ doneByPerson: step.assigneePerson ? pickValue({ kind: 'person', id: step.assigneePerson.id }) : null }}
    >
      <Form.Item name="doneByPerson" label={t('network.picker.doneBy')}>
        <PersonPicker aria-label={t('network.picker.doneBy')} />
      </Form.Item>
      <Form.Item name="note" label={t('crisis.complete.note')} rules={[schemaRule(z.string().trim().max(5000), 'note', t, true)]}>
        <Input.TextArea autoFocus rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item label={t('crisis.complete.attachments')} extra={t('crisis.complete.hint', { max: MAX_MB })}>
        <AttachmentChooser label={t('crisis.complete.choose')} onChoose={choose} error={fileError} />
        <ChosenFiles files={files} onChange={setFiles} removeLabel={t('crisis.complete.remove')} lineStyle={{ marginTop: 4 }} />
      </Form.Item>
    </FormModal>
  );
}

/** 指派: give the step to a named clinician or liaison. */
export function AssignStepModal({ step, onClose, onDone }: { step: CrisisStep; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const people = useCallQuery('crisis.assignees', {});
  const [accountId, setAccountId] = useState<string>(step.assignedTo?.id ?? '');
  const [personValue, setPersonValue] = useState<string | null>(step.assigneePerson ? pickValue({ kind: 'person', id: step.assigneePerson.id }) : null);
  const [form] = Form.useForm();
  const assign = useWrite('crisis.assignStep', { onSuccess: onDone });
  return (
    <FormModal
      title={t('crisis.assign.title')}
      form={form}
      onSubmit={() => assign.run({ stepId: step.id, accountId: accountId || null, personId: parsePick(personValue)?.id ?? null })}
      onClose={onClose}
      pending={assign.pending}
      error={assign.error}
      before={<Typography.Paragraph strong>{stepTitle(step, i18n.language)}</Typography.Paragraph>}
    >
      <Form.Item label={t('crisis.assign.person')}>
        <Select
          aria-label={t('crisis.assign.person')}
          value={accountId}
          onChange={setAccountId}
          loading={people.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            { value: '', label: t('crisis.assign.nobody') },
            ...(people.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.displayName}（${p.roles.map((role) => textOr(`roles.${role}`, role, t)).join('、')}${p.department ? ` · ${p.department}` : ''}）`,
            })),
          ]}
        />
      </Form.Item>
      <Form.Item label={t('network.picker.assignee')}>
        <PersonPicker aria-label={t('network.picker.assignee')} value={personValue} onChange={(value) => setPersonValue(value)} />
      </Form.Item>
    </FormModal>
  );
}
