import { Form, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal, submitsWith } from '../FormModal';
import { useAction } from '../../api/mutations';

export function localDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '';
}

/** A dialog asking for one text (a reason or a note) before an action; shows the action's error. */
export function ReasonModal({
  title,
  label,
  requiredMessage,
  okText,
  danger,
  children,
  onSubmit,
  onClose,
}: {
  title: string;
  label: string;
  /** Null when the text may be left empty. */
  requiredMessage: string | null;
  okText: string;
  danger?: boolean;
  children?: ReactNode;
  onSubmit: (text: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  // One way to write: pending and the translated error from useAction; the lists refetch from store.changed.
  const submitAction = useAction(async ({ text }: { text?: string }) => {
    await onSubmit(text?.trim() ?? '');
    onClose();
  });
  const rules = requiredMessage
    ? [
        { required: true, whitespace: true, message: requiredMessage },
        { min: 2, message: requiredMessage },
      ]
    : [];
  return (
    <FormModal
      title={title}
      okText={okText}
      okDanger={danger}
      form={form}
      {...submitsWith(submitAction)}
      onClose={onClose}
      requiredMark
      before={children ? <Typography.Paragraph type="secondary">{children}</Typography.Paragraph> : null}
    >
      <Form.Item name="text" label={label} rules={[...rules, { max: 500, message: t('notes.editor.tooLong', { max: 500 }) }]}>
        <Input.TextArea rows={3} maxLength={500} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
