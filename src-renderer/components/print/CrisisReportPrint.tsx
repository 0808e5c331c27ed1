/** Placeholder until its module fills it in. */
export function CrisisReportPrint({ eventId }: { eventId: string }) {
  void eventId;
  return null;
}
