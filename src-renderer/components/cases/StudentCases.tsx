import type { Navigate } from '../../router';

/** The student's cases on the file (liaisons: open case and risk level only), and the way to an intake. Placeholder until the cases module fills it in. */
export function StudentCases({ studentId, onNavigate }: { studentId: string; onNavigate: Navigate }) {
  void studentId;
  void onNavigate;
  return null;
}
