import { alertTimeline, assessmentTimeline } from '../assessments/assessments-timeline';
import { studentChangesTimeline, studentRecordTimeline } from '../students/students-timeline';
import type { TimelineSource } from './timeline';

/** Every module that adds to the student file's timeline is listed here, once. */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [studentRecordTimeline, studentChangesTimeline, assessmentTimeline, alertTimeline];
