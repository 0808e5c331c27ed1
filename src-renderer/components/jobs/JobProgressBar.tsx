import type { CSSProperties, ReactNode } from 'react';
import { Button, Flex, Progress, Typography } from 'antd';

/**
 * A long operation under way (import, export, backup): the bar, what it is doing now, and 取消 — one
 * look and one place for the live region, whatever runs. Without `onCancel` there is no 取消 (a
 * step that cannot be stopped yet); `title` names the operation above the bar.
 */
export function JobProgressBar({
  title,
  percent,
  label,
  phase,
  cancelling,
  cancellingText,
  cancelText,
  onCancel,
  phaseTestId,
  style,
}: {
  title?: ReactNode;
  percent: number;
  label: string;
  phase: string;
  cancelling: boolean;
  cancellingText: string;
  cancelText: string;
  onCancel?: () => void;
  phaseTestId?: string;
  style?: CSSProperties;
}) {
  return (
    <Flex vertical gap={title ? 8 : 4} role="status" aria-live="polite" style={style}>
      {title ? <Typography.Text strong>{title}</Typography.Text> : null}
      <Progress percent={percent} status="active" aria-label={label} />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" data-testid={phaseTestId}>
          {cancelling ? cancellingText : phase}
        </Typography.Text>
        {onCancel ? (
          <Button danger onClick={onCancel} loading={cancelling} disabled={cancelling}>
            {cancelText}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
