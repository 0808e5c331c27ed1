/** Hospital referrals with the printable letter and the hospital's feedback. Placeholder until its module fills it in. */
export function ReferralsPanel({ studentId, eventId, caseId }: { studentId: string; eventId?: string; caseId?: string }) {
  void studentId;
  void eventId;
  void caseId;
  return null;
}
