import { accountsHandlers } from './accounts/accounts-handlers';
import { assessmentsHandlers } from './assessments/assessments-handlers';
import { criticalResultHandlers } from './assessments/critical-results-handlers';
import { auditHandlers } from './audit/audit-handlers';
import { authHandlers } from './auth/auth-handlers';
import { censusHandlers } from './census/census-handlers';
import { reportsHandlers } from './reports/reports-handlers';
import { casesHandlers } from './cases/cases-handlers';
import { notesHandlers } from './notes/notes-handlers';
import { calendarHandlers } from './calendar/calendar-handlers';
import { groupsHandlers } from './groups/groups-handlers';
import { activitiesHandlers } from './activities/activities-handlers';
import { trainingHandlers } from './training/training-handlers';
import { coursesHandlers } from './courses/courses-handlers';
import { networkHandlers } from './network/network-handlers';
import { crisisHandlers } from './crisis/crisis-handlers';
import { referralsHandlers } from './referrals/referrals-handlers';
import { followupsHandlers } from './followups/followups-handlers';
import { keyAttentionHandlers } from './keyattention/keyattention-handlers';
import { familyHandlers } from './family/family-handlers';
import { leadershipHandlers } from './leadership/leadership-handlers';
import { backupHandlers } from './backup/backup-handlers';
import { syncHandlers } from './sync/sync-handlers';
import { statisticsHandlers } from './statistics/statistics-handlers';
import { archiveHandlers } from './archive/archive-handlers';
import { printHandlers } from './print/print-handlers';
import { auditLogHandlers } from './audit/auditlog-handlers';
import type { HandlerMap } from './handler-types';
import { rosterHandlers } from './roster/roster-handlers';
import { settingsHandlers } from './settings/settings-handlers';
import { gettingStartedHandlers } from './getting-started/getting-started';
import { studentsHandlers } from './students/students-handlers';
import { studentTimelineHandlers } from './student-timeline/student-timeline-handlers';
import { handoverHandlers } from './handover/handover-handlers';

/** Every contract channel has exactly one handler; the type fails to compile when one is missing. */
export const handlers: HandlerMap = {
  ...authHandlers,
  ...accountsHandlers,
  ...settingsHandlers,
  ...gettingStartedHandlers,
  ...auditHandlers,
  ...studentsHandlers,
  ...studentTimelineHandlers,
  ...handoverHandlers,
  ...rosterHandlers,
  ...assessmentsHandlers,
  ...criticalResultHandlers,
  ...censusHandlers,
  ...reportsHandlers,
  ...casesHandlers,
  ...notesHandlers,
  ...calendarHandlers,
  ...groupsHandlers,
  ...activitiesHandlers,
  ...trainingHandlers,
  ...coursesHandlers,
  ...networkHandlers,
  ...crisisHandlers,
  ...referralsHandlers,
  ...followupsHandlers,
  ...keyAttentionHandlers,
  ...familyHandlers,
  ...leadershipHandlers,
  ...backupHandlers,
  ...syncHandlers,
  ...statisticsHandlers,
  ...archiveHandlers,
  ...printHandlers,
  ...auditLogHandlers,
};
