import fc from 'fast-check';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditChain } from '../../../src-main/core/audit/audit-chain';
import { Core } from '../../../src-main/core/core';
import { addDays, todayOf } from '../../../src-main/core/followups/followup-common';
import { students as studentsTable } from '../../../src-main/core/store/schema/students';
import { SYSTEM_ACTOR } from '../../../src-main/core/store/unit-of-work';
import { ManualClock } from '../../../src-main/core/util/clock';
import { silentLog } from '../../../src-main/core/util/log';
import { CHANNEL_NAMES } from '../../../src-shared/contract';
import { ROSTER_FIELDS } from '../../../src-shared/contract/roster';
import { CENSUS_HEADERS } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';

/** Not helpers.ts: the bench runs this outside vitest. Same synthetic set-up and scrypt cost. */
const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };
export const ADMIN_PASSWORD = 'correct horse 01';

function expectOk<T = any>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/**
 * The model-based safety test (issue 14, "an invariant test that keeps it true"): random
 * sequences of what a counseling centre does in its first weeks, every call through the core's
 * dispatcher as the role that would make it, and after every step the safety invariants, read
 * from the store itself (ground truth) and from the channels the workbench reads.
 *
 * Commands name their targets by index (`pick`), resolved against the store at run time in a
 * stable order (学号, event number, insertion order), so a failing sequence replays and shrinks.
 * A refusal (VALIDATION, CONFLICT, FORBIDDEN, NOT_FOUND) is an ordinary outcome; INTERNAL or a
 * throw fails the run, as does any broken invariant.
 */

const FIRST_PASSWORD = 'safety first pw 1';
const OWN_PASSWORD = 'safety own pw 22';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Who works at the synthetic centre. admin01 is administrator and director. */
export const PEOPLE = [
  { username: 'wang.zx', roles: ['counselor'], department: null },
  { username: 'li.zx', roles: ['counselor'], department: null },
  { username: 'sun.sx', roles: ['trainee'], department: null },
  { username: 'zhao.dd', roles: ['supervisor'], department: null },
  { username: 'qian.jd', roles: ['reception'], department: null },
  { username: 'fdy.jsj', roles: ['liaison'], department: '计算机学院' },
  { username: 'fdy.wgy', roles: ['liaison'], department: '外国语学院' },
  { username: 'fdy.wx', roles: ['liaison'], department: '文学院' },
  { username: 'fdy.wx2', roles: ['liaison'], department: '文学院' },
] as const;
export type Username = 'admin01' | (typeof PEOPLE)[number]['username'];
const CLINICAL_USERS: Username[] = ['admin01', 'wang.zx', 'li.zx', 'sun.sx', 'zhao.dd'];
/** Accounts a command may disable: never the director or the supervisor (destruction needs both). */
const DISABLEABLE: Username[] = ['li.zx', 'sun.sx', 'fdy.jsj', 'fdy.wgy', 'fdy.wx', 'fdy.wx2'];
const DEPARTMENTS = ['计算机学院', '外国语学院', '经济管理学院', '机械工程学院', '文学院', '数学学院'];
const ROSTER_SIZE = 10;
const LEVELS = ['1', '2', '3'];

export type CallResult = { ok: true; value: any } | { ok: false; error: { code: string; details: Record<string, unknown> } };

/** The running centre: one core, its clock, the accounts, and who is signed in. */
export class World {
  readonly ids: Record<string, string> = {};
  readonly disabled = new Set<string>();
  signedIn: Username | null = 'admin01';
  /** Every call made, for the failure report: channel, who, outcome. */
  readonly log: string[] = [];
  /** Unacknowledged CRITICAL/URGENT alerts at the last check: none may disappear by the next. */
  readonly seenOpenAlerts = new Set<string>();
  /** A snapshot taken inside a step, after a risk appeared and before a destruction (invariant 7). */
  pendingRisk: Snapshot | null = null;
  /** The steps run so far (the reproduction in a report). */
  readonly steps: string[] = [];
  readonly hasChannel: (name: string) => boolean;

  constructor(
    readonly core: Core,
    readonly clock: ManualClock,
    readonly dataDir: string,
  ) {
    const names = new Set<string>(CHANNEL_NAMES as readonly string[]);
    this.hasChannel = (name) => names.has(name);
  }

  get sqlite() {
    return this.core.vault.requireStore().sqlite;
  }

  all<T = any>(sql: string, ...args: unknown[]): T[] {
    return this.sqlite.prepare(sql).all(...args) as T[];
  }

  get<T = any>(sql: string, ...args: unknown[]): T | undefined {
    return this.sqlite.prepare(sql).get(...args) as T | undefined;
  }

  hasColumn(table: string, column: string): boolean {
    return this.all<{ name: string }>(`PRAGMA table_info(${table})`).some((c) => c.name === column);
  }

  /** Sign in as `who` (a disabled account falls back to `fallback`); returns who is signed in. */
  async as(who: Username, fallback: Username = 'admin01'): Promise<Username> {
    const target = this.disabled.has(who) ? fallback : who;
    if (this.signedIn === target) {
      const status = await this.core.call('app.status', {});
      if (status.ok && (status.value as any).session?.username === target && !(status.value as any).studentMode) return target;
    }
    await this.core.call('auth.lock', {});
    const password = target === 'admin01' ? ADMIN_PASSWORD : OWN_PASSWORD;
    const signed = await this.core.call('auth.signIn', { username: target, password });
    if (!signed.ok) throw new Error(`sign-in as ${target} failed: ${JSON.stringify(signed.error)}`);
    this.signedIn = target;
    return target;
  }

  /** A call through the dispatcher; INTERNAL is a defect, any other refusal an outcome. */
  async call(channel: string, input: unknown): Promise<CallResult> {
    const result = (await this.core.call(channel as never, input as never)) as CallResult;
    const outcome = `${channel} -> ${result.ok ? 'ok' : `${result.error.code}/${String(result.error.details?.reason ?? '')}`}`;
    this.log.push(`${this.signedIn}: ${outcome}`);
    coverage.set(outcome, (coverage.get(outcome) ?? 0) + 1);
    if (!result.ok && result.error.code === 'INTERNAL')
      throw new Error(`${channel} answered INTERNAL: ${JSON.stringify(result.error)} for ${JSON.stringify(input).slice(0, 300)}`);
    return result;
  }

  // --- stable lists the commands pick from ---
  students() {
    return this.all<{ id: string; student_no: string; department: string | null }>('SELECT id, student_no, department FROM students ORDER BY student_no');
  }
  pickStudent(pick: number) {
    const all = this.students();
    return all.length ? all[pick % all.length] : undefined;
  }
  batches() {
    return this.all<{ id: string; instruments: string }>('SELECT id, instruments FROM census_batches ORDER BY created_at, rowid');
  }
  events(status: 'nonClosed' | 'any' = 'nonClosed') {
    return this.all<{ id: string; student_id: string; level: string; status: string; event_no: string }>(
      `SELECT id, student_id, level, status, event_no FROM crisis_events ${status === 'nonClosed' ? "WHERE status <> 'closed'" : ''} ORDER BY event_no`,
    );
  }
  openAlerts() {
    return this.all<{ id: string; student_id: string; level: string; code: string }>(
      'SELECT id, student_id, level, code FROM alerts WHERE acknowledged_at IS NULL ORDER BY rowid',
    );
  }
  accountId(who: Username) {
    return this.ids[who];
  }
}

/** The roster, with every other student moved `departmentShift` departments on (a department change by roster). */
export function rosterFile(count: number, departmentShift = 0) {
  const rows = rosterRows(count).map((row, i) => {
    const copy = [...row];
    const dep = ROSTER_HEADERS.indexOf('院系');
    if (departmentShift)
      copy[dep] = DEPARTMENTS[(DEPARTMENTS.indexOf(copy[dep]) + departmentShift * (i % 2 === 0 ? 1 : 0) + DEPARTMENTS.length) % DEPARTMENTS.length];
    return copy;
  });
  return csvUtf8Bom(ROSTER_HEADERS, rows).toString('base64');
}
const ROSTER_MAPPING = Object.fromEntries(ROSTER_HEADERS.map((h, i) => [ROSTER_FIELDS[i], h]));

/** A set-up centre: accounts of every role, a roster of ten, retention of one year (so destruction is reachable). */
async function buildTemplate(): Promise<{ dataDir: string; ids: Record<string, string> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counsel-safety-template-'));
  const core = new Core({ dataDir, clock: new ManualClock(), kdfCost: TEST_KDF, log: silentLog, emit: () => {} });
  const call = async (channel: string, input: unknown) => expectOk(await core.call(channel as never, input as never));
  await call('setup.initialize', {
    schoolName: '测试学院-Synthetic-School',
    admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
    adminIsDirector: true,
  });
  await call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD });
  const ids: Record<string, string> = { admin01: (await call('app.status', {})).session.accountId };
  for (const person of PEOPLE) {
    const account = await call('accounts.create', {
      username: person.username,
      displayName: `合成-${person.username}`,
      roles: [...person.roles],
      password: FIRST_PASSWORD,
      department: person.department ?? undefined,
    });
    ids[person.username] = account.id;
  }
  // Each account changes its first password once, so later sign-ins are plain.
  for (const person of PEOPLE) {
    await call('auth.lock', {});
    await call('auth.signIn', { username: person.username, password: FIRST_PASSWORD });
    await call('auth.changePassword', { currentPassword: FIRST_PASSWORD, newPassword: OWN_PASSWORD });
  }
  await call('auth.lock', {});
  await call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD });
  await call('roster.import', { fileName: 'roster.csv', contentBase64: rosterFile(ROSTER_SIZE), mapping: ROSTER_MAPPING });
  await call('archive.setSettings', { afterDays: 30, retention: { case: 1, assessment: 1, report: 1, crisis: 1, care: 1 } });
  core.dispose();
  return { dataDir, ids };
}

