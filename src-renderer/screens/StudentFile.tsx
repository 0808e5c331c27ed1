import type { Navigate } from '../router';

/** A student's file (placeholder until the students screens land). */
export function StudentFile(_props: { studentId: string; onNavigate: Navigate }) {
  return null;
}
