/** Confidentiality exceptions recorded for the student. Placeholder until its module fills it in. */
export function DisclosuresPanel({ studentId, eventId, caseId }: { studentId: string; eventId?: string; caseId?: string }) {
  void studentId;
  void eventId;
  void caseId;
  return null;
}
