import type { CrisisLevel } from '../../../src-shared/contract/crisis';
import { SMALL_CELL_THRESHOLD, type Statistics } from '../../../src-shared/contract/statistics';
import type { ReadSqlite, ReadStatement } from '../store/read-sqlite';
import type { PeriodBounds } from './periods';
import { STATISTICS_SQL } from './statistics-sql';
import { educationFigures } from './education-figures';
import { cell, protectBreakdown, rate } from './suppression';
import { familyContactFigures } from './family-figures';
import { groupFigures } from './group-figures';
import { sessionsByTopic } from './topic-figures';

export interface StatisticsQuery {
  bounds: PeriodBounds;
  department: string | null;
  /** Cells under 5 students become "<5" (leadership on screen, every export). */
  suppress: boolean;
  /** The crisis level scheme, for labels and order (highest first). */
  levels: readonly CrisisLevel[];
}

interface Grouped {
  key: string | null;
  sessions: number;
  students: number;
}

const TRAINING_KINDS = new Set(['training_peer_counselors', 'training_department_counselors']);

/** Statements prepared once per connection: the path runs often and each is a fixed text. */
const prepared = new WeakMap<ReadSqlite, Map<string, ReadStatement>>();
function statement(sqlite: ReadSqlite, name: keyof typeof STATISTICS_SQL) {
  let cache = prepared.get(sqlite);
  if (!cache) prepared.set(sqlite, (cache = new Map()));
  let stmt = cache.get(name);
  if (!stmt) cache.set(name, (stmt = sqlite.prepare(STATISTICS_SQL[name])));
  return stmt;
}

function all<T>(sqlite: ReadSqlite, name: keyof typeof STATISTICS_SQL, params: Record<string, unknown>): T[] {
  return statement(sqlite, name).all(params) as T[];
}
function one<T>(sqlite: ReadSqlite, name: keyof typeof STATISTICS_SQL, params: Record<string, unknown>): T {
  return statement(sqlite, name).get(params) as T;
}

export function listDepartments(sqlite: ReadSqlite): string[] {
  return sqlite
    .prepare<[], { department: string }>(STATISTICS_SQL.departments)
    .all()
    .map((r) => r.department);
}

/** Rows of a breakdown whose rows add up to the shown total, suppressed and protected. */
function breakdown(rows: Grouped[], suppress: boolean, label: (key: string | null) => string | null) {
  const cells = rows.map((r) => ({
    key: r.key,
    label: label(r.key),
    sessions: cell(r.sessions, r.students, suppress),
    students: cell(r.students, r.students, suppress),
    raw: r.students,
  }));
  const protectedRows = suppress ? protectBreakdown(cells, ['sessions', 'students'], (r) => r.raw) : cells;
  return protectedRows.map(({ raw: _raw, ...rest }) => rest);
}

function sessions(sqlite: ReadSqlite, params: Record<string, unknown>, suppress: boolean) {
  const rows = all<Grouped & { dim: 'total' | 'mode' | 'grade' | 'topic'; minutes: number | null }>(sqlite, 'sessions', params);
  const of = (dim: string) => rows.filter((r) => r.dim === dim);
  const total = of('total')[0];
  const byMode = of('mode').sort((a, b) => String(a.key).localeCompare(String(b.key)));
  const byGrade = of('grade').sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
  const totalSuppressed = suppress && total.students > 0 && total.students < SMALL_CELL_THRESHOLD;
  return {
    total: cell(total.sessions, total.students, suppress),
    students: cell(total.students, total.students, suppress),
    hours: totalSuppressed ? null : Math.round((total.minutes ?? 0) / 6) / 10,
    byMode: breakdown(byMode, suppress, (key) => key),
    byTopic: sessionsByTopic(of('topic'), suppress),
    byGrade: breakdown(byGrade, suppress, (key) => key),
  };
}

function crisis(sqlite: ReadSqlite, params: Record<string, unknown>, query: StatisticsQuery) {
  const { suppress, levels } = query;
  const total = one<{ events: number; students: number }>(sqlite, 'crisisTotal', params);
  const found = new Map(all<{ key: string; events: number; students: number }>(sqlite, 'crisisByLevel', params).map((r) => [r.key, r]));
  // Every level of the scheme has a row (a zero is a figure too); unknown keys follow the scheme.
  const keys = [...levels.map((l) => l.key), ...[...found.keys()].filter((k) => !levels.some((l) => l.key === k)).sort()];
  const rows = keys.map((key) => {
    const row = found.get(key) ?? { events: 0, students: 0 };
    return {
      key,
      label: levels.find((l) => l.key === key)?.label ?? key,
      events: cell(row.events, row.students, suppress),
      students: cell(row.students, row.students, suppress),
      raw: row.students,
    };
  });
  const byLevel = (suppress ? protectBreakdown(rows, ['events', 'students'], (r) => r.raw) : rows).map(({ raw: _raw, ...rest }) => rest);
  return { total: cell(total.events, total.students, suppress), students: cell(total.students, total.students, suppress), byLevel };
}

