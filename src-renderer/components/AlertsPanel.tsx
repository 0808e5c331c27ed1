import type { Navigate } from '../router';

/** Unacknowledged alerts on the workbench (placeholder until the assessment screens land). */
export function AlertsPanel(_props: { onNavigate: Navigate }) {
  return null;
}
