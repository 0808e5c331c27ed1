/** Leave and return, postvention peers and follow-up tasks of a crisis event. Placeholder until its module fills it in. */
export function EventFollowups({ studentId, eventId }: { studentId: string; eventId: string }) {
  void studentId;
  void eventId;
  return null;
}