interface BatchScreening {
  id: string;
  name: string;
  grade: string | null;
  forms: { instrument: string | null; screened: number; positive: number | null }[];
  followups: { listed: number; interviewed: number };
}

/** The period's census batches with their forms and interview lists (not their rosters: censusRosters). */
function censusScreening(sqlite: ReadSqlite, params: Record<string, unknown>): BatchScreening[] {
  const batches = all<{ id: string; name: string; grade: string | null }>(sqlite, 'censusBatches', params);
  return batches.map((batch) => {
    const scoped = { ...params, batch: batch.id, grade: batch.grade };
    return {
      ...batch,
      forms: all<BatchScreening['forms'][number]>(sqlite, 'censusForms', scoped),
      followups: one<{ listed: number; interviewed: number }>(sqlite, 'censusFollowups', scoped),
    };
  });
}

/** Each batch's roster: its grade's enrolled students now (null for a batch of no grade), by batch id. */
function censusRosters(sqlite: ReadSqlite, params: Record<string, unknown>): Record<string, number | null> {
  const batches = all<{ id: string; grade: string | null }>(sqlite, 'censusBatches', params);
  return Object.fromEntries(
    batches.map((batch) => [
      batch.id,
      batch.grade === null ? null : one<{ students: number }>(sqlite, 'censusRoster', { ...params, grade: batch.grade }).students,
    ]),
  );
}

function census(screening: BatchScreening[], rosters: Record<string, number | null>, suppress: boolean) {
  return screening.map((batch) => {
    const rosterCount = rosters[batch.id] ?? null;
    const screenedCount = batch.forms.find((r) => r.instrument === null)?.screened ?? 0;
    const roster = rosterCount === null ? null : cell(rosterCount, rosterCount, suppress);
    const screened = cell(screenedCount, screenedCount, suppress);
    return {
      name: batch.name,
      roster,
      screened,
      participationRate: rate(screened, roster),
      positives: batch.forms
        .filter((r): r is { instrument: string; screened: number; positive: number } => r.instrument !== null)
        .sort((a, b) => a.instrument.localeCompare(b.instrument))
        .map((r) => {
          const positive = cell(r.positive, r.positive, suppress);
          const screenedBy = cell(r.screened, r.screened, suppress);
          return { instrument: r.instrument, screened: screenedBy, positive, rate: rate(positive, screenedBy) };
        }),
      listed: cell(batch.followups.listed, batch.followups.listed, suppress),
      interviewed: cell(batch.followups.interviewed, batch.followups.interviewed, suppress),
    };
  });
}

function activities(sqlite: ReadSqlite, params: Record<string, unknown>) {
  const byKind = all<{ kind: string; count: number; participants: number }>(sqlite, 'activities', params).sort((a, b) => a.kind.localeCompare(b.kind));
  const sum = (rows: typeof byKind) => ({ count: rows.reduce((n, r) => n + r.count, 0), participants: rows.reduce((n, r) => n + r.participants, 0) });
  return {
    byKind,
    activities: sum(byKind.filter((r) => !TRAINING_KINDS.has(r.kind))),
    trainings: sum(byKind.filter((r) => TRAINING_KINDS.has(r.kind))),
  };
}

type Params = Record<string, unknown> & { from: string; to: string; startDate: string; endDate: string; dept: string | null };

function pair(sqlite: ReadSqlite, name: 'casesOpened' | 'casesClosed' | 'referrals', params: Params) {
  return one<{ events: number; students: number }>(sqlite, name, params);
}

function keyAttention(sqlite: ReadSqlite, params: Params, suppress: boolean) {
  const students = (name: 'keyAttentionAtEnd' | 'keyAttentionAdded' | 'keyAttentionRemoved') => {
    const n = one<{ students: number }>(sqlite, name, params).students;
    return cell(n, n, suppress);
  };
  return { atEnd: students('keyAttentionAtEnd'), added: students('keyAttentionAdded'), removed: students('keyAttentionRemoved') };
}

/** A part of the figures: the tables its statements read, and how it is computed. */
interface StatisticsPart<T> {
  /**
   * Every table its statements read (an index counts as its table), except those in
   * readsForDepartment: the cache computes the part again after a commit to one of them
   * (statistics-cache.ts). A test reads the statements' query programs and fails when a part
   * reads a table missing here.
   */
  reads: readonly string[];
  /**
   * Tables read only to keep a department's students (studentInDepartment): with no department
   * (the whole school) the statement never reads them, so a student's changed record (a dorm, a
   * phone, a department) does not compute the whole school's crisis or census figures again.
   */
  readsForDepartment?: readonly string[];
  figures: (sqlite: ReadSqlite, params: Params, query: StatisticsQuery) => T;
}

const ONLY_TO_FILTER = ['students'] as const;

