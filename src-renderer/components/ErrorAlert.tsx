import { Alert } from 'antd';
import type { ReactNode } from 'react';

/** A translated error above a form; `role="alert"` so screen readers and tests find it. */
export function ErrorAlert({ message }: { message: ReactNode | null | undefined }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} role="alert" style={{ marginBottom: 16 }} />;
}
