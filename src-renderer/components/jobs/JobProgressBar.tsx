import type { CSSProperties } from 'react';
import { Button, Flex, Progress, Typography } from 'antd';

/**
 * A long operation under way (export, backup): the bar, what it is doing now, and 取消 — one
 * look and one place for the live region, whatever runs.
 */
export function JobProgressBar({
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
  percent: number;
  label: string;
  phase: string;
  cancelling: boolean;
  cancellingText: string;
  cancelText: string;
  onCancel: () => void;
  phaseTestId?: string;
  style?: CSSProperties;
}) {
  return (
    <Flex vertical gap={4} role="status" aria-live="polite" style={style}>
      <Progress percent={percent} status="active" aria-label={label} />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" data-testid={phaseTestId}>
          {cancelling ? cancellingText : phase}
        </Typography.Text>
        <Button danger onClick={onCancel} loading={cancelling} disabled={cancelling}>
          {cancelText}
        </Button>
      </Flex>
    </Flex>
  );
}