export const STATISTICS_PARTS = {
  sessions: { reads: ['session_notes', 'students'], figures: (sqlite, params, q) => sessions(sqlite, params, q.suppress) },
  cases: {
    reads: ['cases'],
    readsForDepartment: ONLY_TO_FILTER,
    figures: (sqlite, params, { suppress }) => {
      const opened = pair(sqlite, 'casesOpened', params);
      const closed = pair(sqlite, 'casesClosed', params);
      return { opened: cell(opened.events, opened.students, suppress), closed: cell(closed.events, closed.students, suppress) };
    },
  },
  crisis: { reads: ['crisis_events'], readsForDepartment: ONLY_TO_FILTER, figures: (sqlite, params, q) => crisis(sqlite, params, q) },
  referrals: {
    reads: ['referrals'],
    readsForDepartment: ONLY_TO_FILTER,
    figures: (sqlite, params, { suppress }) => {
      const referred = pair(sqlite, 'referrals', params);
      return { total: cell(referred.events, referred.students, suppress), students: cell(referred.students, referred.students, suppress) };
    },
  },
  keyAttention: {
    reads: ['key_attention_history'],
    readsForDepartment: ONLY_TO_FILTER,
    figures: (sqlite, params, q) => keyAttention(sqlite, params, q.suppress),
  },
  censusScreening: {
    reads: ['census_batches', 'assessments', 'census_followups'],
    readsForDepartment: ONLY_TO_FILTER,
    figures: (sqlite, params) => censusScreening(sqlite, params),
  },
  censusRosters: { reads: ['census_batches', 'students'], figures: (sqlite, params) => censusRosters(sqlite, params) },
  activities: { reads: ['education_activities'], figures: (sqlite, params) => activities(sqlite, params) },
  groups: { reads: ['group_sessions', 'students'], figures: (sqlite, params, q) => groupFigures(sqlite, params, q.suppress) },
  education: {
    reads: ['training_sessions', 'training_attendance', 'mental_health_courses', 'supervision_sessions', 'accounts', 'students'],
    figures: (sqlite, params, q) => educationFigures(sqlite, params, q.suppress),
  },
  familyContacts: {
    reads: ['family_contacts', 'crisis_notifications', 'crisis_events'],
    readsForDepartment: ONLY_TO_FILTER,
    figures: (sqlite, params, q) => familyContactFigures(sqlite, params, q.suppress),
  },
} satisfies Record<string, StatisticsPart<unknown>>;

type Parts = typeof STATISTICS_PARTS;
export type PartName = keyof Parts;
export type PartFigures<K extends PartName> = ReturnType<Parts[K]['figures']>;

export const PART_NAMES = Object.keys(STATISTICS_PARTS) as PartName[];

/** The tables whose commits make a part of this query compute again. */
export function tablesReadBy(name: PartName, query: StatisticsQuery): readonly string[] {
  const part: StatisticsPart<unknown> = STATISTICS_PARTS[name];
  return query.department === null ? part.reads : [...part.reads, ...(part.readsForDepartment ?? [])];
}

function statisticsParams({ bounds, department }: StatisticsQuery): Params {
  return { from: bounds.fromInstant, to: bounds.toInstant, startDate: bounds.start, endDate: bounds.end, dept: department };
}

/** One part's figures: what the cache keeps and computes again on its own. */
export function computePart<K extends PartName>(sqlite: ReadSqlite, query: StatisticsQuery, name: K): PartFigures<K> {
  const part: StatisticsPart<unknown> = STATISTICS_PARTS[name];
  return part.figures(sqlite, statisticsParams(query), query) as PartFigures<K>;
}

/** The figures of a period, from their parts (each computed, or kept, by `part`). */
export function assembleStatistics(query: StatisticsQuery, part: <K extends PartName>(name: K) => PartFigures<K>): Statistics {
  const { bounds, department, suppress } = query;
  return {
    period: { kind: bounds.kind, start: bounds.start, end: bounds.end, fromTeachingTerm: bounds.fromTeachingTerm },
    department,
    suppressed: suppress,
    sessions: part('sessions'),
    cases: part('cases'),
    crisis: part('crisis'),
    referrals: part('referrals'),
    keyAttention: part('keyAttention'),
    census: census(part('censusScreening'), part('censusRosters'), suppress),
    activities: part('activities'),
    groups: part('groups'),
    education: part('education'),
    familyContacts: part('familyContacts'),
  };
}

/**
 * The figures of one period, from aggregates only. Sessions are the session notes signed by
 * their author (signed, awaiting co-signature or reopened for a correction), dated by when the
 * session took place: an appointment marked done without a record is not counted (it has no
 * mode, length or topics, and a session the center reports must have its record).
 */
export function computeStatistics(sqlite: ReadSqlite, query: StatisticsQuery): Statistics {
  return assembleStatistics(query, (name) => computePart(sqlite, query, name));
}
