import { Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../src-shared/contract';
import { useCallMutation } from '../api/queries';
import { BackupHistoryCard } from '../components/backup/BackupHistoryCard';
import { BackupNowCard } from '../components/backup/BackupNowCard';
import { BackupScheduleCard } from '../components/backup/BackupScheduleCard';
import { VerifyBackupCard } from '../components/backup/VerifyBackupCard';
import type { Navigate } from '../router';

/**
 * 备份与恢复 (administrators): back up now, the daily schedule, the history, verify a file, and
 * where a restore is done (a new workstation's first-run screen or the CLI: never over live data).
 */
export function Backup({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  const [path, setPath] = useState('');
  const [result, setResult] = useState<ChannelOutput<'backup.verify'> | null>(null);
  const verify = useCallMutation('backup.verify', { onSuccess: setResult, onMutate: () => setResult(null) });
  const run = (file: string, recoveryCode?: string) => {
    setPath(file);
    // With the recovery code: the deep check (seal, integrity, audit chain) the core does before a restore.
    verify.mutate(recoveryCode ? { path: file, credentials: { kind: 'recoveryCode', recoveryCode } } : { path: file });
  };
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={4}>{t('backup.title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('backup.intro')}
        </Typography.Paragraph>
      </div>
      <BackupNowCard />
      <BackupHistoryCard onVerify={run} verifyingFile={verify.isPending ? (verify.variables?.path ?? null) : null} />
      <VerifyBackupCard
        path={path}
        onPathChange={setPath}
        onVerify={run}
        pending={verify.isPending}
        result={result}
        error={verify.isError ? verify.error : null}
      />
      <BackupScheduleCard />
      <Card title={t('backup.restoreHere.heading')} data-testid="backup-restore-where">
        <Typography.Paragraph>{t('backup.restoreHere.text')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('backup.restoreHere.cli')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
