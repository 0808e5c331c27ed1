import { alertTimeline, assessmentTimeline } from '../assessments/assessments-timeline';
import { studentChangesTimeline, studentRecordTimeline } from '../students/students-timeline';
import { reportTimeline } from '../reports/reports-timeline';
import { caseTimeline } from '../cases/cases-timeline';
import { appointmentTimeline } from '../calendar/calendar-timeline';
import { groupTimeline } from '../groups/groups-timeline';
import { noteTimeline } from '../notes/notes-timeline';
import { referralsTimeline } from '../referrals/referrals-timeline';
import { crisisTimeline } from '../crisis/crisis-timeline';
import { followupsTimeline } from '../followups/followups-timeline';
import { keyAttentionTimeline } from '../keyattention/keyattention-timeline';
import type { TimelineSource } from '../timeline/timeline';

/** Every module that adds to the student file's timeline is listed here, once. */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  studentRecordTimeline,
  studentChangesTimeline,
  assessmentTimeline,
  alertTimeline,
  reportTimeline,
  caseTimeline,
  appointmentTimeline,
  groupTimeline,
  noteTimeline,
  referralsTimeline,
  crisisTimeline,
  followupsTimeline,
  keyAttentionTimeline,
];
