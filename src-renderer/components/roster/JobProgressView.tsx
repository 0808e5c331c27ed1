import { Button, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { progressPercent, type JobProgress } from '../../hooks/useJobProgress';
import { isTextKey } from '../../i18n/keys';

/** A job's bar, what it is doing (读取 / 检查第 n 行 / 写入), and a 取消 button when it can be cancelled. */
export function JobProgressView({
  progress,
  title,
  onCancel,
  cancelling,
  cancelLabel,
}: {
  /** Default 取消导入. */
  cancelLabel?: string;
  progress: JobProgress | null;
  title: string;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const { t } = useTranslation();
  const key = progress ? `roster.progress.phases.${progress.phase}` : 'roster.progress.phases.parse';
  const values = { done: (progress?.done ?? 0).toLocaleString(), total: (progress?.total ?? 0).toLocaleString() };
  const phase = isTextKey(key) ? t(key, { replace: values }) : (progress?.phase ?? '');
  return (
    <Flex vertical gap={8} role="status" aria-live="polite" style={{ maxWidth: 560, margin: '24px auto' }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Progress percent={progressPercent(progress)} status="active" aria-label={title} />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" data-testid="job-phase">
          {cancelling ? t('roster.progress.cancelling') : phase}
        </Typography.Text>
        {onCancel ? (
          <Button danger onClick={onCancel} loading={cancelling} disabled={cancelling}>
            {cancelLabel ?? t('roster.progress.cancel')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
