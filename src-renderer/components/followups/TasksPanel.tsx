import type { Navigate } from '../../router';

/** The signed-in person's due follow-up tasks on the workbench. Placeholder until its module fills it in. */
export function TasksPanel({ onNavigate }: { onNavigate: Navigate }) {
  void onNavigate;
  return null;
}
