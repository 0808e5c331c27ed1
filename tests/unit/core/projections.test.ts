import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { censusFollowups } from '../../../src-main/core/store/schema/census';
import type { Core } from '../../../src-main/core/core';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../../src-shared/contract';
import { rolesGrant, type Role } from '../../../src-shared/permissions';
import { expectOk } from './helpers';
import { notesWorld, signedNote } from './notes-fixture';
import { connectionHatch } from '../../../src-main/core/store/open-store';

/**
 * The liaison and leadership projections are their own query paths: whatever a liaison or the
 * leadership group calls, SQLite never reads a note body, an addendum, intake content, item
 * responses, crisis content or a closing summary. The columns read are taken from SQLite's own
 * plan (EXPLAIN: the tables opened and the columns loaded), not from the SQL text, so a
 * `select *` that the code filters afterwards is caught.
 */
const FORBIDDEN: Record<string, readonly string[] | '*'> = {
  session_notes: ['body', 'risk_check', 'unlock_reason'],
  note_addenda: '*',
  intakes: ['consent', 'concerns', 'other_concern', 'history', 'impression'],
  assessments: ['responses'],
  cases: ['closing_summary'],
  crisis_events: ['description', 'summary'],
  crisis_steps: ['note', 'na_reason'],
  crisis_level_changes: ['reason'],
  crisis_notifications: ['content', 'basis'],
  census_followups: ['reasons', 'note'],
  key_attention: ['reason'],
  key_attention_history: ['reason'],
  reports: ['signs', 'description', 'triage_note'],
  referrals: ['letter_text', 'feedback'],
  safety_plans: ['sections'],
  disclosures: ['basis', 'shared'],
  leave_records: ['reason'],
  return_assessments: ['evidence', 'note'],
};

/** The connection's own `prepare`, kept aside while the core's calls are being recorded. */
type Prepare = (this: Database, text: string) => { all(...params: unknown[]): unknown[] };

interface Opcode {
  opcode: string;
  p1: number;
  p2: number;
  p3: number;
}

/** The statement's bytecode; parameters are bound to NULL (the plan does not depend on them). */
function explain(sqlite: Database, prepare: Prepare, text: string): Opcode[] {
  const statement = prepare.call(sqlite, `EXPLAIN ${text}`);
  const named = Object.fromEntries([...text.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => [m[1], null]));
  for (let n = (text.match(/\?/g) ?? []).length; ; n++) {
    try {
      const positional = new Array(n).fill(null);
      return (Object.keys(named).length ? statement.all(named, ...positional) : statement.all(...positional)) as Opcode[];
    } catch (error) {
      if (!(error instanceof RangeError) || !/Too few/.test(error.message) || n > 5000) throw error;
    }
  }
}

