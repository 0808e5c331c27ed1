/** The assessments tab of a student's file (placeholder until the assessment screens land). */
export function StudentAssessments(_props: { studentId: string }) {
  return null;
}
