import type { Navigate } from '../../router';

/** Today's appointments of the signed-in person on the workbench. Placeholder until the calendar module fills it in. */
export function TodayPanel({ onNavigate }: { onNavigate: Navigate }) {
  void onNavigate;
  return null;
}
