import { accountsHandlers } from './accounts/accounts-handlers';
import { assessmentsHandlers } from './assessments/assessments-handlers';
import { auditHandlers } from './audit/audit-handlers';
import { authHandlers } from './auth/auth-handlers';
import { censusHandlers } from './census/census-handlers';
import type { HandlerMap } from './handler-types';
import { rosterHandlers } from './roster/roster-handlers';
import { settingsHandlers } from './settings/settings-handlers';
import { studentsHandlers } from './students/students-handlers';

/** Every contract channel has exactly one handler; the type fails to compile when one is missing. */
export const handlers: HandlerMap = {
  ...authHandlers,
  ...accountsHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...studentsHandlers,
  ...rosterHandlers,
  ...assessmentsHandlers,
  ...censusHandlers,
};
