/** Rooms and teaching weeks in Settings. Placeholder until the calendar module fills it in. */
export function CalendarSettings() {
  return null;
}
