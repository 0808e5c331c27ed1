/** A case's appointments, and booking the next one. Placeholder until the calendar module fills it in. */
export function CaseAppointments({ caseId, studentId }: { caseId: string; studentId: string }) {
  void caseId;
  void studentId;
  return null;
}