/** Set up once per process, then copied for every run: a run starts in milliseconds, not seconds. */
let template: Promise<{ dataDir: string; ids: Record<string, string> }> | null = null;

export function disposeTemplate(): void {
  const pending = template;
  template = null;
  void pending?.then(({ dataDir }) => rmSync(dataDir, { recursive: true, force: true }));
}

export async function setUpWorld(): Promise<World> {
  template ??= buildTemplate();
  const { dataDir: from, ids } = await template;
  const dataDir = mkdtempSync(join(tmpdir(), 'counsel-safety-'));
  cpSync(from, dataDir, { recursive: true });
  const clock = new ManualClock();
  const core = new Core({ dataDir, clock, kdfCost: TEST_KDF, log: silentLog, emit: () => {} });
  const world = new World(core, clock, dataDir);
  Object.assign(world.ids, ids);
  world.signedIn = null;
  await world.as('admin01');
  return world;
}

// ---------------------------------------------------------------------------------------------
// Census files
// ---------------------------------------------------------------------------------------------

/** Answer patterns per student and file; several leave the UPI category undetermined. */
export const PATTERNS = ['calm', 'calm', 'sclPositive', 'sclItem15', 'upiCat1', 'upiCat2', 'upiItem25', 'upiBlank25', 'upiNear', 'upiAskBlank'] as const;
export type Pattern = (typeof PATTERNS)[number];
const UPI_COUNTED = Array.from({ length: 60 }, (_, i) => i + 1).filter((n) => ![5, 20, 35, 50, 8, 16, 25, 26].includes(n));

function answers(pattern: Pattern): { scl: string[]; upi: string[]; asks: string } {
  const scl = Array(90).fill('1');
  if (pattern === 'sclPositive') {
    scl.fill('2');
    scl[14] = '1';
  }
  if (pattern === 'sclItem15') scl[14] = '3';
  const upi = Array(60).fill('0');
  const yes = (n: number) => (upi[n - 1] = '1');
  if (pattern === 'upiCat1') UPI_COUNTED.slice(0, 26).forEach(yes);
  if (pattern === 'upiCat2') UPI_COUNTED.slice(0, 21).forEach(yes);
  if (pattern === 'upiItem25') yes(25);
  if (pattern === 'upiBlank25') upi[24] = '';
  if (pattern === 'upiNear') {
    UPI_COUNTED.slice(0, 18).forEach(yes);
    for (const n of UPI_COUNTED.slice(18, 21)) upi[n - 1] = '';
  }
  return { scl, upi, asks: pattern === 'upiAskBlank' ? '' : '0' };
}

export type CensusFileKind = 'both' | 'scl90' | 'upi';

/** A platform export of the chosen students: both questionnaires, or one per file as platforms do. */
export function censusFile(kind: CensusFileKind, rows: { studentNo: string; pattern: Pattern }[]): string {
  const sclHeaders = CENSUS_HEADERS.slice(0, 92);
  const upiHeaders = [CENSUS_HEADERS[0], ...CENSUS_HEADERS.slice(92)];
  const lines = rows.map(({ studentNo, pattern }) => {
    const a = answers(pattern);
    const upiPart = [...a.upi, a.asks, '0', '0', '0', '0'];
    if (kind === 'scl90') return [studentNo, '合成', ...a.scl];
    if (kind === 'upi') return [studentNo, ...upiPart];
    return [studentNo, '合成', ...a.scl, ...upiPart];
  });
  const headers = kind === 'scl90' ? sclHeaders : kind === 'upi' ? upiHeaders : CENSUS_HEADERS;
  return csvUtf8Bom(headers, lines).toString('base64');
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

type Model = Record<string, never>;
export type SafetyCommand = fc.AsyncCommand<Model, World>;

/** Before each step: who is at risk, and how many records each of them has (for invariant 7). */
export interface Snapshot {
  /** Per student at risk: how many records they have, and how many destructions they have had. */
  atRisk: Map<string, { records: number; destructions: number }>;
}

const RECORD_TABLES = [
  'assessments',
  'alerts',
  'crisis_events',
  'key_attention',
  'census_followups',
  'followup_tasks',
  'cases',
  'reports',
  'session_notes',
  'referrals',
];

function recordCount(world: World, studentId: string): number {
  let total = 0;
  for (const table of RECORD_TABLES) total += world.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE student_id = ?`, studentId)?.n ?? 0;
  return total;
}

function studentsAtRisk(world: World): Set<string> {
  const ids = world.all<{ id: string }>(
    `SELECT student_id AS id FROM crisis_events WHERE status <> 'closed'
     UNION SELECT student_id FROM alerts WHERE acknowledged_at IS NULL AND level IN ('CRITICAL','URGENT')
     UNION SELECT student_id FROM key_attention WHERE status = 'active'`,
  );
  return new Set(ids.map((r) => r.id));
}

function destructionsOf(world: World, studentId: string): number {
  return world.get<{ n: number }>('SELECT count(*) AS n FROM destruction_records WHERE student_id = ?', studentId)?.n ?? 0;
}

export function snapshot(world: World): Snapshot {
  const atRisk = new Map<string, { records: number; destructions: number }>();
  for (const id of studentsAtRisk(world)) atRisk.set(id, { records: recordCount(world, id), destructions: destructionsOf(world, id) });
  return { atRisk };
}

/** Where the time goes (milliseconds over all runs). */
export const timing = { snapshot: 0, act: 0, check: 0, chain: 0, setup: 0 };

/** How often each channel answered what, over all runs (what the sequences reach). */
export const coverage = new Map<string, number>();

/** Set by `collectViolations`: violations are gathered by kind instead of failing the run. */
let collected: Map<string, string> | null = null;

abstract class Step implements SafetyCommand {
  check(): boolean {
    return true;
  }
  abstract label(): string;
  abstract act(world: World): Promise<void>;
  async run(_model: Model, world: World): Promise<void> {
    const t0 = performance.now();
    const before = snapshot(world);
    world.log.push(`# ${this.label()}`);
    world.steps.push(this.label());
    const t1 = performance.now();
    await this.act(world);
    const t2 = performance.now();
    const violations = await checkInvariants(world, before);
    if (world.pendingRisk) violations.push(...(await checkInvariants(world, world.pendingRisk)).filter((v) => v.startsWith('7')));
    world.pendingRisk = null;
    const t3 = performance.now();
    timing.snapshot += t1 - t0;
    timing.act += t2 - t1;
    timing.check += t3 - t2;
    if (violations.length && collected) {
      // Exploring: note each kind of violation once (with the steps so far) and carry on.
      for (const v of violations) {
        const kind = v.replace(/[0-9a-f-]{36}|20\d{6,8}|\d{4}-\d{2}-\d{2}|CR-\d{4}-\d{4}|\d+/g, '#');
        if (!collected.has(kind)) collected.set(kind, `${v}\n    steps: ${world.steps.join(', ')}`);
      }
    } else if (violations.length) {
      const recent = world.log.slice(-25).join('\n  ');
      throw new Error(`after ${this.label()}:\n- ${violations.join('\n- ')}\nlast calls:\n  ${recent}`);
    }
  }
  toString(): string {
    return this.label();
  }
}

const pickOf = <T>(list: readonly T[], pick: number): T | undefined => (list.length ? list[pick % list.length] : undefined);

class RosterImport extends Step {
  constructor(
    readonly size: number,
    readonly shift: number,
  ) {
    super();
  }
  label() {
    return `rosterImport(${this.size}, shift ${this.shift})`;
  }
  async act(world: World) {
    await world.as('qian.jd');
    await world.call('roster.import', { fileName: 'roster.csv', contentBase64: rosterFile(this.size, this.shift), mapping: ROSTER_MAPPING });
  }
}

class CreateBatch extends Step {
  constructor(readonly instruments: readonly string[]) {
    super();
  }
  label() {
    return `createBatch(${this.instruments.join('+')})`;
  }
  async act(world: World) {
    await world.as('admin01');
    const n = world.batches().length + 1;
    await world.call('census.createBatch', { name: `普查批次${n}`, cohort: `2026级新生${n}`, instruments: this.instruments });
  }
}

class CensusImport extends Step {
  constructor(
    readonly batchPick: number,
    readonly kind: CensusFileKind,
    readonly patterns: number[],
    readonly byReception: boolean,
    /** A file whose questionnaire the batch lacks adds it (the import's `addInstruments`). */
    readonly addInstruments = false,
  ) {
    super();
  }
  label() {
    return `censusImport(batch ${this.batchPick}, ${this.kind}, [${this.patterns.map((p) => PATTERNS[p % PATTERNS.length]).join(',')}], ${this.byReception ? 'reception' : 'director'}${this.addInstruments ? ', add' : ''})`;
  }
  async act(world: World) {
    if (!world.batches().length) await new CreateBatch(['scl90', 'upi']).act(world);
    const batch = pickOf(world.batches(), this.batchPick);
    if (!batch) return;
    const students = world.students();
    const rows = this.patterns.slice(0, students.length).map((p, i) => ({ studentNo: students[i].student_no, pattern: PATTERNS[p % PATTERNS.length] }));
    await world.as(this.byReception ? 'qian.jd' : 'admin01');
    const instruments = this.kind === 'both' ? ['scl90', 'upi'] : [this.kind];
    await world.call('census.import', {
      batchId: batch.id,
      fileName: `census-${this.kind}.csv`,
      contentBase64: censusFile(this.kind, rows),
      instruments,
      ...(this.addInstruments && { addInstruments: true }),
    });
  }
}