/** Table.column pairs SQLite loads when it runs this statement, read from its bytecode. */
function columnsRead(sqlite: Database, prepare: Prepare, text: string): Set<string> {
  const objects = prepare.call(sqlite, 'SELECT type, name, tbl_name AS tableName, rootpage FROM sqlite_schema').all() as {
    type: string;
    name: string;
    tableName: string;
    rootpage: number;
  }[];
  const byRoot = new Map(objects.filter((o) => o.rootpage).map((o) => [o.rootpage, o]));
  const tableColumns = (table: string) => (prepare.call(sqlite, `PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const indexColumns = (index: string) => (prepare.call(sqlite, `PRAGMA index_xinfo("${index}")`).all() as { name: string | null }[]).map((c) => c.name);
  const cursors = new Map<number, { table: string; columns: (string | null)[] }>();
  const read = new Set<string>();
  const program = explain(sqlite, prepare, text);
  for (const op of program) {
    if ((op.opcode === 'OpenRead' || op.opcode === 'OpenWrite' || op.opcode === 'ReopenIdx') && op.p3 === 0) {
      const object = byRoot.get(op.p2);
      if (!object) continue;
      cursors.set(op.p1, { table: object.tableName, columns: object.type === 'index' ? indexColumns(object.name) : tableColumns(object.name) });
    } else if (op.opcode === 'OpenDup' && cursors.has(op.p2)) {
      cursors.set(op.p1, cursors.get(op.p2)!);
    } else if (op.opcode === 'Column') {
      const cursor = cursors.get(op.p1);
      const column = cursor?.columns[op.p2];
      if (cursor && column) read.add(`${cursor.table}.${column}`);
    }
  }
  return read;
}

function forbiddenIn(read: Set<string>): string[] {
  return [...read].filter((pair) => {
    const [table, column] = pair.split('.');
    const rule = FORBIDDEN[table];
    return rule === '*' || (rule !== undefined && rule.includes(column));
  });
}

/** Record every statement the core prepares while `run` goes on. */
async function capture(core: Core, run: () => Promise<void>): Promise<{ statements: string[]; prepare: Prepare }> {
  // The connection itself, which drizzle and store.sqlite's reads both prepare on.
  const sqlite = connectionHatch(core.vault.requireStore());
  const prepare = sqlite.prepare as unknown as Prepare;
  const statements: string[] = [];
  (sqlite as { prepare: unknown }).prepare = function (this: Database, text: string) {
    statements.push(text);
    return prepare.call(this, text);
  };
  try {
    await run();
  } finally {
    (sqlite as { prepare: unknown }).prepare = prepare;
  }
  return { statements, prepare };
}

/** A center with clinical content on a 文学院 student: a signed note with an addendum, an assessment, a crisis event with notes, a key-attention entry, tasks, a census follow-up, an activity. */
async function world() {
  const made = await notesWorld();
  const { core, as, ids, student, kase } = made;
  await as('wang.zx');
  const note = await signedNote(core, kase.id);
  expectOk(await core.call('notes.addAddendum', { id: note.id, body: '补充：合成附注内容' }));
  expectOk(await core.call('assessments.enterPaper', { studentId: student.id, instrument: 'phq9', responses: [2, 2, 1, 1, 1, 1, 1, 0, 1] }));
  const event = expectOk(await core.call('crisis.open', { studentId: student.id, level: '1', description: '宿舍发现学生情绪激动（合成数据）' }));
  expectOk(await core.call('crisis.setLevel', { id: event.id, level: '2', reason: '情绪已平稳（合成）' }));
  const detail = expectOk(await core.call('crisis.get', { id: event.id }));
  const liaisonStep = detail.steps.find((s: { ownerRole: string }) => s.ownerRole === 'liaison');
  const otherStep = detail.steps.find((s: { ownerRole: string; status: string }) => s.ownerRole !== 'liaison' && s.status === 'open');
  expectOk(await core.call('crisis.completeStep', { stepId: otherStep.id, note: '合成步骤记录：已与学生面谈' }));
  const task = expectOk(
    await core.call('followups.create', {
      studentId: student.id,
      title: '回访',
      assignedTo: ids['chen.fdy'],
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  );
  await as('admin01');
  const batch = expectOk(await core.call('census.createBatch', { name: '投影测试普查', cohort: '2026级' }));
  const at = new Date().toISOString();
  core.vault.requireStore().uow.run(core.vault.actor(), (tx) =>
    tx.insert(censusFollowups, {
      id: randomUUID(),
      batchId: batch.id,
      studentId: student.id,
      urgency: 2,
      reasons: ['scl90Positive'],
      assignedTo: ids['wang.zx'],
      status: 'done',
      outcome: 'watch',
      note: '合成约谈记录',
      interviewedAt: at,
      createdAt: at,
      updatedAt: at,
    }),
  );
  // The liaison's own department's activity: a liaison reads only those (issue 17 item 5).
  const activity = expectOk(
    await core.call('activities.create', {
      kind: 'lecture',
      title: '悦纳自我主题讲座',
      date: '2026-05-20',
      organizer: '心理中心',
      participants: 120,
      department: '文学院',
      organizerLevel: 'department',
    }),
  );
  expectOk(await core.call('accounts.create', { username: 'lingdao', displayName: '领导甲', roles: ['leadership'], password: 'initial pass 1' }));
  // 工作网络: the student is the class's 心理委员; a 保卫处 entry without an account.
  const peer = expectOk(await core.call('network.create', { schoolYear: '2026-2027', role: 'peer_counselor', studentId: student.id, className: '文学1班' }));
  expectOk(await core.call('network.create', { schoolYear: '2026-2027', role: 'security_staff', name: '保卫处值班室', office: '保卫处' }));
  return { ...made, event, liaisonStep, task, batch, activity, peer };
}

type World = Awaited<ReturnType<typeof world>>;

/** Inputs that reach the code paths behind each channel; others are called with an empty input. */
function inputsFor(w: World): Partial<Record<string, unknown>> {
  const studentId = w.student.id;
  return {
    'students.search': {},
    'students.get': { id: studentId },
    'students.timeline': { studentId },
    'census.progress': { batchId: w.batch.id },
    'census.departmentStatus': { batchId: w.batch.id, department: '文学院' },
    'census.exportDepartmentList': { batchId: w.batch.id, department: '文学院' },
    'reports.create': { studentId, reporterKind: 'department_counselor', signs: ['low_mood'], urgency: 'routine' },
    'cases.studentStatus': { studentId },
    'crisis.get': { id: w.event.id },
    'crisis.board': { status: 'all' },
    'crisis.completeStep': { stepId: w.liaisonStep.id, note: '已告知院系' },
    'keyattention.forStudent': { studentId },
    'followups.list': { studentId, mine: false },
    'followups.complete': { taskId: w.task.id, note: '已回访' },
    'activities.get': { id: w.activity.id },
    // 工作网络: a liaison reads their own 院系's people and the student's roles, never clinical columns.
    'network.people': { schoolYear: '2026-2027' },
    'network.get': { id: w.peer.id },
    'network.ofStudent': { studentId, schoolYear: '2026-2027' },
    'network.ofClass': { className: '文学1班', schoolYear: '2026-2027' },
    // 家校沟通: a liaison's own entries only, never the crisis notifications' content.
    'family.forStudent': { studentId },
    'family.list': {},
    'family.add': {
      studentId,
      contactedAt: '2026-09-01T07:00:00.000Z',
      way: 'phone',
      targetKind: 'other',
      target: { name: '测试家长' },
      purpose: '告知近况',
      summary: '合成记录',
    },
    'crisis.summaries': {},
    // The statistics module's figures over the fixture's school year (its own tests check the numbers).
    'statistics.compute': { period: { kind: 'schoolYear', schoolYear: 2026 } },
    'statistics.exportXlsx': { period: { kind: 'schoolYear', schoolYear: 2026 } },
    'statistics.workReport': { period: { kind: 'schoolYear', schoolYear: 2026 } },
  } as Partial<Record<string, unknown>>;
}

/** What a write channel changes by design: the caller's own row, read and rewritten by the unit of work. */
const OWN_WRITE: Partial<Record<ChannelName, string>> = { 'crisis.completeStep': 'crisis_steps', 'followups.complete': 'followup_tasks' };

function isOwnRowWrite(text: string, table: string | undefined): boolean {
  if (!table) return false;
  const t = text.trim().toLowerCase();
  return t.startsWith(`update "${table}"`) || (t.startsWith('select') && t.endsWith(`from "${table}" where "${table}"."id" = ?`));
}

async function walk(core: Core, role: Role, w: World) {
  const inputs = inputsFor(w);
  const touched: string[] = [];
  const succeeded: string[] = [];
  for (const name of CHANNEL_NAMES) {
    const spec = channels[name];
    if (spec.permission === 'public' || !rolesGrant([role], spec.permission)) continue;
    if (name === 'auth.changePassword') continue;
    const { statements, prepare } = await capture(core, async () => {
      const result = await core.call(name, inputs[name] ?? {});
      if (result.ok) succeeded.push(name);
    });
    const sqlite = connectionHatch(core.vault.requireStore());
    for (const text of statements) {
      if (isOwnRowWrite(text, OWN_WRITE[name])) continue;
      const bad = forbiddenIn(columnsRead(sqlite, prepare, text));
      if (bad.length) touched.push(`${role} ${name}: ${bad.join(', ')} in ${text.slice(0, 160)}`);
    }
  }
  return { touched, succeeded };
}

describe('liaison and leadership projections', () => {
  it('the column check sees what a clinical read loads', async () => {
    const w = await world();
    await w.as('wang.zx');
    const { statements, prepare } = await capture(w.core, async () => {
      expectOk(await w.core.call('notes.list', { caseId: w.kase.id }));
    });
    const read = new Set(statements.flatMap((text) => [...columnsRead(connectionHatch(w.core.vault.requireStore()), prepare, text)]));
    expect(forbiddenIn(read)).toContain('session_notes.body');
  });

  it('no channel a liaison or the leadership group may call reads clinical content', async () => {
    const w = await world();
    await w.as('chen.fdy');
    const liaison = await walk(w.core, 'liaison', w);
    expect(liaison.touched).toEqual([]);
    // The walk went through the real code paths, not just refusals.
    const liaisonInputs = Object.keys(inputsFor(w)).filter((n) => n in channels && rolesGrant(['liaison'], channels[n as ChannelName].permission));
    expect(liaison.succeeded).toEqual(expect.arrayContaining(liaisonInputs));

    expectOk(await w.core.call('auth.lock', {}));
    expectOk(await w.core.call('auth.signIn', { username: 'lingdao', password: 'initial pass 1' }));
    expectOk(await w.core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: 'own password 22' }));
    const leadership = await walk(w.core, 'leadership', w);
    expect(leadership.touched).toEqual([]);
    expect(leadership.succeeded).toEqual(expect.arrayContaining(['activities.list', 'activities.get', 'crisis.summaries']));
  });

  it('reception and a plain administrator never read clinical content either', async () => {
    const w = await world();
    expectOk(await w.core.call('accounts.create', { username: 'guanli', displayName: '管理员乙', roles: ['admin'], password: 'initial pass 1' }));
    await w.as('zhou.jd');
    const reception = await walk(w.core, 'reception', w);
    expect(reception.touched).toEqual([]);
    expect(reception.succeeded).toEqual(expect.arrayContaining(['students.get', 'students.timeline', 'census.departmentStatus', 'reports.create']));

    expectOk(await w.core.call('auth.lock', {}));
    expectOk(await w.core.call('auth.signIn', { username: 'guanli', password: 'initial pass 1' }));
    expectOk(await w.core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: 'own password 22' }));
    const admin = await walk(w.core, 'admin', w);
    expect(admin.touched).toEqual([]);
    expect(admin.succeeded).toEqual(expect.arrayContaining(['accounts.list', 'settings.get']));
  });
});
