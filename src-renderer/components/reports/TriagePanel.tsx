import type { Navigate } from '../../router';

/** The triage queue on the workbench. Placeholder until the reports module fills it in. */
export function TriagePanel({ onNavigate }: { onNavigate: Navigate }) {
  void onNavigate;
  return null;
}
