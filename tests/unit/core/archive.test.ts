import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertAccount } from '../../../src-main/core/accounts/account-service';
import { carryOut, decideDestruction, requestDestruction } from '../../../src-main/core/archive/destruction';
import { changeCaseStatus, createCase } from '../../../src-main/core/cases/case-service';
import { cases } from '../../../src-main/core/store/schema/cases';
import { createNote, signNote } from '../../../src-main/core/notes/note-service';
import { applyConnectionPragmas } from '../../../src-main/core/store/database';
import { migrateToLatest } from '../../../src-main/core/store/migrate';
import { assemble } from '../../../src-main/core/store/open-store';
import { meta } from '../../../src-main/core/store/schema/kernel';
import { SYSTEM_ACTOR } from '../../../src-main/core/store/unit-of-work';
import { students } from '../../../src-main/core/store/schema/students';
import { createStudent } from '../../../src-main/core/students/student-service';
import { ManualClock } from '../../../src-main/core/util/clock';
import type { Session } from '../../../src-main/core/vault';
import type { Role } from '../../../src-shared/permissions';
import { alerts } from '../../../src-main/core/store/schema/assessments';
import { crisisEvents } from '../../../src-main/core/store/schema/crisis';
import { keyAttention } from '../../../src-main/core/store/schema/keyattention';
import { approvalRequests } from '../../../src-main/core/store/schema/approvals';
import { censusBatches, censusFollowupHistory, censusFollowups } from '../../../src-main/core/store/schema/census';
import { describeAuditGroup } from '../../../src-shared/labels/audit-labels';
import { expectError, expectOk, openTestCase, tempDir } from './helpers';
import { makeEvent } from './followups-fixtures';
import { BODY, draftInput, notesWorld, RISK } from './notes-fixture';

const DAY = 86_400_000;
const CLOSE = { status: 'closed', closingReason: 'goals_met', closingSummary: '测试结案小结' } as const;

type World = Awaited<ReturnType<typeof notesWorld>>;

/**
 * The student left school long ago (2014), so a 10-year retention has run out by 2026. An open
 * case now holds a student back from destruction (issue 14 item 12), so the trainee's open case
 * belongs to another student here.
 */
function studentLeft(world: World, leftAt = '2014-07-01T00:00:00.000Z') {
  const store = world.core.vault.requireStore();
  store.uow.run(SYSTEM_ACTOR, (tx) => {
    tx.update(students, world.student.id, { leftAt });
    if (tx.db.select().from(cases).where(eq(cases.id, world.traineeCase.id)).get()?.studentId === world.student.id) {
      const other = createStudent(tx, { studentNo: '2026990002', name: '测试学生丙' } as never, 'manual', new Date().toISOString());
      tx.update(cases, world.traineeCase.id, { studentId: other.id });
    }
  });
}

/** 王咨询 writes and signs a note with `body`, then the case is closed and archived after the period. */
async function closedAndArchived(world: World, body = BODY) {
  const { core, kase, clock, as } = world;
  await as('wang.zx');
  const note = expectOk(await core.call('notes.create', draftInput(kase.id, { body })));
  expectOk(await core.call('notes.sign', { id: note.id }));
  expectOk(await core.call('cases.setStatus', { id: kase.id, ...CLOSE }));
  clock.advance(31 * DAY);
  // Opening the store archives what is due: the case moved as admin01 signed in, by the system.
  await as('admin01');
  expect(count(world, 'cases', "id = ? AND status = 'archived'", kase.id)).toBe(1);
  const archivedBy = world.core.vault
    .requireStore()
    .sqlite.prepare("SELECT actor_id FROM audit_events WHERE action = 'archive' AND entity = 'cases' AND entity_id = ?")
    .pluck()
    .get(kase.id);
  expect(archivedBy).toBeNull();
  expect(expectOk(await core.call('archive.runDue', {}))).toEqual({ archived: 0 });
  return { note };
}

