/** Notifications made for a crisis event (guardian, department, leadership, hospital, 110/120). Placeholder until its module fills it in. */
export function EventNotifications({ eventId }: { eventId: string }) {
  void eventId;
  return null;
}
