import type { Navigate } from '../../router';

/** Overdue notes and notes to co-sign on the workbench. Placeholder until the notes module fills it in. */
export function NotesPanel({ onNavigate }: { onNavigate: Navigate }) {
  void onNavigate;
  return null;
}