/** 批次 → 添加问卷: the batch takes a questionnaire whose file comes later. */
class AddInstruments extends Step {
  constructor(
    readonly batchPick: number,
    readonly instruments: readonly string[],
  ) {
    super();
  }
  label() {
    return `addInstruments(batch ${this.batchPick}, ${this.instruments.join('+')})`;
  }
  async act(world: World) {
    const batch = pickOf(world.batches(), this.batchPick);
    if (!batch || !world.hasChannel('census.addInstruments')) return;
    await world.as('admin01');
    await world.call('census.addInstruments', { batchId: batch.id, instruments: this.instruments });
  }
}

class StudentModeAssessment extends Step {
  constructor(
    readonly studentPick: number,
    readonly item9: number,
    readonly counselor: Username,
  ) {
    super();
  }
  label() {
    return `studentMode(phq9, student ${this.studentPick}, item9=${this.item9}, ${this.counselor})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    const who = await world.as(this.counselor, 'wang.zx');
    const started = await world.call('assessments.start', { studentId: student.id, instrument: 'phq9' });
    if (!started.ok) return;
    const entered = await world.call('studentMode.enter', { assessmentId: started.value.assessmentId });
    if (!entered.ok) return;
    for (let item = 1; item <= 9; item++) await world.call('studentMode.answer', { item, value: item === 9 ? this.item9 : 1 });
    await world.call('studentMode.finish', {});
    const exit = await world.call('studentMode.exit', { password: who === 'admin01' ? ADMIN_PASSWORD : OWN_PASSWORD });
    if (!exit.ok) throw new Error(`studentMode.exit refused: ${JSON.stringify(exit.error)}`);
  }
}

class PaperAssessment extends Step {
  constructor(
    readonly studentPick: number,
    readonly item9: number,
  ) {
    super();
  }
  label() {
    return `paperPhq9(student ${this.studentPick}, item9=${this.item9})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as('wang.zx');
    await world.call('assessments.enterPaper', { studentId: student.id, instrument: 'phq9', responses: [1, 1, 1, 1, 0, 0, 0, 0, this.item9] });
  }
}

const ACTIONS = ['interviewed', 'crisisOpened', 'referred', 'guardianNotified', 'noFurtherAction', 'other'] as const;

class AcknowledgeAlert extends Step {
  constructor(
    readonly alertPick: number,
    readonly action: number,
    readonly who: Username,
  ) {
    super();
  }
  label() {
    return `acknowledgeAlert(${this.alertPick}, ${ACTIONS[this.action % ACTIONS.length]}, ${this.who})`;
  }
  async act(world: World) {
    const alert = pickOf(world.openAlerts(), this.alertPick);
    if (!alert) return;
    await world.as(this.who, 'wang.zx');
    const action = ACTIONS[this.action % ACTIONS.length];
    const structured = await world.call('alerts.acknowledge', { alertId: alert.id, action, note: '已与学生面谈并评估（合成）' });
    if (!structured.ok && structured.error.code === 'VALIDATION' && !structured.error.details?.reason) {
      await world.call('alerts.acknowledge', { alertId: alert.id, actionTaken: '已与学生面谈并评估（合成）' });
    }
  }
}

class AcknowledgeMany extends Step {
  constructor(readonly picks: number[]) {
    super();
  }
  label() {
    return `acknowledgeMany([${this.picks.join(',')}])`;
  }
  async act(world: World) {
    if (!world.hasChannel('alerts.acknowledgeMany')) return;
    const open = world.openAlerts();
    const ids = [...new Set(this.picks.map((p) => pickOf(open, p)?.id).filter((id): id is string => Boolean(id)))];
    if (!ids.length) return;
    await world.as('wang.zx');
    await world.call('alerts.acknowledgeMany', { alertIds: ids, action: 'interviewed', note: '已安排12月6日约谈（合成）' });
  }
}

/** 稍后处理: the teacher defers the alerts of a form with a reason; they stay open (and visible). */
class DeferAlerts extends Step {
  constructor(readonly pick: number) {
    super();
  }
  label() {
    return `deferAlerts(${this.pick})`;
  }
  async act(world: World) {
    if (!world.hasChannel('alerts.defer')) return;
    const forms = world.all<{ id: string }>(
      'SELECT DISTINCT assessment_id AS id FROM alerts WHERE acknowledged_at IS NULL AND assessment_id IS NOT NULL ORDER BY rowid',
    );
    const form = pickOf(forms, this.pick);
    if (!form) return;
    await world.as('wang.zx');
    await world.call('alerts.defer', { assessmentId: form.id, reason: '学生已离开，明早约谈（合成）' });
  }
}

class OpenCrisis extends Step {
  constructor(
    readonly studentPick: number,
    readonly level: string,
    readonly fromAlert: number | null,
    readonly who: Username,
  ) {
    super();
  }
  label() {
    return `openCrisis(student ${this.studentPick}, level ${this.level}, alert ${this.fromAlert}, ${this.who})`;
  }
  async act(world: World) {
    await world.as(this.who, 'wang.zx');
    if (this.fromAlert !== null) {
      const alert = pickOf(world.openAlerts(), this.fromAlert);
      if (alert) {
        await world.call('crisis.open', { studentId: alert.student_id, alertId: alert.id, level: this.level, description: '预警后评估（合成数据）' });
        return;
      }
    }
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.call('crisis.open', { studentId: student.id, level: this.level, description: '宿舍发现学生情绪激动（合成数据）' });
  }
}

/** Steps of an event as the store has them, in checklist order. */
function stepsOf(world: World, eventId: string) {
  return world.all<{ id: string; key: string; status: string; owner_role: string; levels: string; assigned_to: string | null }>(
    'SELECT id, key, status, owner_role, levels, assigned_to FROM crisis_steps WHERE event_id = ? ORDER BY position',
    eventId,
  );
}

class WorkStep extends Step {
  constructor(
    readonly eventPick: number,
    readonly stepPick: number,
    readonly op: 'complete' | 'notApplicable' | 'reopen',
    readonly who: Username,
  ) {
    super();
  }
  label() {
    return `${this.op}Step(event ${this.eventPick}, step ${this.stepPick}, ${this.who})`;
  }
  async act(world: World) {
    const event = pickOf(world.events(), this.eventPick);
    if (!event) return;
    const step = pickOf(stepsOf(world, event.id), this.stepPick);
    if (!step) return;
    await world.as(this.who, 'wang.zx');
    if (this.op === 'complete') await world.call('crisis.completeStep', { stepId: step.id, note: '已完成（合成）' });
    else if (this.op === 'notApplicable') await world.call('crisis.markNotApplicable', { stepId: step.id, reason: '本事件不涉及（合成）' });
    else await world.call('crisis.reopenStep', { stepId: step.id, reason: '需要重新处理（合成）' });
  }
}

class AssignStep extends Step {
  constructor(
    readonly eventPick: number,
    readonly stepPick: number,
    readonly assignee: Username | null,
  ) {
    super();
  }
  label() {
    return `assignStep(event ${this.eventPick}, step ${this.stepPick}, ${this.assignee})`;
  }
  async act(world: World) {
    const event = pickOf(world.events(), this.eventPick);
    if (!event) return;
    const step = pickOf(stepsOf(world, event.id), this.stepPick);
    if (!step) return;
    await world.as('admin01');
    await world.call('crisis.assignStep', { stepId: step.id, accountId: this.assignee ? world.accountId(this.assignee) : null });
  }
}

class SetEventLevel extends Step {
  constructor(
    readonly eventPick: number,
    readonly level: string,
  ) {
    super();
  }
  label() {
    return `setLevel(event ${this.eventPick}, ${this.level})`;
  }
  async act(world: World) {
    const event = pickOf(world.events(), this.eventPick);
    if (!event) return;
    await world.as('wang.zx');
    await world.call('crisis.setLevel', { id: event.id, level: this.level, reason: '复评后调整级别（合成）' });
  }
}

type CloseOp = 'finishAndClose' | 'finishAndRequest' | 'request' | 'approve' | 'reject';

/** Closing in its separate moves, so a level change or a reopened step can come between request and approval. */
class CloseEvent extends Step {
  constructor(
    readonly eventPick: number,
    readonly op: CloseOp,
  ) {
    super();
  }
  label() {
    return `close.${this.op}(event ${this.eventPick})`;
  }
  async act(world: World) {
    const event = pickOf(world.events(), this.eventPick);
    if (!event) return;
    await world.as(this.op === 'request' ? 'wang.zx' : 'admin01');
    if (this.op === 'finishAndClose' || this.op === 'finishAndRequest') {
      // Each open step done, or marked not applicable where it cannot be done (out of level).
      for (const step of stepsOf(world, event.id)) {
        if (step.status !== 'open') continue;
        const done = await world.call('crisis.completeStep', { stepId: step.id, note: '已完成（合成）' });
        if (!done.ok) await world.call('crisis.markNotApplicable', { stepId: step.id, reason: '本事件不涉及（合成）' });
      }
      if (event.status === 'open') await world.call('crisis.requestClose', { id: event.id, summary: '风险已解除，结案（合成）' });
      if (this.op === 'finishAndClose') await world.call('crisis.approveClose', { id: event.id });
    } else if (this.op === 'request') await world.call('crisis.requestClose', { id: event.id, summary: '风险已解除，申请结案（合成）' });
    else if (this.op === 'approve') await world.call('crisis.approveClose', { id: event.id });
    else await world.call('crisis.rejectClose', { id: event.id, reason: '仍需随访（合成）' });
  }
}

