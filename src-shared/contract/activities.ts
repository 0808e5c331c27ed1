export const ACTIVITY_KINDS = [
  'mental_health_month',
  'mental_health_week',
  'lecture',
  'workshop',
  'psychodrama',
  'quiz',
  'class_meeting',
  'training_peer_counselors',
  'training_department_counselors',
  'other',
] as const;

/** Channels: filled in by the activities module. */
export const activityChannels = {};
