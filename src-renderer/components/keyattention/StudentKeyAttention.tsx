/** The student's key-attention entry on the student file (level, responsible people, next review). Placeholder until its module fills it in. */
export function StudentKeyAttention({ studentId }: { studentId: string }) {
  void studentId;
  return null;
}