/** Two windows (or the CLI) open an event for the same student at the same moment. */
class OpenCrisisTwice extends Step {
  constructor(readonly studentPick: number) {
    super();
  }
  label() {
    return `openCrisisTwice(student ${this.studentPick})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as('wang.zx');
    const input = { studentId: student.id, level: '2', description: '两处同时发现（合成数据）' };
    await Promise.all([world.call('crisis.open', input), world.call('crisis.open', input)]);
  }
}

/** The CLI (or a second window's worker) on the same data folder opens an event at the same time as this one. */
class OpenCrisisElsewhere extends Step {
  constructor(readonly studentPick: number) {
    super();
  }
  label() {
    return `openCrisisElsewhere(student ${this.studentPick})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as('wang.zx');
    const other = new Core({ dataDir: world.dataDir, clock: world.clock, kdfCost: TEST_KDF, log: silentLog, emit: () => {} });
    try {
      const signed = await other.call('auth.signIn', { username: 'li.zx', password: OWN_PASSWORD });
      if (!signed.ok) return; // li.zx disabled: only this window opens.
      const input = { studentId: student.id, level: '1', description: '命令行与窗口同时登记（合成数据）' };
      const [, there] = await Promise.all([world.call('crisis.open', input), other.call('crisis.open', input)]);
      world.log.push(`li.zx (second core): crisis.open -> ${there.ok ? 'ok' : `${there.error.code}/${String(there.error.details?.reason ?? '')}`}`);
      if (!there.ok && there.error.code === 'INTERNAL') throw new Error(`crisis.open in the second core answered INTERNAL: ${JSON.stringify(there.error)}`);
    } finally {
      other.dispose();
    }
  }
}

/** 上报: talk of death raises a CRITICAL alert at once; triage may close it. */
class FileReport extends Step {
  constructor(
    readonly studentPick: number,
    readonly alerting: boolean,
    readonly by: Username,
  ) {
    super();
  }
  label() {
    return `report(student ${this.studentPick}, alerting ${this.alerting}, ${this.by})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as(this.by, 'qian.jd');
    await world.call('reports.create', {
      studentId: student.id,
      reporterKind: 'dorm',
      signs: this.alerting ? ['talk_of_death', 'low_mood'] : ['low_mood'],
      description: '宿舍同学反映（合成数据）',
      urgency: this.alerting ? 'urgent' : 'soon',
    });
  }
}

type ReportClose = 'acknowledging' | 'linkedEvent' | 'bare' | 'byTrainee' | 'decide';

/** Triage closes a report: with its alert acknowledged, linked to the open event, bare, by a trainee (approval), or the decision. */
class CloseReport extends Step {
  constructor(
    readonly pick: number,
    readonly how: ReportClose = 'acknowledging',
  ) {
    super();
  }
  label() {
    return `closeReport(${this.pick}, ${this.how})`;
  }
  async act(world: World) {
    const reports = world.all<{ id: string; student_id: string }>("SELECT id, student_id FROM reports WHERE status = 'new' ORDER BY rowid");
    const report = pickOf(reports, this.pick);
    if (!report) return;
    if (this.how === 'decide') {
      await world.as('admin01');
      const got = await world.call('reports.get', { id: report.id });
      const request = got.ok ? got.value.closeRequest : null;
      if (request) await world.call('reports.decideClose', { requestId: request.id, approve: this.pick % 2 === 0, note: '已核实处置（合成）' });
      return;
    }
    await world.as(this.how === 'byTrainee' ? 'sun.sx' : 'wang.zx', 'wang.zx');
    const input: Record<string, unknown> = { id: report.id, action: 'interviewed', note: '已约谈，暂无风险（合成）' };
    if (this.how === 'acknowledging' || this.how === 'byTrainee') input.acknowledgeAlert = true;
    if (this.how === 'linkedEvent') {
      const event = world.events().find((e) => e.student_id === report.student_id);
      if (event) Object.assign(input, { action: 'crisisOpened', crisisEventId: event.id });
    }
    const structured = await world.call('reports.close', input);
    if (!structured.ok && structured.error.code === 'VALIDATION' && !world.hasChannel('reports.decideClose')) {
      await world.call('reports.close', { id: report.id, triageNote: '已约谈，暂无风险（合成）' });
    }
  }
}

const RESPONSIBLE = (counselorId: string | null) => ({ counselorId, departmentCounselor: null, dormWatcher: null, peerCounselor: null });

function keyAttentionEntries(world: World) {
  return world.all<{ id: string; student_id: string; level: string }>("SELECT id, student_id, level FROM key_attention WHERE status = 'active' ORDER BY rowid");
}

class KeyAttention extends Step {
  constructor(
    readonly op: 'add' | 'review' | 'changeLevel' | 'remove' | 'cadence' | 'decideRemoval',
    readonly pick: number,
    readonly level: string,
    readonly cadence: number,
    readonly who: Username,
  ) {
    super();
  }
  label() {
    return `keyAttention.${this.op}(${this.pick}, level ${this.level}, cadence ${this.cadence}, ${this.who})`;
  }
  async act(world: World) {
    const who = await world.as(this.who, 'wang.zx');
    if (this.op === 'add') {
      const student = world.pickStudent(this.pick);
      if (!student) return;
      await world.call('keyattention.add', {
        studentId: student.id,
        level: this.level,
        reason: '普查后约谈，需持续关注（合成）',
        responsible: RESPONSIBLE(world.accountId(who)),
        cadenceDays: this.cadence || undefined,
      });
      return;
    }
    const entry = pickOf(keyAttentionEntries(world), this.pick);
    if (!entry) return;
    if (this.op === 'review') await world.call('keyattention.review', { entryId: entry.id, note: '本周回访，情况平稳（合成）' });
    else if (this.op === 'changeLevel') await world.call('keyattention.changeLevel', { entryId: entry.id, level: this.level, reason: '复评后调整（合成）' });
    else if (this.op === 'cadence')
      await world.call('keyattention.update', { entryId: entry.id, responsible: RESPONSIBLE(world.accountId(who)), cadenceDays: this.cadence || 7 });
    else if (this.op === 'remove') {
      const removed = await world.call('keyattention.remove', { entryId: entry.id, reason: 'riskResolved', note: '评估风险已解除（合成）' });
      if (!removed.ok && removed.error.code === 'VALIDATION' && !world.hasChannel('keyattention.removalRequests'))
        await world.call('keyattention.remove', { entryId: entry.id, reason: '评估风险已解除（合成）' });
    } else if (this.op === 'decideRemoval' && world.hasChannel('keyattention.decideRemoval')) {
      // The director decides the oldest pending removal (approve, or turn it down with a note).
      await world.as('admin01');
      const pending = await world.call('keyattention.removalRequests', { status: 'pending' });
      const request = pending.ok ? pickOf(pending.value as { id: string }[], this.pick) : undefined;
      if (request) await world.call('keyattention.decideRemoval', { requestId: request.id, approve: this.level !== '3', note: '已核实（合成）' });
    }
  }
}

const OUTCOMES = ['cleared', 'watch', 'key_attention', 'crisis'] as const;

function followups(world: World) {
  return world.all<{ id: string; batch_id: string; student_id: string; status: string }>(
    'SELECT id, batch_id, student_id, status FROM census_followups ORDER BY created_at, rowid',
  );
}

class InterviewOutcome extends Step {
  constructor(
    readonly pick: number,
    readonly outcome: number,
    readonly withAction: boolean,
  ) {
    super();
  }
  label() {
    return `interviewOutcome(${this.pick}, ${OUTCOMES[this.outcome % OUTCOMES.length]}, action ${this.withAction})`;
  }
  async act(world: World) {
    const followup = pickOf(followups(world), this.pick);
    if (!followup) return;
    await world.as('wang.zx');
    const outcome = OUTCOMES[this.outcome % OUTCOMES.length];
    const input: Record<string, unknown> = { followupId: followup.id, outcome, note: '已约谈，结论见记录（合成）' };
    if (this.withAction) input.acknowledge = { action: 'interviewed', note: '已约谈（合成）' };
    // A recorded outcome changes only with a reason; leaving 重点关注 says what happens to the entry.
    if (followup.status === 'done') input.changeReason = '复核后调整结论（合成）';
    if (outcome !== 'key_attention') input.keyAttention = this.outcome % 2 ? 'keep' : 'remove';
    const result = await world.call('census.recordOutcome', input);
    if (!result.ok && result.error.code === 'VALIDATION' && this.withAction) {
      delete input.acknowledge;
      await world.call('census.recordOutcome', input);
    }
  }
}

class AssignInterviews extends Step {
  constructor(
    readonly pick: number,
    readonly counselor: Username,
  ) {
    super();
  }
  label() {
    return `assignInterviews(${this.pick}, ${this.counselor})`;
  }
  async act(world: World) {
    const followup = pickOf(followups(world), this.pick);
    if (!followup) return;
    await world.as('admin01');
    await world.call('census.assign', { batchId: followup.batch_id, counselorId: world.accountId(this.counselor), followupIds: [followup.id] });
  }
}

class CreateTask extends Step {
  constructor(
    readonly studentPick: number,
    readonly assignee: Username,
    readonly dueDays: number,
  ) {
    super();
  }
  label() {
    return `createTask(student ${this.studentPick}, ${this.assignee}, due +${this.dueDays}d)`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as('wang.zx');
    const event = world.events().find((e) => e.student_id === student.id);
    await world.call('followups.create', {
      studentId: student.id,
      eventId: event?.id,
      title: '回访学生（合成）',
      assignedTo: world.accountId(this.assignee),
      dueAt: new Date(world.clock.now().getTime() + this.dueDays * DAY).toISOString(),
    });
  }
}

class DisableAccount extends Step {
  constructor(
    readonly who: Username,
    readonly successor: Username | null,
  ) {
    super();
  }
  label() {
    return `disable(${this.who}, successor ${this.successor})`;
  }
  async act(world: World) {
    if (world.disabled.has(this.who)) return;
    await world.as('admin01');
    const accountId = world.accountId(this.who);
    const successorId = this.successor && !world.disabled.has(this.successor) && this.successor !== this.who ? world.accountId(this.successor) : null;
    const kinds = ['tasks', 'crisisSteps', 'crisisEvents', 'keyAttention', 'cases', 'censusFollowups'];
    const successors = Object.fromEntries(kinds.map((k) => [k, successorId]));
    let result = await world.call('accounts.setDisabled', { accountId, disabled: true, successors });
    if (!result.ok && result.error.code === 'VALIDATION' && !result.error.details?.reason)
      result = await world.call('accounts.setDisabled', { accountId, disabled: true });
    if (result.ok) world.disabled.add(this.who);
  }
}

class ChangeDepartment extends Step {
  constructor(
    readonly studentPick: number,
    readonly department: number,
  ) {
    super();
  }
  label() {
    return `changeDepartment(student ${this.studentPick}, ${DEPARTMENTS[this.department % DEPARTMENTS.length]})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as('qian.jd');
    await world.call('students.update', { id: student.id, patch: { department: DEPARTMENTS[this.department % DEPARTMENTS.length] } });
  }
}