/** A request for all of the student's due records, approved by admin01 (director) and 赵督导. */
async function approvedRequest(world: World) {
  const { core, student, as } = world;
  await as('admin01');
  const request = expectOk(await core.call('archive.requestDestruction', { studentId: student.id, reason: '超过保存期限' }));
  expectOk(await core.call('archive.approveDestruction', { id: request.id }));
  await as('zhao.dd');
  const approved = expectOk(await core.call('archive.approveDestruction', { id: request.id, note: '同意' }));
  expect(approved.status).toBe('approved');
  await as('admin01');
  return approved;
}

function count(world: World, table: string, where = '1 = 1', ...args: unknown[]): number {
  return world.core.vault
    .requireStore()
    .sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`)
    .pluck()
    .get(...args) as number;
}

describe('archive: archiving and read-only', () => {
  it('moves a closed case to the archive only after the period, audited, and refuses writes with caseArchived', async () => {
    const world = await notesWorld();
    const { core, kase, clock, as } = world;
    await as('wang.zx');
    const note = expectOk(await core.call('notes.create', draftInput(kase.id)));
    expectOk(await core.call('notes.sign', { id: note.id }));
    expectOk(await core.call('cases.setStatus', { id: kase.id, ...CLOSE }));
    await as('admin01');
    expectOk(await core.call('archive.setSettings', { afterDays: 10, retention: { case: 10, assessment: 5, report: 10, crisis: 15, care: 10 } }));
    clock.advance(9 * DAY);
    expect(expectOk(await core.call('archive.runDue', {}))).toEqual({ archived: 0 });
    clock.advance(2 * DAY);
    expect(expectOk(await core.call('archive.runDue', {}))).toEqual({ archived: 1 });
    const row = core.vault.requireStore().sqlite.prepare('SELECT status, archived_at FROM cases WHERE id = ?').get(kase.id) as {
      status: string;
      archived_at: string;
    };
    expect(row).toEqual({ status: 'archived', archived_at: clock.now().toISOString() });
    expect(count(world, 'audit_events', "entity = 'cases' AND entity_id = ? AND action = 'archive'", kase.id)).toBe(1);
    expect(count(world, 'outbox', "entity = 'cases' AND entity_id = ? AND op = 'update'", kase.id)).toBeGreaterThan(0);

    await as('wang.zx');
    expectError(await core.call('notes.create', draftInput(kase.id)), 'CONFLICT', 'caseArchived');
    expectError(await core.call('notes.addAddendum', { id: note.id, body: '补充' }), 'CONFLICT', 'caseArchived');
    expectError(await core.call('cases.setStatus', { id: kase.id, status: 'active' }), 'CONFLICT', 'caseArchived');
    await as('admin01');
    expectError(await core.call('notes.unlock', { id: note.id, reason: '更正错字' }), 'CONFLICT', 'caseArchived');
    // Reading goes through the clinical gate and is audited.
    await as('wang.zx');
    const opened = expectOk(await core.call('cases.get', { id: kase.id }));
    expect(opened.status).toBe('archived');
    expect(count(world, 'audit_events', "entity = 'cases' AND entity_id = ? AND action = 'view'", kase.id)).toBeGreaterThan(0);
  });

  it('searches archived cases by 学号, name, case number and closing year, without content', async () => {
    const world = await notesWorld();
    await closedAndArchived(world);
    const { core, kase, student, as } = world;
    await as('wang.zx');
    const byNo = expectOk(await core.call('archive.search', { query: '20269900' }));
    expect(byNo).toHaveLength(1);
    expect(byNo[0]).toMatchObject({
      caseId: kase.id,
      caseNo: kase.caseNo,
      student: { id: student.id, name: '测试学生甲' },
      counselor: { displayName: '王咨询' },
    });
    expect(JSON.stringify(byNo)).not.toContain('测试结案小结');
    expect(expectOk(await core.call('archive.search', { query: '学生甲' }))).toHaveLength(1);
    expect(expectOk(await core.call('archive.search', { query: kase.caseNo }))).toHaveLength(1);
    expect(expectOk(await core.call('archive.search', { query: '', closedYear: 2026 }))).toHaveLength(1);
    expect(expectOk(await core.call('archive.search', { query: '', closedYear: 2020 }))).toHaveLength(0);
    // The trainee's case is still open: not in the archive.
    expect(expectOk(await core.call('archive.search', { query: '' })).map((r: { caseId: string }) => r.caseId)).toEqual([kase.id]);
    await as('zhou.jd');
    expectError(await core.call('archive.search', { query: '' }), 'FORBIDDEN');
  });
});

describe('archive: retention, legal hold and destruction', () => {
  it('lists records past retention only after the student left and the years ran out', async () => {
    const world = await notesWorld();
    await closedAndArchived(world);
    const { core, kase, as } = world;
    await as('admin01');
    expect(expectOk(await core.call('archive.dueForDestruction', {}))).toEqual([]);
    studentLeft(world, '2020-07-01T00:00:00.000Z');
    expect(expectOk(await core.call('archive.dueForDestruction', {}))).toEqual([]);
    studentLeft(world);
    const due = expectOk(await core.call('archive.dueForDestruction', {}));
    expect(due).toHaveLength(1);
    // The open trainee case is not due; the closed one is.
    expect(due[0].records).toEqual([{ kind: 'case', id: kase.id, label: kase.caseNo, date: expect.any(String) }]);
    await as('wang.zx');
    expectError(await core.call('archive.dueForDestruction', {}), 'FORBIDDEN');
  });

  it('a legal hold stops both the request and the carrying out', async () => {
    const world = await notesWorld();
    await closedAndArchived(world);
    studentLeft(world);
    const { core, student, kase, as } = world;
    await as('admin01');
    const hold = expectOk(await core.call('archive.placeHold', { studentId: student.id, reason: '法院调取' }));
    expect(expectOk(await core.call('archive.dueForDestruction', {}))).toEqual([]);
    expectError(await core.call('archive.requestDestruction', { studentId: student.id, reason: '到期' }), 'CONFLICT', 'archiveRecordHeld');
    expectError(
      await core.call('archive.requestDestruction', { studentId: student.id, records: [{ kind: 'case', id: kase.id }], reason: '到期' }),
      'CONFLICT',
      'archiveRecordHeld',
    );
    expectOk(await core.call('archive.releaseHold', { id: hold.id, reason: '案件结束' }));
    expectError(await core.call('archive.releaseHold', { id: hold.id, reason: '再次' }), 'CONFLICT', 'archiveHoldReleased');

    const approved = await approvedRequest(world);
    // A hold placed on the one record after the approvals still stops the destruction.
    expectOk(await core.call('archive.placeHold', { studentId: student.id, record: { kind: 'case', id: kase.id }, reason: '家长投诉调查' }));
    expectError(await core.call('archive.carryOut', { id: approved.id }), 'CONFLICT', 'archiveRecordHeld');
    expect(count(world, 'cases', 'id = ?', kase.id)).toBe(1);
    expect(count(world, 'destruction_records')).toBe(0);
  });

  it('needs two distinct approvers, one of them the director', async () => {
    const world = await notesWorld();
    await closedAndArchived(world);
    studentLeft(world);
    const { core, student, as, ids } = world;
    await as('admin01');
    const request = expectOk(await core.call('archive.requestDestruction', { studentId: student.id, reason: '到期' }));
    expectError(
      await core.call('archive.requestDestruction', { studentId: student.id, records: request.records, reason: '到期' }),
      'CONFLICT',
      'archiveAlreadyRequested',
    );
    expectError(await core.call('archive.carryOut', { id: request.id }), 'CONFLICT', 'archiveRequestNotApproved');
    const once = expectOk(await core.call('archive.approveDestruction', { id: request.id }));
    expect(once.status).toBe('pending');
    expectError(await core.call('archive.approveDestruction', { id: request.id }), 'CONFLICT', 'archiveAlreadyDecided');
    expectError(await core.call('archive.carryOut', { id: request.id }), 'CONFLICT', 'archiveRequestNotApproved');
    await as('wang.zx');
    expectError(await core.call('archive.approveDestruction', { id: request.id }), 'FORBIDDEN');
    await as('zhao.dd');
    expectError(await core.call('archive.carryOut', { id: request.id }), 'FORBIDDEN');
    const twice = expectOk(await core.call('archive.approveDestruction', { id: request.id }));
    expect(twice.status).toBe('approved');
    expect(twice.approvals.map((a: { account: { id: string } }) => a.account.id)).toEqual([ids['admin01'], ids['zhao.dd']]);

    // Two approvers without a director are not enough.
    const other = await notesWorld();
    await closedAndArchived(other);
    studentLeft(other);
    expectOk(await other.core.call('accounts.create', { username: 'admin02', displayName: '管理员乙', roles: ['admin'], password: 'initial pass 1' }));
    const second = expectOk(await other.core.call('archive.requestDestruction', { studentId: other.student.id, reason: '到期' }));
    await other.as('zhao.dd');
    expectOk(await other.core.call('archive.approveDestruction', { id: second.id }));
    expectOk(await other.core.call('auth.lock', {}));
    expectOk(await other.core.call('auth.signIn', { username: 'admin02', password: 'initial pass 1' }));
    expectOk(await other.core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: 'own password 22' }));
    expect(expectOk(await other.core.call('archive.approveDestruction', { id: second.id })).status).toBe('pending');
    await other.as('admin01');
    const rejected = expectOk(await other.core.call('archive.rejectDestruction', { id: second.id, note: '再核对' }));
    expect(rejected.status).toBe('rejected');
    expectError(await other.core.call('archive.carryOut', { id: second.id }), 'CONFLICT', 'archiveRequestNotApproved');
  });

  it('carries out: removes the rows, scrubs the outbox, leaves a record without content, and the audit chain verifies', async () => {
    const world = await notesWorld();
    const marker = `MARKER-${randomUUID()}`;
    const { note } = await closedAndArchived(world, { ...BODY, process: marker });
    const { core, kase, traineeCase, student, as } = world;
    await as('wang.zx');
    expectError(await core.call('notes.addAddendum', { id: note.id, body: `补充 ${marker}` }), 'CONFLICT', 'caseArchived');
    studentLeft(world);
    const approved = await approvedRequest(world);
    const record = expectOk(await core.call('archive.carryOut', { id: approved.id }));
    expect(record).toMatchObject({ studentNo: '2026990001', reason: '超过保存期限', counts: { cases: 1, session_notes: 1 }, ids: [`case:${kase.id}`] });
    expect(record.approvedBy).toHaveLength(2);
    expect(count(world, 'cases', 'id = ?', kase.id)).toBe(0);
    expect(count(world, 'session_notes', 'id = ?', note.id)).toBe(0);
    expect(count(world, 'destruction_guard')).toBe(0);
    // The other (open) case and the student's basic data stay.
    expect(count(world, 'cases', 'id = ?', traineeCase.id)).toBe(1);
    expect(count(world, 'students', 'id = ?', student.id)).toBe(1);
    expect(count(world, 'outbox', 'payload LIKE ?', `%${marker}%`)).toBe(0);
    expect(
      count(world, 'outbox', "entity = 'session_notes' AND entity_id = ? AND payload <> ?", note.id, JSON.stringify({ id: note.id, destroyed: true })),
    ).toBe(0);
    expect(count(world, 'audit_events', 'details LIKE ?', `%${marker}%`)).toBe(0);
    expect(count(world, 'destruction_records', 'summary LIKE ? OR reason LIKE ?', `%${marker}%`, `%${marker}%`)).toBe(0);
    expect(expectOk(await core.call('archive.destructionRecords', {}))).toEqual([record]);
    expect(expectOk(await core.call('archive.destructionRequests', { status: 'all' }))[0].status).toBe('carried_out');
    expect(expectOk(await core.call('audit.verify', {}))).toMatchObject({ intact: true });
    expect(expectOk(await core.call('archive.search', { query: '' }))).toEqual([]);

    // The audit log shows the destruction as ONE entry with its counts that opens to its rows (issue 16).
    type Entry = { seq: number; action: string; entity: string; details: Record<string, unknown>; group?: { bulk: string; rows: number } };
    const log = expectOk<{ entries: Entry[] }>(await core.call('auditlog.list', { page: 1, pageSize: 50 }));
    const destruction = log.entries.find((e) => e.action === 'destruction-carried-out')!;
    expect(destruction.group!.rows).toBeGreaterThan(3);
    expect(log.entries.filter((e) => e.action === 'destroy')).toEqual([]);
    expect(describeAuditGroup(destruction, 'zh-CN')).toBe('执行销毁：咨询记录 1、个案数 1');
    const rows = expectOk<{ entries: Entry[] }>(
      await core.call('auditlog.group', { bulk: destruction.group!.bulk, seq: destruction.seq, page: 1, pageSize: 100 }),
    );
    expect(rows.entries.filter((e) => e.action === 'destroy').map((e) => e.entity)).toEqual(expect.arrayContaining(['cases', 'session_notes']));
  });
});

/** Every byte of the database file and its WAL, as text (a marker is ASCII, so latin1 finds it). */
function fileText(file: string): string {
  const parts = [readFileSync(file)];
  if (existsSync(`${file}-wal`)) parts.push(readFileSync(`${file}-wal`));
  return Buffer.concat(parts).toString('latin1');
}

describe('archive: destruction never reaches a student at risk (issue 14 item 12)', () => {
  it('holds the student back while at risk: listed with the reasons, request and carrying out refused, nothing destroyed', async () => {
    const world = await notesWorld();
    await closedAndArchived(world);
    studentLeft(world);
    const { core, student, kase, ids } = world;
    const store = core.vault.requireStore();
    const held = async () => expectOk(await core.call('archive.dueForDestruction', {}))[0].heldBack;
    expect(await held()).toEqual([]);

    // An open follow-up task and a key-attention entry: listed as held back with both reasons, request refused.
    const task = expectOk(
      await core.call('followups.create', { studentId: student.id, title: '电话随访', assignedTo: ids['wang.zx'], dueAt: '2030-01-01T00:00:00Z' }),
    );
    const entry = expectOk(
      await core.call('keyattention.add', {
        studentId: student.id,
        level: '3',
        reason: '测试原因',
        responsible: { counselorId: ids['wang.zx'], departmentCounselor: null, dormWatcher: null, peerCounselor: null },
      }),
    ).entry;
    const due = expectOk(await core.call('archive.dueForDestruction', {}));
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      student: { id: student.id },
      records: expect.arrayContaining([expect.objectContaining({ kind: 'case', id: kase.id })]),
      heldBack: ['activeKeyAttention', 'openFollowupTask'],
    });
    const refused = expectError(await core.call('archive.requestDestruction', { studentId: student.id, reason: '到期' }), 'CONFLICT', 'archiveStudentAtRisk');
    expect(refused.details).toMatchObject({ risks: 'activeKeyAttention,openFollowupTask', riskCount: 2 });
    expect(count(world, 'destruction_requests')).toBe(0);

    // Each of the five reasons on its own.
    expectOk(await core.call('followups.complete', { taskId: task.id, note: '' }));
    // Taken off the list directly: how removal is decided belongs to the key-attention module.
    store.uow.run(SYSTEM_ACTOR, (tx) => tx.update(keyAttention, entry.id, { status: 'removed' }));
    expect(await held()).toEqual([]);
    const alertId = randomUUID();
    store.uow.run(SYSTEM_ACTOR, (tx) =>
      tx.insert(alerts, {
        id: alertId,
        studentId: student.id,
        source: 'report',
        assessmentId: null,
        reportId: null,
        item: null,
        code: 'test',
        level: 'URGENT',
        createdAt: new Date().toISOString(),
        acknowledgedBy: null,
        acknowledgedAt: null,
        actionTaken: null,
        crisisEventId: null,
      }),
    );
    expect(await held()).toEqual(['unacknowledgedAlert']);
    store.uow.run(SYSTEM_ACTOR, (tx) => tx.update(alerts, alertId, { acknowledgedAt: new Date().toISOString(), actionTaken: '已约谈' }));
    const other = openTestCase(core, { studentId: student.id, counselorId: ids['wang.zx'] });
    expect(await held()).toEqual(['openCase']);
    store.uow.run(SYSTEM_ACTOR, (tx) => tx.update(cases, other.id, { status: 'closed', closedAt: new Date().toISOString() }));
    expect(await held()).toEqual([]);

    // Approved while nothing was open; a crisis opened afterwards still stops the carrying out.
    const approved = await approvedRequest(world);
    const event = makeEvent(core, student.id, ids['wang.zx']);
    expectError(await core.call('archive.carryOut', { id: approved.id }), 'CONFLICT', 'archiveStudentAtRisk');
    expect(count(world, 'cases', 'id = ?', kase.id)).toBe(1);
    expect(count(world, 'destruction_records')).toBe(0);
    core.vault.requireStore().uow.run(SYSTEM_ACTOR, (tx) => {
      const at = new Date().toISOString();
      tx.update(crisisEvents, event.id, { status: 'closed', closedAt: at });
      // Rows hanging off the care records (an interview's history, an approval about the entry) go with them.
      const batch = tx.insert(censusBatches, {
        id: randomUUID(),
        name: '测试批次',
        cohort: '2014级',
        grade: null,
        periodStart: null,
        periodEnd: null,
        instruments: ['upi'],
        rules: {},
        createdAt: at,
        updatedAt: at,
      });
      const followup = tx.insert(censusFollowups, {
        id: randomUUID(),
        batchId: batch.id,
        studentId: student.id,
        urgency: 1,
        reasons: [],
        assignedTo: null,
        status: 'done',
        outcome: 'cleared',
        note: null,
        interviewedAt: at,
        createdAt: at,
        updatedAt: at,
      });
      tx.insert(censusFollowupHistory, {
        id: randomUUID(),
        followupId: followup.id,
        kind: 'outcome',
        outcome: 'cleared',
        previousOutcome: null,
        note: '测试',
        reason: null,
        urgency: 1,
        previousUrgency: null,
        details: null,
        actorId: null,
        at,
      } as never);
      tx.insert(approvalRequests, {
        id: randomUUID(),
        kind: 'keyAttentionRemoval',
        subjectId: entry.id,
        studentId: student.id,
        payload: {},
        reason: '测试理由',
        status: 'approved',
        requestedBy: null,
        requestedAt: at,
        decidedBy: null,
        decidedAt: at,
        decisionNote: null,
      } as never);
    });
    expectOk(await core.call('archive.carryOut', { id: approved.id }));
    expect(count(world, 'cases', 'id = ?', kase.id)).toBe(0);
    expect(count(world, 'census_followup_history')).toBe(0);
    expect(count(world, 'approval_requests')).toBe(0);
  });
});

describe('archive: destruction really removes content', () => {
  it('the encrypted store: after destruction the marker is nowhere in the decrypted pages, and the file is closed clean', async () => {
    const world = await notesWorld();
    const marker = `MARKER-${randomUUID()}`;
    await closedAndArchived(world, { ...BODY, process: marker });
    studentLeft(world);
    const approved = await approvedRequest(world);
    const store = world.core.vault.requireStore();
    const pagesWith = () => store.sqlite.prepare('SELECT count(*) FROM sqlite_dbpage WHERE instr(data, ?) > 0').pluck().get(Buffer.from(marker)) as number;
    let dbpage = true;
    try {
      expect(pagesWith()).toBeGreaterThan(0);
    } catch (error) {
      if (!String(error).includes('no such table')) throw error;
      dbpage = false;
    }
    expectOk(await world.core.call('archive.carryOut', { id: approved.id }));
    // sqlite_dbpage is not compiled into every build; the plain-store test below reads the raw file instead.
    if (dbpage) expect(pagesWith()).toBe(0);
    // Every table's text, decrypted through the open connection.
    const tables = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      const rows = store.sqlite.prepare(`SELECT * FROM "${table}"`).all();
      expect(JSON.stringify(rows), table).not.toContain(marker);
    }
    world.core.dispose();
    const file = join(world.dataDir, 'counsel.db');
    expect(fileText(file)).not.toContain(marker);
  });

  it('a plain (unencrypted) store: the marker is in the file before and gone from the file and WAL after', () => {
    const dir = tempDir();
    const file = join(dir, 'plain.db');
    const clock = new ManualClock('2026-09-01T08:00:00Z');
    const sqlite = new Database(file);
    applyConnectionPragmas(sqlite);
    const store = assemble(sqlite, clock, migrateToLatest(sqlite, file));
    const marker = `MARKER-${randomUUID()}`;
    const at = clock.now().toISOString();
    const { director, supervisor, kase } = store.uow.run(SYSTEM_ACTOR, (tx) => {
      tx.insert(meta, { id: 'workstationId', value: randomUUID() });
      const director = insertAccount(tx, { username: 'zhu.zr', displayName: '朱主任', roles: ['director'], mustChangePassword: false }, at);
      const supervisor = insertAccount(tx, { username: 'zhao.dd', displayName: '赵督导', roles: ['supervisor'], mustChangePassword: false }, at);
      const student = createStudent(tx, { studentNo: '2014990001', name: '测试学生乙' } as never, 'manual', at);
      tx.update(students, student.id, { leftAt: '2014-07-01T00:00:00.000Z' });
      const kase = createCase(tx, { studentId: student.id, counselorId: director.id, riskLevel: 'low' }, at);
      return { director, supervisor, kase };
    });
    const session = (row: { id: string; username: string; displayName: string; roles: string[] }): Session => ({
      accountId: row.id,
      username: row.username,
      displayName: row.displayName,
      roles: row.roles as Role[],
      mustChangePassword: false,
    });
    const zhu = session(director);
    const note = createNote(
      store,
      zhu,
      {
        caseId: kase.id,
        sessionAt: at,
        mode: 'in_person',
        minutes: 50,
        topics: ['睡眠'],
        topicCategories: ['emotion_regulation'],
        body: { ...BODY, process: marker },
        riskCheck: RISK,
      },
      clock.now(),
    );
    signNote(store, zhu, note.id, clock.now());
    store.uow.run(SYSTEM_ACTOR, (tx) => changeCaseStatus(tx, kase, CLOSE, at));
    expect(fileText(file)).toContain(marker);

    const request = requestDestruction(store, zhu, { studentId: kase.studentId, reason: '超过保存期限' }, clock.now());
    decideDestruction(store, zhu, request.id, 'approve', null, clock.now());
    decideDestruction(store, session(supervisor), request.id, 'approve', null, clock.now());
    const record = carryOut(store, zhu, request.id, clock.now());
    expect(record.counts).toMatchObject({ cases: 1, session_notes: 1 });
    // Gone from the disk at once (the WAL emptied), not only once the connection closes.
    expect(fileText(file)).not.toContain(marker);
    store.close();
    expect(fileText(file)).not.toContain(marker);
    expect(fileText(file)).toContain('2014990001');
  });
});
