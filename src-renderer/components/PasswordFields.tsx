import { Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, passwordSchema } from '../../src-shared/contract/schemas';
import { schemaRule } from '../i18n/errors';

/** A new password typed twice: the contract's password rule plus "must match". */
export function PasswordFields({
  name = 'password',
  confirmName = 'passwordConfirm',
  label,
  confirmLabel,
  autoFocus,
  row = false,
}: {
  name?: string;
  confirmName?: string;
  label: string;
  confirmLabel: string;
  autoFocus?: boolean;
  /** Side by side (dialogs) instead of one under the other. */
  row?: boolean;
}) {
  const { t } = useTranslation();
  const itemStyle = row ? { flex: '1 1 0', minWidth: 0 } : undefined;
  const fields = (
    <>
      <Form.Item
        style={itemStyle}
        name={name}
        label={label}
        required
        extra={t('hints.password', { min: PASSWORD_MIN_LENGTH })}
        rules={[schemaRule(passwordSchema, 'password', t)]}
        validateFirst
      >
        <Input.Password autoComplete="new-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        style={itemStyle}
        name={confirmName}
        label={confirmLabel}
        dependencies={[name]}
        validateFirst
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value) => {
              if (value && value !== getFieldValue(name)) throw new Error(t('validation.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
  return row ? <Flex gap={16}>{fields}</Flex> : fields;
}