/** A liaison account moves to another department (accounts.update): their open work stays with the students. */
class MoveLiaison extends Step {
  constructor(
    readonly who: Username,
    readonly department: number,
  ) {
    super();
  }
  label() {
    return `moveLiaison(${this.who}, ${DEPARTMENTS[this.department % DEPARTMENTS.length]})`;
  }
  async act(world: World) {
    if (world.disabled.has(this.who)) return;
    await world.as('admin01');
    await world.call('accounts.update', { accountId: world.accountId(this.who), department: DEPARTMENTS[this.department % DEPARTMENTS.length] });
  }
}

class AdvanceClock extends Step {
  constructor(readonly minutes: number) {
    super();
  }
  label() {
    return `advanceClock(${this.minutes} min)`;
  }
  async act(world: World) {
    world.clock.advance(this.minutes * MIN);
  }
}

/** The registrar's record says the student left long ago: every record is past its one-year retention. */
function markLeftLongAgo(world: World, studentId: string) {
  const store = world.core.vault.requireStore();
  const row = world.get<{ left_at: string | null }>('SELECT left_at FROM students WHERE id = ?', studentId);
  if (row?.left_at) return;
  store.uow.run(SYSTEM_ACTOR, (tx) => tx.update(studentsTable, studentId, { leftAt: '2014-07-01T00:00:00.000Z' }));
}

