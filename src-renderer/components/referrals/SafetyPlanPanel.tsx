/** The student's safety plan (versioned, printable). Placeholder until its module fills it in. */
export function SafetyPlanPanel({ studentId, eventId, caseId }: { studentId: string; eventId?: string; caseId?: string }) {
  void studentId;
  void eventId;
  void caseId;
  return null;
}
