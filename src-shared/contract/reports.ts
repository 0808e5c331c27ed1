import { z } from 'zod';

export const REPORTER_KINDS = ['self', 'peer_counselor', 'department_counselor', 'head_teacher', 'dorm', 'parent', 'teacher', 'census', 'hospital', 'other'] as const;
export const REPORT_SIGNS = [
  'low_mood',
  'crying',
  'withdrawal',
  'sleep_change',
  'talk_of_death',
  'self_harm_signs',
  'giving_away_belongings',
  'conflict',
  'academic_collapse',
  'bizarre_behaviour',
  'other',
] as const;
export type ReportSign = (typeof REPORT_SIGNS)[number];
export const REPORT_URGENCIES = ['routine', 'soon', 'urgent'] as const;
/** Signs that raise an alert the moment the report is saved (as does urgency `urgent`). */
export const ALERTING_SIGNS: readonly ReportSign[] = ['talk_of_death', 'self_harm_signs'];

export const reportSignSchema = z.enum(REPORT_SIGNS);

/** Channels: filled in by the reports module. */
export const reportChannels = {};
