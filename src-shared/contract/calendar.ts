export const APPOINTMENT_KINDS = ['intake', 'session', 'followup', 'other'] as const;
export const APPOINTMENT_STATUSES = ['scheduled', 'checked_in', 'done', 'no_show', 'cancelled'] as const;

/** Channels: filled in by the calendar module. */
export const calendarChannels = {};
