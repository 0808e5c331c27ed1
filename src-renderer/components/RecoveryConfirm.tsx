import { Button, Flex, Form, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { recoveryGroups } from './RecoverySheet';

/** Two distinct group numbers (1-based, ascending) out of `count`. */
export function pickTwoGroups(count: number, random: () => number = Math.random): [number, number] {
  const first = Math.floor(random() * count);
  let second = Math.floor(random() * (count - 1));
  if (second >= first) second += 1;
  return first < second ? [first + 1, second + 1] : [second + 1, first + 1];
}

/** Read leniently the way the core reads recovery codes: case, spaces, dashes, O/0, I/L/1. */
export function normalizeGroup(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The person types back two groups of the recovery code before setup counts as done. */
export function RecoveryConfirm({ code, onConfirmed, onReview }: { code: string; onConfirmed: () => void; onReview: () => void }) {
  const { t } = useTranslation();
  const groups = recoveryGroups(code);
  const [first, second] = useMemo(() => pickTwoGroups(groups.length), [groups.length]);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ first: string; second: string }>();

  const submit = (values: { first: string; second: string }) => {
    const ok =
      normalizeGroup(values.first ?? '') === normalizeGroup(groups[first - 1]) && normalizeGroup(values.second ?? '') === normalizeGroup(groups[second - 1]);
    if (ok) onConfirmed();
    else setError(t('setup.confirm.mismatch'));
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} onValuesChange={() => setError(null)}>
      <Typography.Paragraph>{t('setup.confirm.intro', { first, second })}</Typography.Paragraph>
      <ErrorAlert message={error} />
      <Flex gap={16} wrap>
        <Form.Item name="first" label={t('setup.confirm.group', { n: first })} rules={[{ required: true, message: t('validation.required') }]}>
          <Input className="mono-input" maxLength={8} autoComplete="off" spellCheck={false} autoFocus style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="second" label={t('setup.confirm.group', { n: second })} rules={[{ required: true, message: t('validation.required') }]}>
          <Input className="mono-input" maxLength={8} autoComplete="off" spellCheck={false} style={{ width: 160 }} />
        </Form.Item>
      </Flex>
      <Flex gap={8}>
        <Button onClick={onReview}>{t('setup.confirm.review')}</Button>
        <Button type="primary" htmlType="submit">
          {t('setup.confirm.finish')}
        </Button>
      </Flex>
    </Form>
  );
}