class RequestDestruction extends Step {
  constructor(
    readonly studentPick: number,
    readonly approve: boolean,
  ) {
    super();
  }
  label() {
    return `requestDestruction(student ${this.studentPick}, approve ${this.approve})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as('admin01');
    markLeftLongAgo(world, student.id);
    const request = await world.call('archive.requestDestruction', { studentId: student.id, reason: '超过保存期限（合成）' });
    if (!request.ok || !this.approve) return;
    await world.call('archive.approveDestruction', { id: request.value.id });
    await world.as('zhao.dd');
    await world.call('archive.approveDestruction', { id: request.value.id, note: '同意' });
  }
}

/** Approved while the student was not at risk; then a risk appears before the records are destroyed. */
class DestructionRace extends Step {
  constructor(
    readonly studentPick: number,
    readonly risk: 'crisis' | 'alert' | 'keyAttention',
  ) {
    super();
  }
  label() {
    return `destructionRace(student ${this.studentPick}, ${this.risk})`;
  }
  async act(world: World) {
    const student = world.pickStudent(this.studentPick);
    if (!student) return;
    await world.as('wang.zx');
    // Something to destroy: a calm paper form.
    await world.call('assessments.enterPaper', { studentId: student.id, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 0] });
    await new RequestDestruction(this.studentPick, true).act(world);
    const approved = world.get<{ id: string }>(
      "SELECT id FROM destruction_requests WHERE student_id = ? AND status = 'approved' ORDER BY rowid DESC LIMIT 1",
      student.id,
    );
    if (!approved) return;
    await world.as('wang.zx');
    if (this.risk === 'crisis') await world.call('crisis.open', { studentId: student.id, level: '1', description: '离校后再次出现危机（合成数据）' });
    else if (this.risk === 'alert')
      await world.call('assessments.enterPaper', { studentId: student.id, instrument: 'phq9', responses: [1, 1, 1, 1, 0, 0, 0, 0, 3] });
    else
      await world.call('keyattention.add', {
        studentId: student.id,
        level: '2',
        reason: '需持续关注（合成）',
        responsible: RESPONSIBLE(world.accountId('wang.zx')),
      });
    // The check before this step saw the student not at risk: take the at-risk snapshot now.
    world.pendingRisk = snapshot(world);
    await world.as('admin01');
    await world.call('archive.carryOut', { id: approved.id });
  }
}

class CarryOutDestruction extends Step {
  constructor(
    readonly pick: number,
    /** Pick the approved request of this student (by index) instead of the pick-th approved request. */
    readonly ofStudent = false,
  ) {
    super();
  }
  label() {
    return `carryOutDestruction(${this.ofStudent ? `student ${this.pick}` : this.pick})`;
  }
  async act(world: World) {
    const requests = world.all<{ id: string; student_id: string }>("SELECT id, student_id FROM destruction_requests WHERE status = 'approved' ORDER BY rowid");
    const request = this.ofStudent ? requests.find((r) => r.student_id === world.pickStudent(this.pick)?.id) : pickOf(requests, this.pick);
    if (!request) return;
    await world.as('admin01');
    await world.call('archive.carryOut', { id: request.id });
  }
}

// ---------------------------------------------------------------------------------------------
// The command mix
// ---------------------------------------------------------------------------------------------

const pick = fc.nat({ max: 40 });
const level = fc.constantFrom(...LEVELS);
const clinician = fc.constantFrom<Username>(...CLINICAL_USERS);
const anyone = fc.constantFrom<Username>(...CLINICAL_USERS, 'fdy.jsj', 'fdy.wgy', 'fdy.wx', 'fdy.wx2');

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Weighted so that sequences reach events, lists and entries early and then work on them. */
export const safetyCommand: fc.Arbitrary<SafetyCommand> = fc.oneof(
  w(
    2,
    fc.tuple(fc.integer({ min: ROSTER_SIZE, max: ROSTER_SIZE + 4 }), fc.integer({ min: 0, max: 3 })).map(([size, shift]) => new RosterImport(size, shift)),
  ),
  w(
    2,
    fc.constantFrom(['scl90', 'upi'], ['scl90'], ['upi']).map((instruments) => new CreateBatch(instruments)),
  ),
  w(
    1,
    fc.tuple(pick, fc.constantFrom(['scl90'], ['upi'])).map(([b, instruments]) => new AddInstruments(b, instruments)),
  ),
  w(
    6,
    fc
      .tuple(
        pick,
        fc.constantFrom<CensusFileKind>('both', 'scl90', 'upi', 'upi'),
        fc.array(fc.nat({ max: PATTERNS.length - 1 }), { minLength: 1, maxLength: ROSTER_SIZE }),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([b, kind, patterns, reception, add]) => new CensusImport(b, kind, patterns, reception, add)),
  ),
  w(
    4,
    fc.tuple(pick, fc.integer({ min: 0, max: 3 }), clinician).map(([s, item9, who]) => new StudentModeAssessment(s, item9, who)),
  ),
  w(
    3,
    fc.tuple(pick, fc.integer({ min: 0, max: 3 })).map(([s, item9]) => new PaperAssessment(s, item9)),
  ),
  w(
    4,
    fc.tuple(pick, fc.nat({ max: ACTIONS.length - 1 }), clinician).map(([a, action, who]) => new AcknowledgeAlert(a, action, who)),
  ),
  w(
    1,
    fc.array(pick, { minLength: 1, maxLength: 4 }).map((picks) => new AcknowledgeMany(picks)),
  ),
  w(
    2,
    pick.map((p) => new DeferAlerts(p)),
  ),
  w(
    6,
    fc.tuple(pick, level, fc.option(pick, { nil: null }), clinician).map(([s, l, a, who]) => new OpenCrisis(s, l, a, who)),
  ),
  w(
    6,
    fc
      .tuple(pick, pick, fc.constantFrom<'complete' | 'notApplicable' | 'reopen'>('complete', 'complete', 'notApplicable', 'reopen'), anyone)
      .map(([e, s, op, who]) => new WorkStep(e, s, op, who)),
  ),
  w(
    3,
    fc.tuple(pick, pick, fc.option(anyone, { nil: null })).map(([e, s, who]) => new AssignStep(e, s, who)),
  ),
  w(
    3,
    fc.tuple(pick, level).map(([e, l]) => new SetEventLevel(e, l)),
  ),
  w(
    5,
    fc
      .tuple(pick, fc.constantFrom<CloseOp>('finishAndClose', 'finishAndClose', 'finishAndRequest', 'request', 'approve', 'reject'))
      .map(([e, op]) => new CloseEvent(e, op)),
  ),
  w(
    1,
    pick.map((p) => new OpenCrisisTwice(p)),
  ),
  w(
    1,
    pick.map((p) => new OpenCrisisElsewhere(p)),
  ),
  w(
    2,
    fc.tuple(pick, fc.boolean(), fc.constantFrom<Username>('qian.jd', 'fdy.jsj', 'fdy.wx', 'wang.zx')).map(([p, a, by]) => new FileReport(p, a, by)),
  ),
  w(
    2,
    fc.tuple(pick, fc.constantFrom<ReportClose>('acknowledging', 'linkedEvent', 'bare', 'byTrainee', 'decide')).map(([p, how]) => new CloseReport(p, how)),
  ),
  w(
    6,
    fc
      .tuple(
        fc.constantFrom<'add' | 'review' | 'changeLevel' | 'remove' | 'cadence' | 'decideRemoval'>(
          'add',
          'add',
          'review',
          'review',
          'changeLevel',
          'remove',
          'decideRemoval',
          'cadence',
        ),
        pick,
        level,
        fc.constantFrom(0, 3, 7, 30),
        clinician,
      )
      .map(([op, p, l, c, who]) => new KeyAttention(op, p, l, c, who)),
  ),
  w(
    4,
    fc.tuple(pick, fc.nat({ max: OUTCOMES.length - 1 }), fc.boolean()).map(([p, o, a]) => new InterviewOutcome(p, o, a)),
  ),
  w(
    2,
    fc.tuple(pick, fc.constantFrom<Username>('wang.zx', 'li.zx', 'sun.sx')).map(([p, who]) => new AssignInterviews(p, who)),
  ),
  w(
    3,
    fc.tuple(pick, anyone, fc.integer({ min: -2, max: 10 })).map(([s, who, due]) => new CreateTask(s, who, due)),
  ),
  w(
    2,
    fc
      .tuple(fc.constantFrom(...DISABLEABLE), fc.option(fc.constantFrom<Username>('wang.zx', 'li.zx', 'fdy.wx', 'fdy.wx2'), { nil: null }))
      .map(([who, successor]) => new DisableAccount(who, successor)),
  ),
  w(
    3,
    fc.tuple(pick, fc.nat({ max: DEPARTMENTS.length - 1 })).map(([s, d]) => new ChangeDepartment(s, d)),
  ),
  w(
    1,
    fc
      .tuple(fc.constantFrom<Username>('fdy.jsj', 'fdy.wgy', 'fdy.wx', 'fdy.wx2'), fc.nat({ max: DEPARTMENTS.length - 1 }))
      .map(([who, d]) => new MoveLiaison(who, d)),
  ),
  w(
    4,
    fc.constantFrom(5, 30, 3 * 60, 26 * 60, 4 * 24 * 60, 9 * 24 * 60).map((m) => new AdvanceClock(m)),
  ),
  w(
    2,
    fc.tuple(pick, fc.boolean()).map(([s, approve]) => new RequestDestruction(s, approve)),
  ),
  w(
    2,
    pick.map((p) => new CarryOutDestruction(p)),
  ),
  w(
    1,
    fc.tuple(pick, fc.constantFrom<'crisis' | 'alert' | 'keyAttention'>('crisis', 'alert', 'keyAttention')).map(([p, r]) => new DestructionRace(p, r)),
  ),
);

/**
 * Sequences that walk straight into the holes issue 14 names, each checked step by step like the
 * random ones. Students by index in 学号 order: 0 计算机学院, 1 外国语学院, 4 文学院 (the roster's
 * departments cycle through six).
 */
export function directedSequences(): [string, SafetyCommand[]][] {
  const P = (name: Pattern) => PATTERNS.indexOf(name);
  return [
    [
      'key-attention cadence: an early review, a level change, a late review',
      [
        new KeyAttention('add', 2, '3', 0, 'wang.zx'),
        new KeyAttention('review', 0, '3', 0, 'wang.zx'),
        new AdvanceClock(10 * 24 * 60),
        new KeyAttention('changeLevel', 0, '2', 0, 'wang.zx'),
        new AdvanceClock(20 * 24 * 60),
        new KeyAttention('review', 0, '2', 0, 'wang.zx'),
        new KeyAttention('cadence', 0, '2', 30, 'wang.zx'),
      ],
    ],
    [
      'census: a batch made for SCL-90 takes the UPI file as a second file (categories 1, 2, undetermined)',
      [
        new CreateBatch(['scl90']),
        new CensusImport(0, 'scl90', [P('sclPositive'), P('calm'), P('sclItem15')], true),
        new CensusImport(0, 'upi', [P('upiCat1'), P('upiBlank25'), P('upiNear'), P('upiAskBlank'), P('upiCat2'), P('upiItem25')], false),
        new CensusImport(0, 'upi', [P('upiCat1'), P('upiBlank25'), P('upiNear'), P('upiAskBlank'), P('upiCat2'), P('upiItem25')], false, true),
        new AddInstruments(1, ['scl90']),
        new CreateBatch(['upi']),
        new AddInstruments(1, ['scl90']),
        new CensusImport(1, 'scl90', [P('calm'), P('sclPositive')], true),
      ],
    ],
    [
      'census: SCL-90 and UPI of one batch in separate files, each file screened with the forms the batch already holds',
      [
        new CreateBatch(['scl90', 'upi']),
        new CensusImport(0, 'scl90', [P('sclPositive'), P('sclItem15'), P('calm')], true),
        new CensusImport(0, 'upi', [P('upiCat2'), P('calm'), P('upiNear')], true),
        new CensusImport(0, 'upi', [P('calm'), P('upiCat2'), P('calm')], true),
      ],
    ],
    [
      'census: an interview recorded as cleared, then a re-imported form raises the urgency',
      [
        new CreateBatch(['scl90', 'upi']),
        new CensusImport(0, 'both', [P('calm'), P('upiCat2')], true),
        new InterviewOutcome(0, 0, false),
        new CensusImport(0, 'upi', [P('calm'), P('upiItem25')], true),
        new InterviewOutcome(0, 0, true),
      ],
    ],
    [
      "work follows the student: a liaison's step and task, then a department change by hand and by roster, and a liaison who moves",
      [
        new OpenCrisis(4, '2', null, 'wang.zx'),
        new AssignStep(0, 4, 'fdy.wx'),
        new CreateTask(4, 'fdy.wx', 3),
        new ChangeDepartment(4, 0),
        new RosterImport(10, 1),
        new AdvanceClock(2 * 24 * 60),
        // The liaison moves instead of the student.
        new OpenCrisis(1, '2', null, 'wang.zx'),
        new AssignStep(1, 4, 'fdy.wgy'),
        new CreateTask(1, 'fdy.wgy', 3),
        new MoveLiaison('fdy.wgy', 2),
      ],
    ],
    [
      "nobody's work is orphaned: a counselor and a liaison with open work are disabled",
      [
        new OpenCrisis(1, '1', null, 'li.zx'),
        new AssignStep(0, 0, 'li.zx'),
        new CreateTask(1, 'li.zx', 2),
        new KeyAttention('add', 5, '2', 0, 'li.zx'),
        new CensusImport(0, 'both', [P('upiCat1'), P('sclPositive')], true),
        new AssignInterviews(0, 'li.zx'),
        new AssignInterviews(1, 'li.zx'),
        new DisableAccount('li.zx', null),
        new OpenCrisis(4, '2', null, 'wang.zx'),
        new AssignStep(1, 4, 'fdy.wx'),
        new CreateTask(4, 'fdy.wx', 1),
        new DisableAccount('fdy.wx', 'fdy.wx2'),
      ],
    ],
    [
      'closing: a level raised after the request, a step reopened, a level drop with a step overdue',
      [
        new OpenCrisis(3, '2', null, 'wang.zx'),
        new CloseEvent(0, 'finishAndRequest'),
        new SetEventLevel(0, '1'),
        new CloseEvent(0, 'approve'),
        new WorkStep(0, 2, 'reopen', 'admin01'),
        new CloseEvent(0, 'approve'),
        new OpenCrisis(5, '1', null, 'wang.zx'),
        new AdvanceClock(2 * 24 * 60),
        new SetEventLevel(1, '3'),
        new CloseEvent(1, 'finishAndClose'),
      ],
    ],
    [
      'destruction: approved, then a crisis, an alert or key attention appears before it is carried out',
      [
        new DestructionRace(6, 'crisis'),
        new DestructionRace(7, 'alert'),
        new DestructionRace(8, 'keyAttention'),
        new PaperAssessment(9, 0),
        new RequestDestruction(9, true),
        new OpenCrisis(9, '2', null, 'wang.zx'),
        new CarryOutDestruction(9, true),
        // Student 7's alert acknowledged, no longer at risk: the approved destruction goes through, alerts and all.
        new AcknowledgeAlert(0, 0, 'wang.zx'),
        new CarryOutDestruction(7, true),
        // A student with an interview outcome on record (and its history) is destroyed cleanly.
        new CensusImport(0, 'scl90', [P('calm'), P('calm'), P('calm'), P('sclPositive')], true),
        new InterviewOutcome(0, 1, false),
        new RequestDestruction(3, true),
        new CarryOutDestruction(3, true),
      ],
    ],
    [
      'alerts: student mode, 稍后处理, several acknowledged at once, a report, two windows and the CLI opening one event',
      [
        new StudentModeAssessment(6, 2, 'sun.sx'),
        new DeferAlerts(0),
        new PaperAssessment(6, 1),
        new FileReport(6, true, 'fdy.jsj'),
        new AcknowledgeMany([0, 1]),
        new OpenCrisisTwice(6),
        new OpenCrisisElsewhere(6),
        new OpenCrisisElsewhere(2),
        new AcknowledgeAlert(0, 1, 'wang.zx'),
        new CloseReport(0, 'bare'),
        new FileReport(7, true, 'qian.jd'),
        new CloseReport(0, 'byTrainee'),
        new CloseReport(0, 'decide'),
        new CloseReport(0, 'linkedEvent'),
      ],
    ],
  ];
}

/** One fixed sequence on a fresh centre, the invariants after every step and the chain at the end. */
export async function runSequence(commands: SafetyCommand[]): Promise<World> {
  const world = await setUpWorld();
  try {
    for (const command of commands) await command.run({} as Model, world);
    await world.as('admin01');
    const verified = await world.call('audit.verify', {});
    if (!verified.ok || !verified.value.intact) throw new Error(`8: audit.verify: ${JSON.stringify(verified)}`);
    if (process.env.SAFETY_TRACE) console.log(world.log.join('\n'));
    return world;
  } finally {
    disposeWorld(world);
  }
}

// ---------------------------------------------------------------------------------------------
// The invariants
// ---------------------------------------------------------------------------------------------

type Violation = string;

/** Which steps of an event are in its checklist: the level's steps, plus any kept after a level drop. */
function applies(step: { levels: string; overdue_at_level_change?: string | null }, eventLevel: string): boolean {
  const levels = JSON.parse(step.levels) as string[];
  return levels.length === 0 || levels.includes(eventLevel) || Boolean(step.overdue_at_level_change);
}

/** The undetermined category counts: it could be 1 or 2, so the student must be looked at. */
export function requiredUrgency(forms: { instrument: string; result: any }[]): number | null {
  let urgency = Number.POSITIVE_INFINITY;
  for (const { instrument, result } of forms) {
    if (!result) continue;
    const flags: { code: string; level: string; item?: number }[] = result.flags ?? [];
    if (flags.some((f) => f.item !== undefined && (f.level === 'CRITICAL' || f.level === 'URGENT') && !f.code.endsWith('_UNANSWERED')))
      urgency = Math.min(urgency, 0);
    if (instrument === 'upi') {
      const possible: number[] = result.possibleCategories ?? (result.category ? [result.category] : [1, 2, 3]);
      const category = result.category ?? null;
      if (category === 1 || (category === null && possible.includes(1))) urgency = Math.min(urgency, 1);
      else if (category === 2 || (category === null && possible.includes(2))) urgency = Math.min(urgency, 3);
    }
    if (instrument === 'scl90' && result.screenPositive === true) urgency = Math.min(urgency, 2);
  }
  return Number.isFinite(urgency) ? urgency : null;
}

export async function checkInvariants(world: World, before: Snapshot | null): Promise<Violation[]> {
  const violations: Violation[] = [];
  const viewer = world.signedIn;
  const clinicalViewer = viewer !== null && CLINICAL_USERS.includes(viewer);
  // The command may leave anybody signed in: read the workbench as them when they see alerts.
  if (!clinicalViewer) await world.as('admin01');

  // 1. Every unacknowledged CRITICAL/URGENT alert is in the workbench's list and count.
  const open = world.all<{ id: string; level: string }>("SELECT id, level FROM alerts WHERE acknowledged_at IS NULL AND level IN ('CRITICAL','URGENT')");
  const listed = await world.call('alerts.list', { status: 'open' });
  if (!listed.ok) violations.push(`1: alerts.list refused as ${world.signedIn}: ${listed.error.code}`);
  else {
    const ids = new Set((listed.value as { id: string }[]).map((a) => a.id));
    for (const alert of open)
      if (!ids.has(alert.id)) violations.push(`1: open ${alert.level} alert ${alert.id} missing from alerts.list (as ${world.signedIn})`);
  }
  const count = await workbenchAlertCount(world);
  if (count !== null) {
    const critical = open.filter((a) => a.level === 'CRITICAL').length;
    const urgent = open.filter((a) => a.level === 'URGENT').length;
    if (count.critical !== undefined && count.critical !== critical)
      violations.push(`1: header count says ${count.critical} CRITICAL, the store has ${critical}`);
    if (count.urgent !== undefined && count.urgent !== urgent) violations.push(`1: header count says ${count.urgent} URGENT, the store has ${urgent}`);
  }
  // An open alert never disappears: only an acknowledgement closes it (an acknowledged one may
  // later go with a lawful destruction, so the set is the open alerts of the last check).
  for (const id of world.seenOpenAlerts) {
    if (!world.get('SELECT 1 FROM alerts WHERE id = ?', id))
      violations.push(`1/7: alert ${id} (CRITICAL/URGENT, unacknowledged at the last check) no longer exists`);
  }
  world.seenOpenAlerts.clear();
  for (const alert of open) world.seenOpenAlerts.add(alert.id);

  // 2. Every screen-positive, UPI 1/2/undetermined or critical-item form of a batch is on its list (at its urgency or above).
  const forms = world.all<{ batch: string; student: string; instrument: string; result: string | null }>(
    'SELECT census_batch_id AS batch, student_id AS student, instrument, result FROM assessments WHERE census_batch_id IS NOT NULL',
  );
  const byBatchStudent = new Map<string, { instrument: string; result: any }[]>();
  for (const form of forms) {
    const key = `${form.batch}|${form.student}`;
    byBatchStudent.set(key, [...(byBatchStudent.get(key) ?? []), { instrument: form.instrument, result: form.result ? JSON.parse(form.result) : null }]);
  }
  const listRows = world.all<{ batch_id: string; student_id: string; urgency: number }>('SELECT batch_id, student_id, urgency FROM census_followups');
  const onList = new Map(listRows.map((r) => [`${r.batch_id}|${r.student_id}`, r.urgency]));
  const listedByChannel = new Map<string, Set<string>>();
  for (const [key, studentForms] of byBatchStudent) {
    const required = requiredUrgency(studentForms);
    if (required === null) continue;
    const [batchId, studentId] = key.split('|');
    if (!listedByChannel.has(batchId)) {
      await world.as(clinicalViewer ? viewer! : 'admin01');
      const result = await world.call('census.followups', { batchId });
      listedByChannel.set(batchId, new Set(result.ok ? (result.value as { student: { id: string } }[]).map((f) => f.student.id) : []));
    }
    const urgency = onList.get(key);
    if (urgency === undefined || !listedByChannel.get(batchId)!.has(studentId))
      violations.push(`2: student ${studentNoOf(world, studentId)} needs an interview (urgency ${required}) in batch ${batchId} but is not on its list`);
    else if (urgency > required)
      violations.push(`2: student ${studentNoOf(world, studentId)} is listed at urgency ${urgency} in batch ${batchId}, its forms need ${required}`);
  }

  // 3. At most one open event per student.
  for (const row of world.all<{ student_id: string; n: number }>(
    "SELECT student_id, count(*) AS n FROM crisis_events WHERE status <> 'closed' GROUP BY student_id HAVING n > 1",
  )) {
    violations.push(`3: student ${studentNoOf(world, row.student_id)} has ${row.n} open events`);
  }

  // 4. No closed event has an open applicable step.
  const keptColumn = world.hasColumn('crisis_steps', 'overdue_at_level_change');
  for (const step of world.all<{ id: string; key: string; levels: string; event_level: string; event_no: string; overdue_at_level_change?: string | null }>(
    `SELECT s.id, s.key, s.levels, e.level AS event_level, e.event_no ${keptColumn ? ', s.overdue_at_level_change' : ''}
     FROM crisis_steps s JOIN crisis_events e ON e.id = s.event_id WHERE e.status = 'closed' AND s.status = 'open'`,
  )) {
    if (applies(step, step.event_level)) violations.push(`4: closed event ${step.event_no} has open step ${step.key}`);
  }

  // 5. Every active key-attention entry's next review is at most its last review (or start) plus its cadence.
  for (const entry of world.all<{
    id: string;
    student_id: string;
    next_review_on: string;
    cadence_days: number;
    last_reviewed_at: string | null;
    created_at: string;
  }>("SELECT id, student_id, next_review_on, cadence_days, last_reviewed_at, created_at FROM key_attention WHERE status = 'active'")) {
    const anchor = reviewAnchor(world, entry);
    const latest = addDays(todayOf(anchor), entry.cadence_days);
    if (entry.next_review_on > latest)
      violations.push(
        `5: key-attention entry of ${studentNoOf(world, entry.student_id)} next review ${entry.next_review_on} is after ${todayOf(anchor)} + ${entry.cadence_days} days`,
      );
  }

  // 6. No open work belongs only to a disabled account or a liaison outside the student's department.
  violations.push(...(await orphanedWork(world)));

  // 7. Nobody at risk lost a record to destruction (nor had one carried out at all).
  if (before) {
    for (const [studentId, was] of before.atRisk) {
      const records = recordCount(world, studentId);
      if (records < was.records) violations.push(`7: student ${studentNoOf(world, studentId)} was at risk and went from ${was.records} records to ${records}`);
      if (destructionsOf(world, studentId) > was.destructions)
        violations.push(`7: a destruction was carried out for ${studentNoOf(world, studentId)} while at risk`);
    }
  }

  // 8. The audit chain verifies.
  const tc = performance.now();
  const chain = verifyAuditChain(world.sqlite);
  timing.chain += performance.now() - tc;
  if (!chain.intact) violations.push(`8: audit chain broken at ${JSON.stringify(chain.firstBroken)}`);
  return violations;
}

export function disposeWorld(world: World): void {
  world.core.dispose();
  rmSync(world.dataDir, { recursive: true, force: true });
}

function studentNoOf(world: World, studentId: string): string {
  return world.get<{ student_no: string }>('SELECT student_no FROM students WHERE id = ?', studentId)?.student_no ?? studentId;
}

/**
 * What the cadence counts from, in the issue's words: the last review, or the entry's start (when
 * the student was put on the list, or back on it). A level or cadence change is not a review: it
 * may bring the next review forward, never push it past this anchor plus the cadence.
 */
function reviewAnchor(world: World, entry: { id: string; last_reviewed_at: string | null; created_at: string }): string {
  const times = [entry.created_at];
  if (entry.last_reviewed_at) times.push(entry.last_reviewed_at);
  const listed = world.get<{ at: string | null }>(
    "SELECT max(changed_at) AS at FROM key_attention_history WHERE entry_id = ? AND kind IN ('added','restored')",
    entry.id,
  );
  if (listed?.at) times.push(listed.at);
  return times.sort().at(-1)!;
}

/** The header's count of unacknowledged CRITICAL/URGENT alerts, when the core offers one. */
async function workbenchAlertCount(world: World): Promise<{ critical?: number; urgent?: number } | null> {
  for (const name of ['alerts.counts', 'alerts.count', 'alerts.summary']) {
    if (!world.hasChannel(name)) continue;
    const result = await world.call(name, {});
    if (!result.ok) return { critical: -1, urgent: -1 };
    const value = result.value as Record<string, unknown>;
    const number = (key: string) => (typeof value[key] === 'number' ? (value[key] as number) : undefined);
    return { critical: number('critical') ?? number('CRITICAL'), urgent: number('urgent') ?? number('URGENT') };
  }
  return null;
}

/**
 * Invariant 6: open tasks, open applicable steps of open events and open events whose only
 * owner is a disabled account, or a liaison of another department, must not exist unless the
 * director's 无人负责 list shows them (that is where nobody's work goes until someone takes it).
 * The same for the rest of a disabled account's open work that item 10 names: key-attention
 * entries it is responsible for and census interviews assigned to it.
 */
async function orphanedWork(world: World): Promise<Violation[]> {
  const accounts = new Map(
    world
      .all<{ id: string; disabled: number; roles: string; department: string | null }>('SELECT id, disabled, roles, department FROM accounts')
      .map((a) => [a.id, a]),
  );
  const bad = (accountId: string | null, studentDepartment: string | null): string | null => {
    if (!accountId) return null;
    const account = accounts.get(accountId);
    if (!account) return 'unknown account';
    if (account.disabled) return 'disabled account';
    const roles = JSON.parse(account.roles) as string[];
    if (roles.length === 1 && roles[0] === 'liaison' && account.department !== studentDepartment)
      return `liaison of ${account.department}, student in ${studentDepartment}`;
    return null;
  };
  const suspects: { kind: string; id: string; why: string; label: string }[] = [];
  for (const task of world.all<{ id: string; assigned_to: string | null; department: string | null; title: string }>(
    "SELECT t.id, t.assigned_to, s.department, t.title FROM followup_tasks t JOIN students s ON s.id = t.student_id WHERE t.status = 'open'",
  )) {
    const why = bad(task.assigned_to, task.department);
    if (why) suspects.push({ kind: 'tasks', id: task.id, why, label: `task "${task.title}"` });
  }
  const keptColumn = world.hasColumn('crisis_steps', 'overdue_at_level_change');
  for (const step of world.all<{
    id: string;
    key: string;
    assigned_to: string | null;
    levels: string;
    level: string;
    department: string | null;
    event_no: string;
    overdue_at_level_change?: string | null;
  }>(
    `SELECT s.id, s.key, s.assigned_to, s.levels, e.level, st.department, e.event_no ${keptColumn ? ', s.overdue_at_level_change' : ''}
     FROM crisis_steps s JOIN crisis_events e ON e.id = s.event_id JOIN students st ON st.id = e.student_id
     WHERE e.status <> 'closed' AND s.status = 'open'`,
  )) {
    if (!applies(step, step.level)) continue;
    const why = bad(step.assigned_to, step.department);
    if (why) suspects.push({ kind: 'crisisSteps', id: step.id, why, label: `step ${step.key} of ${step.event_no}` });
  }
  for (const event of world.all<{ id: string; owner_id: string | null; department: string | null; event_no: string }>(
    "SELECT e.id, e.owner_id, st.department, e.event_no FROM crisis_events e JOIN students st ON st.id = e.student_id WHERE e.status <> 'closed'",
  )) {
    const why = bad(event.owner_id, event.department);
    if (why) suspects.push({ kind: 'crisisEvents', id: event.id, why, label: `event ${event.event_no}` });
  }
  // A liaison's step nobody can take: overdue, unassigned, and the student's department has no
  // enabled liaison (item 11: it shows to the event's owner and the director). Overdue as the core's
  // own timers say (grace periods included), read from the event.
  const liaisonDepartments = new Set(
    [...accounts.values()].filter((a) => !a.disabled && (JSON.parse(a.roles) as string[]).includes('liaison')).map((a) => a.department),
  );
  const orphanSteps = world
    .all<{
      id: string;
      key: string;
      event_id: string;
      event_no: string;
      levels: string;
      level: string;
      department: string | null;
      overdue_at_level_change?: string | null;
    }>(
      `SELECT s.id, s.key, s.event_id, e.event_no, s.levels, e.level, st.department ${keptColumn ? ', s.overdue_at_level_change' : ''}
     FROM crisis_steps s JOIN crisis_events e ON e.id = s.event_id JOIN students st ON st.id = e.student_id
     WHERE e.status <> 'closed' AND s.status = 'open' AND s.owner_role = 'liaison' AND s.assigned_to IS NULL`,
    )
    .filter((step) => applies(step, step.level) && !liaisonDepartments.has(step.department));
  if (orphanSteps.length) {
    await world.as('admin01');
    for (const step of orphanSteps) {
      const detail = await world.call('crisis.get', { id: step.event_id });
      const overdue = detail.ok && (detail.value.steps as { id: string; overdue: boolean }[]).some((s) => s.id === step.id && s.overdue);
      if (overdue)
        suspects.push({
          kind: 'crisisSteps',
          id: step.id,
          why: `department without a liaison (${step.department})`,
          label: `overdue liaison step ${step.key} of ${step.event_no}`,
        });
    }
  }
  // The rest of an account's open work (issue 14 item 10): key-attention responsibility, census interviews.
  for (const entry of world.all<{ id: string; counselor: string | null; student_no: string }>(
    "SELECT k.id, json_extract(k.responsible, '$.counselorId') AS counselor, s.student_no FROM key_attention k JOIN students s ON s.id = k.student_id WHERE k.status = 'active'",
  )) {
    if (entry.counselor && accounts.get(entry.counselor)?.disabled)
      suspects.push({ kind: 'keyAttention', id: entry.id, why: 'disabled account', label: `key-attention entry of ${entry.student_no}` });
  }
  for (const followup of world.all<{ id: string; assigned_to: string | null }>(
    "SELECT id, assigned_to FROM census_followups WHERE status = 'pending' AND assigned_to IS NOT NULL",
  )) {
    if (accounts.get(followup.assigned_to!)?.disabled)
      suspects.push({ kind: 'censusFollowups', id: followup.id, why: 'disabled account', label: 'census interview' });
  }
  if (!suspects.length) return [];
  let unowned = new Set<string>();
  const truncated = new Set<string>();
  if (world.hasChannel('followups.unowned')) {
    await world.as('admin01');
    const result = await world.call('followups.unowned', {});
    if (result.ok) {
      const groups = result.value.groups as { kind: string; count: number; items: { kind: string; id: string }[] }[];
      unowned = new Set(groups.flatMap((g) => g.items.map((i) => `${i.kind}:${i.id}`)));
      // A long group lists its first items and counts the rest: the count shows them.
      for (const g of groups) if (g.count > g.items.length) truncated.add(g.kind);
    }
  }
  return suspects
    .filter((s) => !unowned.has(`${s.kind}:${s.id}`) && !truncated.has(s.kind))
    .map((s) => `6: open ${s.label} belongs only to a ${s.why} and is not on the 无人负责 list`);
}

/** Exploration (bench, debugging): run sequences and return each kind of violation once, with its steps. */
export async function collectViolations(options: Omit<SafetyRunOptions, 'shrink'>): Promise<Map<string, string>> {
  collected = new Map();
  try {
    await runSafetyModel({ ...options, shrink: false });
    return collected;
  } finally {
    collected = null;
  }
}

/** Run-level options: a fixed seed in `npm test`, more runs (and shrinking) in the bench. */
export interface SafetyRunOptions {
  seed: number;
  numRuns: number;
  maxCommands: number;
  /** Shrink a failure to its minimal sequence (slow: each attempt replays from a fresh centre). */
  shrink: boolean;
}

export async function runSafetyModel(options: SafetyRunOptions): Promise<{ runs: number; steps: number }> {
  let runs = 0;
  let steps = 0;
  await fc.assert(
    // fc.commands, not a plain array: a failure shrinks to the commands that actually ran before it.
    // size 'max': without it the first runs are biased to a handful of commands.
    fc.asyncProperty(fc.commands([safetyCommand], { maxCommands: options.maxCommands, size: 'max' }), async (commands) => {
      const ts = performance.now();
      const world = await setUpWorld();
      timing.setup += performance.now() - ts;
      try {
        runs += 1;
        await fc.asyncModelRun(() => ({ model: {} as Model, real: world }), commands);
        steps += world.steps.length;
        // At the end of each run: the chain through the channel too, as the director would see it.
        await world.as('admin01');
        const verified = await world.call('audit.verify', {});
        if (!verified.ok || !verified.value.intact) throw new Error(`8: audit.verify: ${JSON.stringify(verified)}`);
        if (process.env.SAFETY_TRACE) console.log(world.log.join('\n'));
      } finally {
        disposeWorld(world);
      }
    }),
    { seed: options.seed, numRuns: options.numRuns, endOnFailure: !options.shrink, verbose: 1 },
  );
  return { runs, steps };
}
