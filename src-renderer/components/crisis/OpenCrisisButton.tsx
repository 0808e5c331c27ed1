import type { Navigate } from '../../router';

/** One click to open a crisis event for the student (from the file, a case, a report). Placeholder until its module fills it in. */
export function OpenCrisisButton({ studentId, caseId, reportId, onNavigate }: { studentId: string; caseId?: string; reportId?: string; onNavigate: Navigate }) {
  void studentId;
  void caseId;
  void reportId;
  void onNavigate;
  return null;
}
