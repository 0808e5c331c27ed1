import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallError } from '../../api/client';

const REASON_MIN = 4;

/** The core refused clinical content because the case is not assigned to this person. */
export function isBreakGlassRequired(error: unknown): boolean {
  return error instanceof CallError && error.code === 'FORBIDDEN' && error.details.reason === 'breakGlassRequired';
}

/**
 * Shown in place of content the core refused with `breakGlassRequired`: the person may state a
 * reason (recorded, audited, reviewed by the director) and then the page retries with it.
 */
export function BreakGlassPrompt({ onSubmit, onCancel, pending = false }: { onSubmit: (reason: string) => void; onCancel?: () => void; pending?: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = reason.trim().length < REASON_MIN;
  return (
    <Card
      title={
        <>
          <EyeOutlined /> {t('access.breakGlass.title')}
        </>
      }
      data-testid="break-glass-prompt"
    >
      <Alert type="warning" showIcon title={t('access.breakGlass.explain')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        <label htmlFor="break-glass-reason">{t('access.breakGlass.reasonLabel')}</label>
      </Typography.Paragraph>
      <Input.TextArea
        id="break-glass-reason"
        rows={3}
        maxLength={500}
        value={reason}
        status={touched && tooShort ? 'error' : undefined}
        onChange={(event) => setReason(event.target.value)}
        onBlur={() => setTouched(true)}
      />
      {touched && tooShort ? <Typography.Text type="danger">{t('access.breakGlass.reasonTooShort', { min: REASON_MIN })}</Typography.Text> : null}
      <Flex gap={8} style={{ marginTop: 16 }}>
        <Button
          danger
          type="primary"
          loading={pending}
          onClick={() => {
            setTouched(true);
            if (!tooShort) onSubmit(reason.trim());
          }}
        >
          {t('access.breakGlass.open')}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('access.breakGlass.cancel')}</Button> : null}
      </Flex>
    </Card>
  );
}
