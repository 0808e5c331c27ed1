import type { AuditEntry } from '../../../src-shared/contract/auditlog';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import { CLINICAL_TABLES_WITH_STUDENT_ID } from './auditlog-student';

/**
 * The audit log for an account without a clinical role (the administrator): who did what and
 * when stays visible, but not which student has clinical records. Filtering by student would show
 * that a student has crisis events, notes, referrals or safety plans, so it is refused; entries
 * about clinical records show as one kind, 临床记录, with neither the record nor the student.
 */
export const CLINICAL_ENTITY = 'clinical';

/** Records whose mere existence for a student is clinical (what the student filter reaches, and more). */
const CLINICAL_ENTITIES = new Set<string>([
  ...CLINICAL_TABLES_WITH_STUDENT_ID,
  // Clinical records the student filter does not reach by a student id of their own.
  'session_notes',
  'note_addenda',
  'crisis_steps',
  'crisis_level_changes',
  'crisis_notifications',
  'crisis_board',
  'crisis_summaries',
  'census_followup_history',
  'counseling_groups',
  'attachments',
  // 家校沟通 and the leadership group's handling of a student's crisis event.
  'family_contacts',
  'leadership_escalations',
  'leadership_decisions',
]);

/** Actions on a student that open clinical content (the timeline, a printed file). */
const CLINICAL_STUDENT_ACTIONS = new Set(['view-timeline', 'print']);

/** Detail keys that point at a student or a clinical record. */
const LINKING_KEYS = new Set([
  'studentId',
  'caseId',
  'eventId',
  'crisisEventId',
  'noteId',
  'assessmentId',
  'alertId',
  'referralId',
  'entryId',
  'followupId',
  'taskId',
  'groupId',
]);

export function seesClinicalRecords(roles: readonly Role[]): boolean {
  return roles.some((role) => (CLINICAL as readonly Role[]).includes(role));
}

export function isClinicalEntry(entry: Pick<AuditEntry, 'entity' | 'action'>): boolean {
  return CLINICAL_ENTITIES.has(entry.entity) || (entry.entity === 'students' && CLINICAL_STUDENT_ACTIONS.has(entry.action));
}

/**
 * An entry as a non-clinical account sees it. A clinical one keeps who, when, where and the
 * category (its action becomes the category: module action names tell the kind); its record,
 * subject and details go. Other entries lose detail keys that point at a student or a clinical
 * record (a student's own entries keep their subject: the roster is not clinical).
 */
export function redactForNonClinical(entry: AuditEntry): AuditEntry {
  if (isClinicalEntry(entry)) return { ...entry, action: entry.category, entity: CLINICAL_ENTITY, entityId: null, subject: null, details: {}, names: {} };
  const details = Object.fromEntries(Object.entries(entry.details).filter(([key]) => !LINKING_KEYS.has(key)));
  // Names only of the ids still shown: a dropped key's student must not come back through its name.
  const kept = JSON.stringify(details);
  const names = Object.fromEntries(Object.entries(entry.names ?? {}).filter(([id]) => kept.includes(id)));
  return { ...entry, details, names };
}
