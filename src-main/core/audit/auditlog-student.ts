/**
 * The records that belong to one student, as (entity, id) pairs: a CTE the audit query joins
 * against `audit_events (entity, entity_id)` through its index, so filtering the log by student
 * costs one probe per record of that student rather than a scan of the whole log.
 *
 * Every branch binds the student id as the named parameter `@studentId`.
 */
/**
 * Clinical records carrying the student id: the student filter reaches them directly, and the
 * redaction (auditlog-redaction.ts) hides them from accounts without a clinical role, so a table
 * added here is covered by both.
 */
export const CLINICAL_TABLES_WITH_STUDENT_ID = [
  'cases',
  'intakes',
  'assessments',
  'alerts',
  'reports',
  'crisis_events',
  'referrals',
  'safety_plans',
  'disclosures',
  'followup_tasks',
  'leave_records',
  'return_assessments',
  'key_attention',
  'key_attention_history',
  'appointments',
  'waitlist_entries',
  'census_followups',
  'approval_requests',
  'group_members',
  'break_glass_accesses',
  'legal_holds',
] as const;

/** Every table the student filter reaches by its student id: the clinical ones, and what the archive did. */
const DIRECT = [...CLINICAL_TABLES_WITH_STUDENT_ID, 'destruction_requests', 'destruction_records'] as const;

/**
 * Records that hang off a student's records rather than carrying the student id themselves (notes
 * carry it, but are reached through their case, which has the index).
 */
const VIA_EVENT = ['crisis_steps', 'crisis_level_changes', 'crisis_notifications'] as const;

/**
 * Lists that some modules audit under the student's (or the crisis event's) id rather than a
 * row id: the follow-up tasks and leave records read for a student or an event.
 */
const KEYED_BY_STUDENT_OR_EVENT = ['followup_tasks', 'leave_records'] as const;

export const STUDENT_RECORDS_CTE = `
student_base(entity, id) AS (
  SELECT 'students', @studentId
  ${DIRECT.map((table) => `UNION SELECT '${table}', id FROM ${table} WHERE student_id = @studentId`).join('\n  ')}
  UNION SELECT 'session_notes', n.id FROM cases c CROSS JOIN session_notes n ON n.case_id = c.id WHERE c.student_id = @studentId
  UNION SELECT 'note_addenda', a.id FROM cases c CROSS JOIN session_notes n ON n.case_id = c.id CROSS JOIN note_addenda a ON a.note_id = n.id WHERE c.student_id = @studentId
  ${VIA_EVENT.map((table) => `UNION SELECT '${table}', x.id FROM ${table} x JOIN crisis_events ev ON ev.id = x.event_id WHERE ev.student_id = @studentId`).join('\n  ')}
  ${KEYED_BY_STUDENT_OR_EVENT.map((entity) => `UNION SELECT '${entity}', @studentId UNION SELECT '${entity}', id FROM crisis_events WHERE student_id = @studentId`).join('\n  ')}
),
student_records(entity, id) AS (
  SELECT entity, id FROM student_base
  UNION SELECT 'attachments', f.id FROM student_base b CROSS JOIN attachments f ON f.owner_entity = b.entity AND f.owner_id = b.id
)`;
