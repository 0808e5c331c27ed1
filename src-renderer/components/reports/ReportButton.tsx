/** A 上报 button on the student file that opens the report form. Placeholder until the reports module fills it in. */
export function ReportButton({ studentId }: { studentId: string }) {
  void studentId;
  return null;
}
