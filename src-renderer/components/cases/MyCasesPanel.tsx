import type { Navigate } from '../../router';

/** The signed-in counselor's open cases on the workbench. Placeholder until the cases module fills it in. */
export function MyCasesPanel({ onNavigate }: { onNavigate: Navigate }) {
  void onNavigate;
  return null;
}
