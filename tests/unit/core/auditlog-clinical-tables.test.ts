import { describe, expect, it } from 'vitest';
import { isClinicalEntry } from '../../../src-main/core/audit/auditlog-redaction';
import { setUpCore } from './helpers';

/**
 * Every table whose rows belong to a student (a `student_id` column, or hanging off such a row) is
 * either clinical for the audit log's redaction or named here as not: a new table cannot slip
 * past the rule that an account without a clinical role never learns which student has clinical records.
 */
const NOT_CLINICAL = new Set([
  'students',
  // What the archive did, kept without content: the administrator runs destruction.
  'destruction_requests',
  'destruction_records',
  // 工作网络: a 心理委员 entry names the student as a member of the network, never anything clinical.
  'network_people',
]);

/** Rows tied to a student through another record rather than a student_id column. */
const THROUGH_ANOTHER_RECORD = [
  'census_followup_history',
  'crisis_steps',
  'crisis_level_changes',
  'crisis_notifications',
  'note_addenda',
  'leadership_escalations',
  'leadership_decisions',
];

describe('audit-log redaction covers every student table', () => {
  it('each table with a student_id column, and each that hangs off one, is clinical unless named as not', async () => {
    const { core } = await setUpCore();
    const sqlite = core.vault.requireStore().sqlite;
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const withStudent = tables.filter((table) =>
      (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).includes('student_id'),
    );
    expect(withStudent.length).toBeGreaterThan(15);
    const unclassified = [...withStudent, ...THROUGH_ANOTHER_RECORD.filter((t) => tables.includes(t))].filter(
      (entity) => !NOT_CLINICAL.has(entity) && !isClinicalEntry({ entity, action: 'change' }),
    );
    expect(unclassified).toEqual([]);
  });

  it('issue 17: trainings, attendance, supervision and courses are not clinical (no student_id; supervision keeps no content), so the administrator sees them in words', () => {
    for (const entity of ['training_sessions', 'training_attendance', 'supervision_sessions', 'mental_health_courses', 'education_activities']) {
      expect(isClinicalEntry({ entity, action: 'create' }), entity).toBe(false);
    }
  });
});
