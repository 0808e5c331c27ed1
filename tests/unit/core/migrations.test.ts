import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { readMigrationFolder } from '../../../scripts/embed-migrations.mjs';
import { newDatabaseKey } from '../../../src-main/core/keys/keyring';
import { openEncryptedDatabase } from '../../../src-main/core/store/database';
import { SCHEMA_VERSION, migrateToLatest, readSchemaVersion } from '../../../src-main/core/store/migrate';
import { MIGRATIONS, type Migration } from '../../../src-main/core/store/migrations.generated';
import { STATISTICS_SQL } from '../../../src-main/core/statistics/statistics-sql';
import { GENESIS_HASH, auditEventHash, verifyAuditChain } from '../../../src-main/core/audit/audit-chain';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore, tempDir } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

function freshEncrypted() {
  const file = join(tempDir(), 'counsel.db');
  return { file, db: openEncryptedDatabase(file, newDatabaseKey(), { create: true }) };
}

/** A new store migrated up to, not including, `tag`; `at` is that migration's index. */
function storeBefore(tag: string) {
  const { db, file } = freshEncrypted();
  const at = MIGRATIONS.findIndex((m) => m.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  migrateToLatest(db, file, MIGRATIONS.slice(0, at));
  return { db, file, at };
}

/** Student s1 as any store since 0000 holds it. */
function insertStudent(db: ReturnType<typeof freshEncrypted>['db']): void {
  db.prepare(
    "INSERT INTO students (id, student_no, name, name_pinyin, name_initials, guardians, status, source, created_at, updated_at) VALUES ('s1', '2026001', '测试', 'ceshi', 'cs', '[]', 'enrolled', 'manual', 'x', 'x')",
  ).run();
}

const tables = (db: ReturnType<typeof freshEncrypted>['db']) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrations', () => {
  it('the embedded module matches the drizzle-kit folder (run `npm run db:generate` after a schema change)', () => {
    expect(readMigrationFolder()).toEqual(MIGRATIONS.map((m) => ({ tag: m.tag, statements: [...m.statements] })));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('0000_foundation: an empty store gets the foundation tables at version 1', () => {
    const { db, file } = freshEncrypted();
    const outcome = migrateToLatest(db, file, MIGRATIONS.slice(0, 1));
    expect(outcome).toEqual({ from: 0, to: 1, backupFile: null });
    expect(tables(db)).toEqual(expect.arrayContaining(['accounts', 'audit_events', 'meta', 'outbox', 'settings']));
    expect(readSchemaVersion(db)).toBe(1);
    db.close();
  });

  it('0001_students_assessments: a foundation store keeps its accounts and gains students, assessments, alerts', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO accounts (id, username, display_name, roles, created_at, updated_at) VALUES ('a1', 'u1', 'U', '[]', 'x', 'x')").run();
    const outcome = migrateToLatest(db, file, MIGRATIONS.slice(0, 2));
    expect(outcome).toMatchObject({ from: 1, to: 2 });
    expect(db.prepare('SELECT username, department FROM accounts').get()).toEqual({ username: 'u1', department: null });
    expect(tables(db)).toEqual(expect.arrayContaining(['students', 'assessments', 'alerts', 'instrument_wordings']));
    db.close();
  });

  it('0002_alerts_are_never_deleted: a delete or a rewrite of an alert source is refused by the store itself', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 2));
    insertStudent(db);
    db.prepare("INSERT INTO alerts (id, student_id, source, code, level, created_at) VALUES ('al1', 's1', 'assessment', 'PHQ9_ITEM9', 'CRITICAL', 'x')").run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 3));
    expect(() => db.prepare('DELETE FROM alerts').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE alerts SET level = 'REVIEW'").run()).toThrow(/fixed/);
    db.prepare("UPDATE alerts SET acknowledged_at = 'y', acknowledged_by = 'a', action_taken = 'called'").run();
    expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(1);
    db.close();
  });

  it('0003_search_in_memory: drops the name and pinyin indexes and keeps the students', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 3));
    insertStudent(db);
    migrateToLatest(db, file, MIGRATIONS.slice(0, 4));
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'students'").pluck().all();
    expect(indexes).not.toContain('students_pinyin');
    expect(indexes).toContain('students_department');
    expect(db.prepare('SELECT name FROM students').pluck().all()).toEqual(['测试']);
    db.close();
  });

  it('0004_census: a store with students gains the census tables, one form per batch, student and instrument', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 4));
    insertStudent(db);
    migrateToLatest(db, file, MIGRATIONS.slice(0, 5));
    expect(tables(db)).toEqual(expect.arrayContaining(['census_batches', 'census_forms', 'census_followups']));
    db.prepare("INSERT INTO census_batches (id, name, cohort, instruments, rules, created_at, updated_at) VALUES ('b1', 'n', 'c', '[]', '{}', 'x', 'x')").run();
    db.prepare(
      "INSERT INTO census_followups (id, batch_id, student_id, urgency, reasons, status, created_at, updated_at) VALUES ('f1', 'b1', 's1', 0, '[]', 'pending', 'x', 'x')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO census_followups (id, batch_id, student_id, urgency, reasons, status, created_at, updated_at) VALUES ('f2', 'b1', 's1', 0, '[]', 'pending', 'x', 'x')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it('0005–0007: the counseling and crisis tables arrive; an alert may now come from a report and link a crisis event', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 5));
    migrateToLatest(db, file, MIGRATIONS.slice(0, 8));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'reports',
        'cases',
        'intakes',
        'session_notes',
        'note_addenda',
        'break_glass_accesses',
        'appointments',
        'crisis_events',
        'crisis_steps',
        'referrals',
        'safety_plans',
        'disclosures',
        'followup_tasks',
        'key_attention',
      ]),
    );
    const alertColumns = db.prepare("SELECT name FROM pragma_table_info('alerts')").pluck().all();
    expect(alertColumns).toEqual(expect.arrayContaining(['report_id', 'crisis_event_id']));
    db.close();
  });

  it('0008: census forms move into their assessments (batch and digest kept) and the old table goes', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 8));
    insertStudent(db);
    db.prepare("INSERT INTO census_batches (id, name, cohort, instruments, rules, created_at, updated_at) VALUES ('b1', 'n', 'c', '[]', '{}', 'x', 'x')").run();
    for (const [id, instrument] of [
      ['a1', 'scl90'],
      ['a2', 'upi'],
      ['a3', 'phq9'],
    ]) {
      db.prepare(
        "INSERT INTO assessments (id, student_id, instrument, instrument_version, mode, status, responses, options, position, started_at, updated_at) VALUES (?, 's1', ?, '1', 'import', 'complete', '[]', '{}', 0, 'x', 'x')",
      ).run(id, instrument);
    }
    db.prepare(
      "INSERT INTO census_forms (id, batch_id, student_id, instrument, assessment_id, answers_digest, imported_at) VALUES ('f1', 'b1', 's1', 'scl90', 'a1', 'digest-1', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO census_forms (id, batch_id, student_id, instrument, assessment_id, answers_digest, imported_at) VALUES ('f2', 'b1', 's1', 'upi', 'a2', 'digest-2', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, 9));
    expect(tables(db)).not.toContain('census_forms');
    expect(db.prepare('SELECT id, census_batch_id, answers_digest FROM assessments ORDER BY id').all()).toEqual([
      { id: 'a1', census_batch_id: 'b1', answers_digest: 'digest-1' },
      { id: 'a2', census_batch_id: 'b1', answers_digest: 'digest-2' },
      { id: 'a3', census_batch_id: null, answers_digest: null },
    ]);
    db.close();
  });

  it('0009_archive_and_sync: students and alerts are kept; alerts stay undeletable except inside a destruction, which the guard row marks', () => {
    const { db, file, at } = storeBefore('0009_archive_and_sync');
    insertStudent(db);
    db.prepare("INSERT INTO alerts (id, student_id, source, code, level, created_at) VALUES ('al1', 's1', 'assessment', 'PHQ9_ITEM9', 'CRITICAL', 'x')").run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'applied_updates',
        'backup_runs',
        'destruction_guard',
        'destruction_records',
        'destruction_requests',
        'export_bundles',
        'legal_holds',
      ]),
    );
    expect(db.prepare('SELECT id, student_no, left_at FROM students').all()).toEqual([{ id: 's1', student_no: '2026001', left_at: null }]);
    expect(() => db.prepare("DELETE FROM alerts WHERE id = 'al1'").run()).toThrow(/alerts are never deleted/);
    db.transaction(() => {
      db.prepare("INSERT INTO destruction_guard (id, request_id) VALUES (1, 'r1')").run();
      db.prepare("DELETE FROM alerts WHERE id = 'al1'").run();
      db.prepare('DELETE FROM destruction_guard').run();
    })();
    expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    db.close();
  });

  it('0010_alert_structured_action: alerts keep their acknowledgements and gain the action; an acknowledgement is then fixed', () => {
    const { db, file, at } = storeBefore('0010_alert_structured_action');
    insertStudent(db);
    db.prepare(
      "INSERT INTO alerts (id, student_id, source, code, level, created_at, acknowledged_by, acknowledged_at, action_taken) VALUES ('al1', 's1', 'assessment', 'PHQ9_ITEM9', 'CRITICAL', 'x', 'a', 'y', '已约谈')",
    ).run();
    db.prepare("INSERT INTO alerts (id, student_id, source, code, level, created_at) VALUES ('al2', 's1', 'assessment', 'UPI_ITEM25', 'URGENT', 'x')").run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT id, action_taken, ack_action FROM alerts ORDER BY id').all()).toEqual([
      { id: 'al1', action_taken: '已约谈', ack_action: null },
      { id: 'al2', action_taken: null, ack_action: null },
    ]);
    expect(() => db.prepare("UPDATE alerts SET action_taken = 'changed' WHERE id = 'al1'").run()).toThrow(/acknowledgement is fixed/);
    expect(() => db.prepare("UPDATE alerts SET acknowledged_at = NULL WHERE id = 'al1'").run()).toThrow(/acknowledgement is fixed/);
    db.prepare("UPDATE alerts SET acknowledged_at = 'z', acknowledged_by = 'a', ack_action = 'interviewed', action_taken = '当日约谈' WHERE id = 'al2'").run();
    expect(() => db.prepare("UPDATE alerts SET ack_action = 'other' WHERE id = 'al2'").run()).toThrow(/acknowledgement is fixed/);
    db.close();
  });

  it('0011_census_followup_history: interview lists keep their rows; their history starts empty and refers to them', () => {
    const { db, file, at } = storeBefore('0011_census_followup_history');
    insertStudent(db);
    db.prepare(
      "INSERT INTO census_batches (id, name, cohort, instruments, rules, created_at, updated_at) VALUES ('b1', 'n', 'c', '[\"upi\"]', '{}', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO census_followups (id, batch_id, student_id, urgency, reasons, status, outcome, note, created_at, updated_at) VALUES ('f1', 'b1', 's1', 1, '[\"UPI_CATEGORY_1\"]', 'done', 'watch', '已约谈', 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT id, status, outcome, note FROM census_followups').all()).toEqual([
      { id: 'f1', status: 'done', outcome: 'watch', note: '已约谈' },
    ]);
    expect(db.prepare('SELECT count(*) FROM census_followup_history').pluck().get()).toBe(0);
    db.prepare("INSERT INTO census_followup_history (id, followup_id, kind, at) VALUES ('h1', 'f1', 'reopened', 'y')").run();
    expect(() => db.prepare("INSERT INTO census_followup_history (id, followup_id, kind, at) VALUES ('h2', 'nope', 'outcome', 'y')").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('0012_crisis_one_open_event: two open events of an old store are kept; a third is refused by the store; steps gain overdue_at_level_change', () => {
    const { db, file, at } = storeBefore('0012_crisis_one_open_event');
    insertStudent(db);
    db.prepare("INSERT INTO crisis_templates (id, version, name, definition, created_at) VALUES ('t1', 1, 'n', '{\"steps\":[]}', 'x')").run();
    const event = db.prepare(
      "INSERT INTO crisis_events (id, event_no, student_id, source, template_id, template_version, discovered_at, level, status, created_at, updated_at) VALUES (?, ?, 's1', 'manual', 't1', 1, 'x', '1', ?, 'x', 'x')",
    );
    // Before the rule a student could hold two events under way: both survive the upgrade.
    event.run('e1', 'CR-2026-0001', 'open');
    event.run('e2', 'CR-2026-0002', 'closing');
    event.run('e3', 'CR-2026-0003', 'closed');
    db.prepare(
      "INSERT INTO crisis_steps (id, event_id, key, position, title, owner_role, levels, status, created_at, updated_at) VALUES ('st1', 'e1', 'leadership', 0, 't', 'director', '[\"1\"]', 'open', 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT id, status FROM crisis_events ORDER BY id').all()).toEqual([
      { id: 'e1', status: 'open' },
      { id: 'e2', status: 'closing' },
      { id: 'e3', status: 'closed' },
    ]);
    expect(db.prepare("SELECT overdue_at_level_change FROM crisis_steps WHERE id = 'st1'").pluck().get()).toBeNull();
    // A third event under way, or a closed one reopened, is refused by the store itself.
    expect(() => event.run('e4', 'CR-2026-0004', 'open')).toThrow(/crisisEventOpen/);
    expect(() => db.prepare("UPDATE crisis_events SET status = 'open' WHERE id = 'e3'").run()).toThrow(/crisisEventOpen/);
    // The old pair can still be worked and closed.
    db.prepare("UPDATE crisis_events SET status = 'closing' WHERE id = 'e1'").run();
    db.prepare("UPDATE crisis_events SET status = 'closed' WHERE id IN ('e1', 'e2')").run();
    event.run('e5', 'CR-2026-0005', 'open');
    expect(db.prepare("SELECT count(*) FROM crisis_events WHERE status <> 'closed'").pluck().get()).toBe(1);
    db.close();
  });

  it("0018_note_topics: notes gain the plan's topics from their free words (kept as tags); signed notes without a match count under 其他; locked and archived notes stay guarded", () => {
    const { db, file, at } = storeBefore('0018_note_topics');
    insertStudent(db);
    db.prepare(
      "INSERT INTO accounts (id, username, display_name, roles, created_at, updated_at) VALUES ('a1', 'wang', '王', '[\"counselor\"]', 'x', 'x')",
    ).run();
    const kase = db.prepare(
      "INSERT INTO cases (id, case_no, student_id, counselor_id, status, risk_level, opened_at, created_at, updated_at) VALUES (?, ?, 's1', 'a1', 'open', 'low', 'x', 'x', 'x')",
    );
    kase.run('c1', 'C-1');
    kase.run('c2', 'C-2');
    const note = db.prepare(
      "INSERT INTO session_notes (id, case_id, student_id, author_id, session_at, mode, minutes, topics, body, status, sign_due_at, created_at, updated_at) VALUES (?, ?, 's1', 'a1', 'x', 'in_person', 50, ?, '{\"process\":\"p\"}', ?, 'x', 'x', 'x')",
    );
    note.run('n1', 'c1', JSON.stringify(['情绪', '睡眠', ' 宿舍关系 ', '学业']), 'signed');
    note.run('n2', 'c1', JSON.stringify(['情绪调节', '情绪问题', 'Stress']), 'awaiting_cosign');
    note.run('n3', 'c1', JSON.stringify(['睡眠', '家庭']), 'signed');
    note.run('n4', 'c1', JSON.stringify([]), 'unlocked');
    note.run('n5', 'c1', JSON.stringify(['睡眠']), 'draft');
    note.run('n6', 'c2', JSON.stringify(['恋爱', '就业']), 'signed');
    // c2 is archived before the upgrade: its notes are read-only, yet they gain their topics.
    db.prepare("UPDATE cases SET status = 'archived', archived_at = 'x' WHERE id = 'c2'").run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    const rows = db.prepare('SELECT id, topics, topic_categories AS categories, topic_other AS other FROM session_notes ORDER BY id').all() as {
      id: string;
      topics: string;
      categories: string;
      other: string | null;
    }[];
    const got = Object.fromEntries(rows.map((r) => [r.id, { topics: JSON.parse(r.topics), categories: JSON.parse(r.categories), other: r.other }]));
    expect(got).toEqual({
      // Matched words give their topic once each, in the plan's order; every free word stays a tag.
      n1: { topics: ['情绪', '睡眠', ' 宿舍关系 ', '学业'], categories: ['academic_adjustment', 'emotion_regulation', 'interpersonal'], other: null },
      n2: { topics: ['情绪调节', '情绪问题', 'Stress'], categories: ['emotion_regulation', 'stress_coping'], other: null },
      // A signed note naming none of the topics is counted under 其他, its words as the 其他 text.
      n3: { topics: ['睡眠', '家庭'], categories: ['other'], other: '睡眠、家庭' },
      n4: { topics: [], categories: ['other'], other: null },
      // A draft without a match is left for its author to choose.
      n5: { topics: ['睡眠'], categories: [], other: null },
      n6: { topics: ['恋爱', '就业'], categories: ['career_planning', 'relationships'], other: null },
    });
    // The guards are back: a signed note's topics cannot change, an archived case's notes not at all.
    expect(() => db.prepare("UPDATE session_notes SET topic_categories = '[\"other\"]' WHERE id = 'n1'").run()).toThrow(/locked note/);
    expect(() => db.prepare("UPDATE session_notes SET topic_other = 'x' WHERE id = 'n2'").run()).toThrow(/locked note/);
    expect(() => db.prepare("UPDATE session_notes SET updated_at = 'y' WHERE id = 'n6'").run()).toThrow(/archived/);
    db.prepare("UPDATE session_notes SET topic_categories = '[\"stress_coping\"]' WHERE id = 'n5'").run();
    expect(db.prepare("SELECT topic_categories FROM session_notes WHERE id = 'n5'").pluck().get()).toBe('["stress_coping"]');
    db.close();
  });

  it('0015_inbound_risk_digest: roster updates applied before stay; an inbound sequence applies once; digests start empty', () => {
    const { db, file, at } = storeBefore('0015_inbound_risk_digest');
    db.prepare(
      "INSERT INTO applied_updates (id, bundle_id, kind, summary, applied_at, created_at, updated_at) VALUES ('u1', 'roster-1', 'roster', '{}', 'x', 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT bundle_id FROM applied_updates').pluck().all()).toEqual(['roster-1']);
    expect(db.prepare('SELECT count(*) FROM risk_digests').pluck().get()).toBe(0);
    const insert = db.prepare(
      "INSERT INTO inbound_applied (id, seq, item_id, kind, bundle_id, applied_at, created_at, updated_at) VALUES (?, 1, 'r-1', 'report', 'b1', 'x', 'x', 'x')",
    );
    insert.run('i1');
    expect(() => insert.run('i2')).toThrow(/UNIQUE/);
    db.close();
  });

  it('0016_family_contacts_and_leadership: events and students of an old store are kept; an escalation is one per event; decisions need their escalation', () => {
    const { db, file, at } = storeBefore('0016_family_contacts_and_leadership');
    insertStudent(db);
    db.prepare("INSERT INTO crisis_templates (id, version, name, definition, created_at) VALUES ('t1', 1, 'n', '{\"steps\":[]}', 'x')").run();
    db.prepare(
      "INSERT INTO crisis_events (id, event_no, student_id, source, template_id, template_version, discovered_at, level, status, created_at, updated_at) VALUES ('e1', 'CR-1', 's1', 'manual', 't1', 1, 'x', '1', 'open', 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT id, level, status FROM crisis_events').all()).toEqual([{ id: 'e1', level: '1', status: 'open' }]);
    expect(db.prepare('SELECT count(*) FROM family_contacts').pluck().get()).toBe(0);
    db.prepare(
      "INSERT INTO family_contacts (id, student_id, contacted_at, way, target_kind, target_name, purpose, summary, created_at) VALUES ('f1', 's1', 'x', 'phone', 'guardian', '家长', '目的', '摘要', 'x')",
    ).run();
    const escalate = db.prepare(
      "INSERT INTO leadership_escalations (id, event_id, plan_started_at, decided_by_name, level, created_at) VALUES (?, 'e1', 'x', '校长', '1', 'x')",
    );
    escalate.run('l1');
    expect(() => escalate.run('l2')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO leadership_decisions (id, escalation_id, event_id, text, assignee_name, status, created_at, updated_at) VALUES ('d1', 'nope', 'e1', 't', 'a', 'open', 'x', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0014_work_network: reports, crisis steps and notifications of an old store are kept with no register person; the register starts empty', () => {
    const { db, file, at } = storeBefore('0014_work_network');
    insertStudent(db);
    db.prepare(
      "INSERT INTO reports (id, student_id, reporter_kind, reporter_name, signs, urgency, status, reported_at, created_at, updated_at) VALUES ('r1', 's1', 'peer_counselor', '某心理委员', '[]', 'soon', 'new', 'x', 'x', 'x')",
    ).run();
    db.prepare("INSERT INTO crisis_templates (id, version, name, definition, created_at) VALUES ('t1', 1, 'n', '{\"steps\":[]}', 'x')").run();
    db.prepare(
      "INSERT INTO crisis_events (id, event_no, student_id, source, template_id, template_version, discovered_at, level, status, created_at, updated_at) VALUES ('e1', 'CR-1', 's1', 'manual', 't1', 1, 'x', '1', 'open', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO crisis_steps (id, event_id, key, position, title, owner_role, levels, status, created_at, updated_at) VALUES ('st1', 'e1', 'k', 1, '通知保卫处', 'counselor', '[]', 'open', 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT reporter_name, reporter_person_id FROM reports').all()).toEqual([{ reporter_name: '某心理委员', reporter_person_id: null }]);
    expect(db.prepare('SELECT status, assignee_person_id, done_by_person_id FROM crisis_steps').all()).toEqual([
      { status: 'open', assignee_person_id: null, done_by_person_id: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM network_people').pluck().get()).toBe(0);
    db.prepare(
      "INSERT INTO network_people (id, school_year, level, role, name, student_id, created_at, updated_at) VALUES ('p1', '2026-2027', 'class', 'peer_counselor', '测试', 's1', 'x', 'x')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO network_people (id, school_year, level, role, name, student_id, created_at, updated_at) VALUES ('p2', '2026-2027', 'class', 'peer_counselor', '测试', 'nope', 'x', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0019_note_statistics_index: notes are kept; the statistics scan reads the notes from a covering index, never the rows', () => {
    const { db, file, at } = storeBefore('0019_note_statistics_index');
    insertStudent(db);
    db.prepare(
      "INSERT INTO accounts (id, username, display_name, roles, created_at, updated_at) VALUES ('a1', 'wang', '王', '[\"counselor\"]', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO cases (id, case_no, student_id, counselor_id, status, risk_level, opened_at, created_at, updated_at) VALUES ('c1', 'C-1', 's1', 'a1', 'open', 'low', 'x', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO session_notes (id, case_id, student_id, author_id, session_at, mode, minutes, topics, topic_categories, body, status, sign_due_at, created_at, updated_at) VALUES ('n1', 'c1', 's1', 'a1', '2026-10-01T00:00:00.000Z', 'in_person', 50, '[]', '[\"stress_coping\"]', '{}', 'signed', 'x', 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT id, topic_categories FROM session_notes').all()).toEqual([{ id: 'n1', topic_categories: '["stress_coping"]' }]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${STATISTICS_SQL.sessions}`).all({ from: '2026-09-01', to: '2027-09-01', dept: null }) as { detail: string }[];
    const notesScan = plan.map((p) => p.detail).filter((d) => /session_notes|\bn\b/.test(d) && !/\bd\b/.test(d));
    expect(notesScan.join('\n')).toMatch(/COVERING INDEX session_notes_statistics/);
    db.close();
  });

  it('0017_training_courses_activity_levels: activities of an old store are kept with no organiser level; training, supervision and course tables start empty', () => {
    const { db, file, at } = storeBefore('0017_training_courses_activity_levels');
    db.prepare(
      "INSERT INTO education_activities (id, kind, title, date, organizer, participants, created_at, updated_at) VALUES ('a1', 'lecture', '讲座', '2026-05-20', '心理中心', 120, 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(
      db
        .prepare('SELECT id, title, participants, organizer_level AS level, organizer_person_id AS person, class_name AS className FROM education_activities')
        .all(),
    ).toEqual([{ id: 'a1', title: '讲座', participants: 120, level: null, person: null, className: null }]);
    for (const table of ['training_sessions', 'training_attendance', 'supervision_sessions', 'mental_health_courses'])
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    db.prepare(
      "INSERT INTO training_sessions (id, title, date, audience, trainer, hours, created_at, updated_at) VALUES ('t1', '培训', '2026-10-12', 'peer_counselors', '王老师', 1.5, 'x', 'x')",
    ).run();
    const attend = db.prepare(
      "INSERT INTO training_attendance (id, session_id, person_key, name, attended, created_at, updated_at) VALUES (?, ?, 'name:张三', '张三', 1, 'x', 'x')",
    );
    attend.run('at1', 't1');
    // One row per person and session; attendance needs its session.
    expect(() => attend.run('at2', 't1')).toThrow(/UNIQUE/);
    expect(() => attend.run('at3', 'missing')).toThrow(/FOREIGN KEY/);
    // Supervision has no column for what was discussed.
    expect(db.prepare("SELECT name FROM pragma_table_info('supervision_sessions')").pluck().all()).toEqual([
      'id',
      'date',
      'supervisor_account_id',
      'supervisor_name',
      'format',
      'hours',
      'supervisees',
      'created_by',
      'created_at',
      'updated_at',
    ]);
    db.close();
  });

  it('0020_decade_read_indexes: notes and key-attention history are kept; a student file reads both by student through an index, not a scan', () => {
    const { db, file, at } = storeBefore('0020_decade_read_indexes');
    insertStudent(db);
    db.prepare(
      "INSERT INTO accounts (id, username, display_name, roles, created_at, updated_at) VALUES ('a1', 'wang', '王', '[\"counselor\"]', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO cases (id, case_no, student_id, counselor_id, status, risk_level, opened_at, created_at, updated_at) VALUES ('c1', 'C-1', 's1', 'a1', 'open', 'low', 'x', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO session_notes (id, case_id, student_id, author_id, session_at, mode, minutes, topics, topic_categories, body, status, sign_due_at, created_at, updated_at) VALUES ('n1', 'c1', 's1', 'a1', '2026-10-01T00:00:00.000Z', 'in_person', 50, '[]', '[]', '{}', 'signed', 'x', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO key_attention (id, student_id, level, reason, responsible, cadence_days, next_review_on, status, source, created_at, updated_at) VALUES ('k1', 's1', '2', '基准', '{}', 14, '2026-11-01', 'active', 'manual', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO key_attention_history (id, entry_id, student_id, kind, reason, changed_at) VALUES ('h1', 'k1', 's1', 'added', '基准', '2026-10-01T00:00:00.000Z')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT id FROM session_notes').pluck().all()).toEqual(['n1']);
    expect(db.prepare('SELECT id FROM key_attention_history').pluck().all()).toEqual(['h1']);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('s1') as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan('SELECT id, session_at FROM session_notes WHERE student_id = ?')).toMatch(/USING (COVERING )?INDEX session_notes_student/);
    expect(plan('SELECT id, kind FROM key_attention_history WHERE student_id = ?')).toMatch(/USING INDEX key_attention_history_student/);
    db.close();
  });

  it('0021_audit_bulk_column: old events keep their hashes, the bulk id is copied out of details, the chain verifies; the log pages through indexes', () => {
    const { db, file, at } = storeBefore('0021_audit_bulk_column');
    // Events as an old store wrote them: a plain one, two of one import, one with a non-text bulk.
    const bulk = '5f1d8a3e-8f4b-4c1e-9d2a-0b6e7c3a1f00';
    const details = [{}, { bulk, row: 1 }, { bulk, rows: 2 }, { bulk: 7 }];
    let prevHash = GENESIS_HASH;
    details.forEach((d, i) => {
      const event = {
        at: `2026-10-0${i + 1}T00:00:00.000Z`,
        actorId: 'a1',
        action: i ? 'import' : 'view',
        entity: 'students',
        entityId: `s${i}`,
        details: d,
        beforeDigest: null,
        afterDigest: null,
        workstationId: 'w1',
      };
      const hash = auditEventHash(i + 1, event, prevHash);
      db.prepare(
        'INSERT INTO audit_events (seq, at, actor_id, action, entity, entity_id, details, before_digest, after_digest, workstation_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)',
      ).run(i + 1, event.at, event.actorId, event.action, event.entity, event.entityId, JSON.stringify(d), event.workstationId, prevHash, hash);
      prevHash = hash;
    });
    const hashes = db.prepare('SELECT hash FROM audit_events ORDER BY seq').pluck().all();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT hash FROM audit_events ORDER BY seq').pluck().all()).toEqual(hashes);
    expect(db.prepare('SELECT bulk FROM audit_events ORDER BY seq').pluck().all()).toEqual([null, bulk, bulk, null]);
    expect(verifyAuditChain(db)).toMatchObject({ intact: true, checked: 4 });
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan('SELECT seq, bulk FROM audit_events WHERE action = ? AND seq < ? ORDER BY seq DESC LIMIT 50', 'sign', 99)).toMatch(
      /USING INDEX audit_events_action/,
    );
    expect(plan('SELECT min(seq) FROM audit_events WHERE bulk = ?', bulk)).toMatch(/USING COVERING INDEX audit_events_bulk/);
    db.close();
  });

  it('0022_cosign_queue_index: notes are kept; the co-sign queue finds the notes awaiting co-signature by index', () => {
    const { db, file, at } = storeBefore('0022_cosign_queue_index');
    insertStudent(db);
    db.prepare("INSERT INTO accounts (id, username, display_name, roles, created_at, updated_at) VALUES ('a1', 'wang', '王', '[\"trainee\"]', 'x', 'x')").run();
    db.prepare(
      "INSERT INTO cases (id, case_no, student_id, counselor_id, status, risk_level, opened_at, created_at, updated_at) VALUES ('c1', 'C-1', 's1', 'a1', 'open', 'low', 'x', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO session_notes (id, case_id, student_id, author_id, session_at, mode, minutes, topics, topic_categories, body, status, sign_due_at, signed_at, created_at, updated_at) VALUES ('n1', 'c1', 's1', 'a1', '2026-10-01T00:00:00.000Z', 'in_person', 50, '[]', '[]', '{}', 'awaiting_cosign', 'x', '2026-10-01T01:00:00.000Z', 'x', 'x')",
    ).run();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT id FROM session_notes WHERE status = ? ORDER BY signed_at').pluck().all('awaiting_cosign')).toEqual(['n1']);
    const plan = (
      db.prepare('EXPLAIN QUERY PLAN SELECT id FROM session_notes WHERE status = ? ORDER BY signed_at').all('awaiting_cosign') as { detail: string }[]
    )
      .map((p) => p.detail)
      .join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX session_notes_status/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('0023_census_screening_index: forms are kept; the census figures of statistics read the batch from the index alone, with the same counts', () => {
    const { db, file, at } = storeBefore('0023_census_screening_index');
    db.prepare(
      "INSERT INTO students (id, student_no, name, name_pinyin, name_initials, guardians, status, source, created_at, updated_at) VALUES ('s1', '2026001', '测试', 'ceshi', 'cs', '[]', 'enrolled', 'manual', 'x', 'x'), ('s2', '2026002', '测试乙', 'ceshiyi', 'csy', '[]', 'enrolled', 'manual', 'x', 'x')",
    ).run();
    const form = db.prepare(
      "INSERT INTO assessments (id, student_id, instrument, instrument_version, mode, status, responses, options, result, census_batch_id, started_at, completed_at, updated_at) VALUES (?, ?, ?, '1', 'import', 'complete', '[]', '{}', ?, 'b1', 'x', 'x', 'x')",
    );
    form.run('a1', 's1', 'scl90', JSON.stringify({ instrument: 'scl90', screenPositive: true }));
    form.run('a2', 's1', 'upi', JSON.stringify({ instrument: 'upi', category: 2 }));
    form.run('a3', 's2', 'upi', JSON.stringify({ instrument: 'upi', category: 1 }));
    const counts = () => db.prepare(STATISTICS_SQL.censusForms).all({ batch: 'b1', dept: null });
    const before = counts();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare('SELECT count(*) FROM assessments').pluck().get()).toBe(3);
    expect(counts()).toEqual(before);
    expect(before).toEqual([
      { instrument: null, screened: 2, positive: null },
      { instrument: 'scl90', screened: 1, positive: 1 },
      { instrument: 'upi', screened: 2, positive: 1 },
    ]);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${STATISTICS_SQL.censusForms}`).all({ batch: 'b1', dept: null }) as { detail: string }[])
      .map((p) => p.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH a USING COVERING INDEX assessments_census_screening/);
    db.close();
  });

  it('0024_sign_in_statistics_indexes: the archiving job and four statistics figures read an index instead of a scan', () => {
    const { db, file, at } = storeBefore('0024_sign_in_statistics_indexes');
    const indexes = () => db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index'").pluck().get() as number;
    const before = indexes();
    migrateToLatest(db, file, MIGRATIONS.slice(0, at + 1));
    // Three new indexes; the history's entry index is the same name, wider.
    expect(indexes()).toBe(before + 3);
    const params = {
      from: '2025-09-01T00:00:00.000Z',
      to: '2026-09-01T00:00:00.000Z',
      startDate: '2025-09-01',
      endDate: '2026-08-31',
      batch: 'b1',
      dept: null,
    };
    const planOf = (sql: string, values: unknown = params) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(values) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(planOf("SELECT id FROM cases WHERE status = 'closed' AND closed_at <= ?", ['2026-01-01'])).toMatch(/USING (COVERING )?INDEX cases_closed/);
    expect(planOf(STATISTICS_SQL.censusFollowups)).toMatch(/USING COVERING INDEX census_followups_batch_status/);
    expect(planOf(STATISTICS_SQL.keyAttentionAtEnd)).toMatch(/SCAN h USING COVERING INDEX key_attention_history_entry/);
    expect(planOf(STATISTICS_SQL.referrals)).toMatch(/SEARCH r USING COVERING INDEX referrals_statistics_day/);
    db.close();
  });

  it('copies the file aside before upgrading an existing store, and applies in one transaction', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS);
    const next: Migration[] = [...MIGRATIONS, { tag: '9999_test', statements: ['CREATE TABLE extra_one (id text primary key)'] }];
    const outcome = migrateToLatest(db, file, next);
    expect(outcome.from).toBe(MIGRATIONS.length);
    expect(outcome.backupFile && existsSync(outcome.backupFile)).toBe(true);
    expect(readFileSync(outcome.backupFile!).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(tables(db)).toContain('extra_one');
    db.close();
  });

  it('a failing migration leaves the store at its old version with nothing half-applied', () => {
    const { db, file } = freshEncrypted();
    migrateToLatest(db, file, MIGRATIONS);
    const broken: Migration[] = [
      ...MIGRATIONS,
      { tag: '9998_ok', statements: ['CREATE TABLE extra_two (id text primary key)'] },
      { tag: '9999_bad', statements: ['CREATE TABLE nonsense ('] },
    ];
    expect(() => migrateToLatest(db, file, broken)).toThrow();
    expect(readSchemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('extra_two');
    db.close();
  });

  it('refuses a store from a newer version of the app and does not touch it', async () => {
    const { core } = await setUpCore();
    connectionHatch(core.vault.requireStore()).pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expectOk(await core.call('auth.lock', {}));
    const error = expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'SCHEMA_TOO_NEW');
    expect(error.details).toMatchObject({ databaseVersion: SCHEMA_VERSION + 1, appVersion: SCHEMA_VERSION });
    expect(core.vault.openStore).toBeNull();
  });
});
