import { Form, Modal, type FormInstance } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action } from '../api/mutations';
import { ErrorAlert } from './ErrorAlert';

type SubmittingAction<I> = Pick<Action<I, unknown>, 'run' | 'pending' | 'error'>;

/**
 * A FormModal's submit, pending state and error, all from one action: `<FormModal {...submitsWith(save)} …>`;
 * with `toInput` when the write's input is made from the form's values: `{...submitsWith(save, toInput)}`.
 */
export function submitsWith<V>(action: SubmittingAction<V>): { onSubmit: (values: V) => unknown; pending: boolean; error: string | null };
export function submitsWith<V, I>(
  action: SubmittingAction<I>,
  toInput: (values: V) => I,
): { onSubmit: (values: V) => unknown; pending: boolean; error: string | null };
export function submitsWith<V, I>(action: SubmittingAction<I>, toInput?: (values: V) => I) {
  return { onSubmit: toInput ? (values: V) => action.run(toInput(values)) : action.run, pending: action.pending, error: action.error };
}

/**
 * The one modal-with-form block: the OK button submits the form (validated by its rules), shows
 * the write's pending state and locks the fields meanwhile; the write's translated error sits
 * above the fields. A click outside does not close it (typed text is never lost by a stray click).
 * Pass the form made with `Form.useForm()` and the action's `pending`/`error` (api/mutations.ts).
 */
export function FormModal<V extends object>({
  title,
  form,
  onSubmit,
  onClose,
  pending,
  error,
  okText,
  width,
  initialValues,
  testId,
  extra,
  before,
  requiredMark = false,
  okDisabled = false,
  okDanger = false,
  bodyStyle,
  loading = false,
  onValuesChange,
  checksItself = false,
  children,
}: {
  title: ReactNode;
  form: FormInstance<V>;
  onSubmit: (values: V) => unknown;
  onClose: () => void;
  pending: boolean;
  error: string | null;
  okText?: ReactNode;
  width?: number;
  initialValues?: Partial<V>;
  /** data-testid of the block inside the modal. */
  testId?: string;
  /** Shown under the fields (e.g. a note of what happens next). */
  extra?: ReactNode;
  /** Shown above the error and the fields (e.g. the step or student the form is about). */
  before?: ReactNode;
  /** antd's asterisk on required fields (off by default: the rules say what is missing). */
  requiredMark?: boolean;
  /** Nothing to submit (e.g. no questionnaire left to add). */
  okDisabled?: boolean;
  /** A red OK button (e.g. disabling an account). */
  okDanger?: boolean;
  /** Style of the modal's body (e.g. a scrolling body for a long form). */
  bodyStyle?: CSSProperties;
  /** What the form starts from is still loading: a skeleton instead of the body, OK disabled (the form mounts with its initial values once loaded). */
  loading?: boolean;
  /** antd's Form onValuesChange (e.g. clearing a field's server error once it is edited). */
  onValuesChange?: (changed: Partial<V>, values: V) => void;
  /**
   * The submit checks every value itself (with the contract's schema, placing its own field
   * errors): OK hands it the whole form's values without antd's rules first.
   */
  checksItself?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => (checksItself ? void onSubmit(form.getFieldsValue(true) as V) : form.submit())}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={okDisabled || okDanger || loading ? { disabled: okDisabled || loading, danger: okDanger } : undefined}
      mask={{ closable: false }}
      destroyOnHidden
      width={width}
      styles={bodyStyle ? { body: bodyStyle } : undefined}
      loading={loading}
    >
      <div data-testid={testId}>
        {before}
        <ErrorAlert message={error} />
        <Form
          form={form}
          layout="vertical"
          requiredMark={requiredMark}
          initialValues={initialValues}
          onFinish={(values) => void onSubmit(values)}
          disabled={pending}
          onValuesChange={onValuesChange}
        >
          {children}
        </Form>
        {extra}
      </div>
    </Modal>
  );
}
