import type { Navigate } from '../../router';

/** Open events and overdue steps of the signed-in person (all, for the director) on the workbench. Placeholder until its module fills it in. */
export function CrisisWorkbenchPanel({ onNavigate }: { onNavigate: Navigate }) {
  void onNavigate;
  return null;
}
