import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { VerifyResult } from './VerifyResult';

/**
 * 校验备份: a file by its path (the core reads it). Without a key the checksums only; with the
 * recovery code typed, also the tamper seal, the integrity and the audit chain (deep).
 */
export function VerifyBackupCard({
  path,
  onPathChange,
  onVerify,
  pending,
  result,
  error,
}: {
  path: string;
  onPathChange: (path: string) => void;
  onVerify: (path: string, recoveryCode?: string) => void;
  pending: boolean;
  result: ChannelOutput<'backup.verify'> | null;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [recoveryCode, setRecoveryCode] = useState('');
  return (
    <Card title={t('backup.verify.heading')}>
      <Typography.Paragraph type="secondary">{t('backup.verify.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => path.trim() && onVerify(path.trim(), recoveryCode.trim() || undefined)} disabled={pending}>
        <Form.Item label={t('backup.verify.path')} extra={t('backup.verify.pathHint')}>
          <Flex gap={8}>
            <Input value={path} onChange={(e) => onPathChange(e.target.value)} spellCheck={false} autoComplete="off" aria-label={t('backup.verify.path')} />
            <Button type="primary" htmlType="submit" loading={pending} disabled={!path.trim()}>
              {t('backup.verify.submit')}
            </Button>
          </Flex>
        </Form.Item>
        <Form.Item label={t('backup.verify.recoveryCode')} extra={t('backup.verify.recoveryCodeHint')}>
          <Input.Password
            value={recoveryCode}
            onChange={(e) => setRecoveryCode(e.target.value)}
            autoComplete="off"
            aria-label={t('backup.verify.recoveryCode')}
          />
        </Form.Item>
      </Form>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {result ? <VerifyResult result={result} /> : null}
    </Card>
  );
}
