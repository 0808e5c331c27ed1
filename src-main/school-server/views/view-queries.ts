import { DEFAULT_CRISIS_LEVELS } from '../../../src-shared/contract/crisis';
import { stepTimers } from '../../core/crisis/timers';
import type { ProfileStatus } from '../receiver';
import { NOT_SHADOWED } from './merged-key-attention';
import type { ReceiverStore } from '../store';
import type {
  DepartmentCensusStudent,
  DepartmentStudent,
  KeyAttentionHolder,
  MergedKeyAttention,
  MergedStudent,
  OpenCrisisEvent,
  SchoolStatistics,
  StudentConflict,
  StudentRef,
  SuppressedCount,
  WorkstationHealth,
} from '../../../src-shared/school-server-api';

/**
 * The views' reads, over the projections only (view-tables.ts): no query here can reach a sealed
 * row. Where a student's basic data has not arrived (a bundle with the student is still missing),
 * the entry is kept and shown without a name, never dropped: a student at risk stays visible.
 */

/** Position in the level scheme (0 = highest); an unknown key ranks after every known one. */
function levelRank(level: string | null): number {
  const index = DEFAULT_CRISIS_LEVELS.findIndex((l) => l.key === level);
  return index === -1 ? DEFAULT_CRISIS_LEVELS.length : index;
}

/** The open events' rows and their open steps, as the projections hold them (no clock involved). */
export async function openCrisisRows(store: ReceiverStore) {
  const events = await store.all<{
    workstation_id: string;
    event_id: string;
    event_no: string | null;
    level: string | null;
    status: string | null;
    discovered_at: string | null;
    student_no: string | null;
    name: string | null;
    department: string | null;
    class_name: string | null;
    owner_name: string | null;
  }>(
    `SELECT e.workstation_id, e.event_id, e.event_no, e.level, e.status, e.discovered_at,
            s.student_no, s.name, s.department, s.class_name, a.display_name AS owner_name
     FROM view_crisis_events e
     LEFT JOIN view_students s ON s.workstation_id = e.workstation_id AND s.local_id = e.student_local_id
     LEFT JOIN view_accounts a ON a.workstation_id = e.workstation_id AND a.account_id = e.owner_id
     WHERE e.status IS NULL OR e.status <> 'closed'`,
  );
  const steps = await store.all<{
    workstation_id: string;
    event_id: string;
    step_id: string;
    due_minutes: number | null;
    levels: string;
    status: string;
    overdue_at_level_change: string | null;
  }>(`SELECT workstation_id, event_id, step_id, due_minutes, levels, status, overdue_at_level_change FROM view_crisis_steps WHERE status = 'open'`);
  return { events, steps };
}

export type OpenCrisisRows = Awaited<ReturnType<typeof openCrisisRows>>;

export async function openCrisisEvents(store: ReceiverStore, now: Date): Promise<OpenCrisisEvent[]> {
  return crisisEventsAt(await openCrisisRows(store), now);
}

/** The open events as of `now`: overdue steps counted on the clock, most urgent first. */
export function crisisEventsAt({ events, steps }: OpenCrisisRows, now: Date): OpenCrisisEvent[] {
  const stepsByEvent = new Map<string, typeof steps>();
  for (const step of steps) {
    const key = `${step.workstation_id}\u0000${step.event_id}`;
    const list = stepsByEvent.get(key) ?? [];
    list.push(step);
    stepsByEvent.set(key, list);
  }
  const result = events.map((e): OpenCrisisEvent => {
    const own = stepsByEvent.get(`${e.workstation_id}\u0000${e.event_id}`) ?? [];
    const timers = e.discovered_at
      ? stepTimers(
          { discoveredAt: e.discovered_at, level: e.level ?? '', status: e.status === 'closing' ? 'closing' : 'open' },
          own.map((s) => ({
            id: s.step_id,
            dueMinutes: s.due_minutes === null ? null : Number(s.due_minutes),
            levels: JSON.parse(s.levels) as string[],
            status: 'open' as const,
            overdueAtLevelChange: s.overdue_at_level_change,
          })),
          now,
        )
      : new Map();
    return {
      workstationId: e.workstation_id,
      eventNo: e.event_no,
      student: { studentNo: e.student_no, name: e.name, department: e.department, className: e.class_name },
      level: e.level,
      status: e.status,
      responsible: e.owner_name,
      discoveredAt: e.discovered_at,
      overdueSteps: [...timers.values()].filter((t) => t.overdue).length,
    };
  });
  // Most urgent first: overdue steps, then the level, then the oldest discovery.
  return result.sort(
    (a, b) => b.overdueSteps - a.overdueSteps || levelRank(a.level) - levelRank(b.level) || (a.discoveredAt ?? '').localeCompare(b.discoveredAt ?? ''),
  );
}

/**
 * One student across workstations, keyed by 学号: the most recently changed record wins for basic
 * data only, and any field on which the workstations disagree is reported, not hidden.
 */
export async function mergedStudents(store: ReceiverStore, studentNos?: readonly string[]): Promise<Map<string, MergedStudent>> {
  type StudentRow = {
    workstation_id: string;
    student_no: string;
    name: string | null;
    department: string | null;
    class_name: string | null;
    changed_at: string | null;
  };
  const columns = 'SELECT workstation_id, student_no, name, department, class_name, changed_at FROM view_students';
  let rows: StudentRow[] = [];
  if (studentNos) {
    // Only the students asked for (by 学号, in chunks): the whole table is far larger than any list.
    const unique = [...new Set(studentNos)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      rows = rows.concat(await store.all<StudentRow>(`${columns} WHERE student_no IN (${chunk.map(() => '?').join(', ')})`, chunk));
    }
  } else {
    rows = await store.all<StudentRow>(`${columns} WHERE student_no IS NOT NULL`);
  }
  const wanted = studentNos ? new Set(studentNos) : null;
  const grouped = new Map<string, typeof rows>();
  for (const row of rows) if (!wanted || wanted.has(row.student_no)) grouped.set(row.student_no, [...(grouped.get(row.student_no) ?? []), row]);
  const merged = new Map<string, MergedStudent>();
  for (const [studentNo, records] of grouped) {
    const newest = [...records].sort((a, b) => (b.changed_at ?? '').localeCompare(a.changed_at ?? ''))[0];
    const conflicts: StudentConflict[] = [];
    for (const [field, column] of [
      ['name', 'name'],
      ['department', 'department'],
      ['className', 'class_name'],
    ] as const) {
      const byValue = new Map<string | null, string[]>();
      for (const r of records) byValue.set(r[column], [...(byValue.get(r[column]) ?? []), r.workstation_id]);
      if (byValue.size > 1) conflicts.push({ field, values: [...byValue.entries()].map(([value, workstations]) => ({ value, workstations })) });
    }
    merged.set(studentNo, {
      student: { studentNo, name: newest.name, department: newest.department, className: newest.class_name },
      sources: records.map((r) => ({ workstationId: r.workstation_id, changedAt: r.changed_at })),
      conflicts,
    });
  }
  return merged;
}

interface KeyAttentionRow {
  workstation_id: string;
  entry_id: string;
  profile: string;
  student_local_id: string | null;
  student_no: string | null;
  name: string | null;
  department: string | null;
  class_name: string | null;
  level: string | null;
  next_review_on: string | null;
  counselor_name: string | null;
  merged_key: string | null;
  s_no: string | null;
  s_name: string | null;
  s_department: string | null;
  s_class: string | null;
  account_name: string | null;
}

async function activeKeyAttention(store: ReceiverStore, where = '', params: readonly unknown[] = []): Promise<KeyAttentionRow[]> {
  return store.all<KeyAttentionRow>(
    `SELECT k.workstation_id, k.entry_id, k.profile, k.student_local_id, k.student_no, k.name, k.department, k.class_name, k.level,
            k.next_review_on, k.counselor_name, k.merged_key, s.student_no AS s_no, s.name AS s_name, s.department AS s_department,
            s.class_name AS s_class, a.display_name AS account_name
     FROM view_key_attention k
     LEFT JOIN view_students s ON k.profile = 'full' AND s.workstation_id = k.workstation_id AND s.local_id = k.student_local_id
     LEFT JOIN view_accounts a ON a.workstation_id = k.workstation_id AND a.account_id = k.counselor_id
     WHERE (k.status IS NULL OR k.status <> 'removed') ${where}`,
    params,
  );
}

/**
 * Entries merged per student: the highest level wins, the earliest next review counts, and every
 * holder is listed. An entry of the full profile and the departments roster from the same
 * workstation is one holder. Keyed like the merged projection (merged-key-attention.ts).
 */
async function mergeEntries(
  store: ReceiverStore,
  rows: readonly KeyAttentionRow[],
  today: string,
  keyOf: (row: KeyAttentionRow, studentNo: string | null) => string = (row, studentNo) => studentNo ?? `#${row.workstation_id}#${row.entry_id}`,
): Promise<Map<string, MergedKeyAttention>> {
  const seen = new Set<string>();
  const byStudent = new Map<string, MergedKeyAttention>();
  for (const row of [...rows].sort((a, b) => (a.profile === 'full' ? 0 : 1) - (b.profile === 'full' ? 0 : 1))) {
    const entryKey = `${row.workstation_id}\u0000${row.entry_id}`;
    if (seen.has(entryKey)) continue;
    seen.add(entryKey);
    const student: StudentRef = {
      studentNo: row.s_no ?? row.student_no,
      name: row.s_name ?? row.name,
      department: row.s_department ?? row.department,
      className: row.s_class ?? row.class_name,
    };
    // Without a 学号 yet, the entry stands alone rather than vanish or merge with a stranger.
    const studentKey = keyOf(row, student.studentNo);
    const holder: KeyAttentionHolder = {
      workstationId: row.workstation_id,
      level: row.level,
      responsible: row.account_name ?? row.counselor_name,
      nextReviewOn: row.next_review_on,
      overdue: row.next_review_on !== null && row.next_review_on < today,
    };
    const merged = byStudent.get(studentKey) ?? { student, conflicts: [], level: null, nextReviewOn: null, overdue: false, heldBy: [] };
    merged.heldBy.push(holder);
    if (merged.level === null || levelRank(holder.level) < levelRank(merged.level)) merged.level = holder.level;
    if (holder.nextReviewOn && (!merged.nextReviewOn || holder.nextReviewOn < merged.nextReviewOn)) merged.nextReviewOn = holder.nextReviewOn;
    merged.overdue ||= holder.overdue;
    byStudent.set(studentKey, merged);
  }
  const students = await mergedStudents(
    store,
    [...byStudent.values()].flatMap((m) => (m.student.studentNo ? [m.student.studentNo] : [])),
  );
  for (const merged of byStudent.values()) {
    const known = merged.student.studentNo ? students.get(merged.student.studentNo) : undefined;
    if (known) {
      merged.student = known.student;
      merged.conflicts = known.conflicts;
    }
  }
  return byStudent;
}

/** Overdue first, then the highest level, then by 学号 (students without one first: they need a look). */
function compareMerged(a: MergedKeyAttention, b: MergedKeyAttention): number {
  const no = (m: MergedKeyAttention) => m.student.studentNo ?? '';
  return Number(b.overdue) - Number(a.overdue) || levelRank(a.level) - levelRank(b.level) || (no(a) < no(b) ? -1 : no(a) > no(b) ? 1 : 0);
}

/** The key-attention list of every workstation, one line per student (by 学号), computed from every entry. */
export async function mergedKeyAttention(store: ReceiverStore, today: string): Promise<MergedKeyAttention[]> {
  return [...(await mergeEntries(store, await activeKeyAttention(store), today)).values()].sort(compareMerged);
}

export interface KeyAttentionPage {
  students: MergedKeyAttention[];
  /** Students on the merged list, and how many of them are overdue for review: a page never hides how many there are. */
  total: number;
  overdue: number;
  offset: number;
  limit: number;
}

/**
 * One page of the merged list, in the same order, read from the merged projection: the page's
 * students are chosen by index, then only their entries are merged.
 */
export async function keyAttentionPage(store: ReceiverStore, today: string, offset: number, limit: number): Promise<KeyAttentionPage> {
  const keys = await store.all<{ student_key: string }>(
    `SELECT student_key FROM view_key_attention_students
     ORDER BY CASE WHEN next_review_on < ? THEN 0 ELSE 1 END, level_rank, COALESCE(student_no, ''), student_key
     LIMIT ? OFFSET ?`,
    [today, limit, offset],
  );
  const [counts] = await store.all<{ total: number; overdue: number | null }>(
    `SELECT COUNT(*) AS total, SUM(CASE WHEN next_review_on < ? THEN 1 ELSE 0 END) AS overdue FROM view_key_attention_students`,
    [today],
  );
  const wanted = keys.map((k) => k.student_key);
  const merged = wanted.length
    ? await mergeEntries(
        store,
        await activeKeyAttention(store, `AND ${NOT_SHADOWED} AND k.merged_key IN (${wanted.map(() => '?').join(', ')})`, wanted),
        today,
        (row) => row.merged_key ?? '',
      )
    : new Map<string, MergedKeyAttention>();
  return {
    students: wanted.flatMap((key) => merged.get(key) ?? []),
    total: Number(counts?.total ?? 0),
    overdue: Number(counts?.overdue ?? 0),
    offset,
    limit,
  };
}

/** Students on the merged list per level (the highest level each holds), from the merged projection. */
async function keyAttentionByLevel(store: ReceiverStore): Promise<[string, number][]> {
  const rows = await store.all<{ level: string | null; n: number }>('SELECT level, COUNT(*) AS n FROM view_key_attention_students GROUP BY level');
  return rows.map((r) => [r.level ?? '', Number(r.n)]);
}

/** The 院系 view: only the departments roster (no reasons or scores by construction), one department. */
export async function departmentKeyAttention(store: ReceiverStore, department: string, today: string): Promise<DepartmentStudent[]> {
  const rows = await activeKeyAttention(store, `AND k.profile = 'departments' AND k.department = ?`, [department]);
  // One line per student however many workstations hold them, as on the director's page: the
  // highest level and its counselor, the earliest review, overdue when any holder is. No 学号 yet:
  // the entry keeps its own line rather than merge with a stranger.
  const byStudent = new Map<string, DepartmentStudent>();
  for (const row of rows) {
    const line: DepartmentStudent = {
      student: { studentNo: row.student_no, name: row.name, department: row.department, className: row.class_name },
      level: row.level,
      nextReviewOn: row.next_review_on,
      overdue: row.next_review_on !== null && row.next_review_on < today,
      responsible: row.counselor_name,
      workstations: 1,
    };
    const key = row.student_no ?? `#${row.workstation_id}#${row.entry_id}`;
    const merged = byStudent.get(key);
    if (!merged) {
      byStudent.set(key, line);
      continue;
    }
    merged.workstations = (merged.workstations ?? 1) + 1;
    if (levelRank(line.level) < levelRank(merged.level)) {
      merged.level = line.level;
      merged.responsible = line.responsible ?? merged.responsible;
    }
    if (line.nextReviewOn && (!merged.nextReviewOn || line.nextReviewOn < merged.nextReviewOn)) merged.nextReviewOn = line.nextReviewOn;
    merged.overdue ||= line.overdue;
  }
  return [...byStudent.values()].sort((a, b) => Number(b.overdue) - Number(a.overdue) || levelRank(a.level) - levelRank(b.level));
}

function suppress(count: number): SuppressedCount {
  return count > 0 && count < 5 ? '<5' : count;
}

/**
 * School-wide figures of a calendar year across workstations, from the projections; the small-cell
 * rule is applied after merging, so five students spread over five PCs are counted as five.
 */
export async function schoolStatistics(store: ReceiverStore, year: number, today: string): Promise<SchoolStatistics> {
  const events = await store.all<{ level: string | null; n: number }>(
    `SELECT level, COUNT(*) AS n FROM view_crisis_events WHERE discovered_at >= ? AND discovered_at < ? GROUP BY level`,
    [`${year}-01-01`, `${year + 1}-01-01`],
  );
  const workstations = await store.all<{ n: number }>('SELECT COUNT(DISTINCT workstation_id) AS n FROM positions WHERE last_seq > 0');
  const byLevel = (pairs: [string, number][]) =>
    pairs.sort((a, b) => levelRank(a[0]) - levelRank(b[0])).map(([level, count]) => ({ level, count: suppress(count) }));
  return {
    year,
    workstations: Number(workstations[0]?.n ?? 0),
    crisisEventsByLevel: byLevel(events.map((e) => [e.level ?? '', Number(e.n)])),
    keyAttentionByLevel: byLevel(await keyAttentionByLevel(store)),
    ...(await activityFigures(store, year)),
  };
}

/** One key per student across workstations: the 学号 when known, else the workstation's own id (never merged with a stranger). */
const studentKey = (row: { workstation_id: string; student_local_id: string | null; student_no: string | null }) =>
  row.student_no ?? `${row.workstation_id}\u0000${row.student_local_id}`;

/** Cases, sessions, referrals and census figures of a year, merged across workstations before the small-cell rule. */
async function activityFigures(store: ReceiverStore, year: number) {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const cases = await store.all<{ n: number }>('SELECT COUNT(*) AS n FROM view_cases WHERE opened_at >= ? AND opened_at < ?', [from, to]);
  const sessions = await store.all<{ workstation_id: string; student_local_id: string | null; student_no: string | null }>(
    `SELECT n.workstation_id, c.student_local_id, s.student_no
     FROM view_sessions n
     LEFT JOIN view_cases c ON c.workstation_id = n.workstation_id AND c.case_id = n.case_id
     LEFT JOIN view_students s ON s.workstation_id = c.workstation_id AND s.local_id = c.student_local_id
     WHERE n.session_at >= ? AND n.session_at < ?`,
    [from, to],
  );
  const referrals = await store.all<{ n: number }>('SELECT COUNT(*) AS n FROM view_referrals WHERE created_at >= ? AND created_at < ?', [from, to]);
  const census = await store.all<{ workstation_id: string; student_local_id: string | null; student_no: string | null; status: string | null }>(
    `SELECT c.workstation_id, c.student_local_id, s.student_no, c.status
     FROM view_census c LEFT JOIN view_students s ON s.workstation_id = c.workstation_id AND s.local_id = c.student_local_id
     WHERE c.created_at >= ? AND c.created_at < ?`,
    [from, to],
  );
  return {
    casesOpened: suppress(Number(cases[0]?.n ?? 0)),
    studentsCounseled: suppress(new Set(sessions.map(studentKey)).size),
    sessions: suppress(sessions.length),
    referrals: suppress(Number(referrals[0]?.n ?? 0)),
    censusListed: suppress(new Set(census.map(studentKey)).size),
    censusInterviewed: suppress(new Set(census.filter((c) => c.status === 'done').map(studentKey)).size),
  };
}

/**
 * The 院系 view's census status: each student of the department on an interview list of any
 * workstation, listed and interviewed or not (one student by 学号; interviewed on any PC counts).
 */
export async function departmentCensus(store: ReceiverStore, department: string): Promise<DepartmentCensusStudent[]> {
  const rows = await store.all<{ student_no: string | null; name: string | null; department: string | null; class_name: string | null; status: string | null }>(
    `SELECT s.student_no, s.name, s.department, s.class_name, c.status
     FROM view_census c JOIN view_students s ON s.workstation_id = c.workstation_id AND s.local_id = c.student_local_id
     WHERE s.department = ?`,
    [department],
  );
  const byStudent = new Map<string, DepartmentCensusStudent>();
  for (const r of rows) {
    const key = r.student_no ?? `${r.name}`;
    const found = byStudent.get(key) ?? {
      student: { studentNo: r.student_no, name: r.name, department: r.department, className: r.class_name },
      listed: true,
      interviewed: false,
    };
    found.interviewed ||= r.status === 'done';
    byStudent.set(key, found);
  }
  // Not yet interviewed first: that is what the department can help with.
  return [...byStudent.values()].sort(
    (a, b) => Number(a.interviewed) - Number(b.interviewed) || (a.student.studentNo ?? '').localeCompare(b.student.studentNo ?? ''),
  );
}

/** Export health per workstation, from the receiver's status (positions, pending bundles, gaps). */
export function workstationHealth(status: readonly ProfileStatus[], now: Date, staleDays = 7): WorkstationHealth[] {
  const byWorkstation = new Map<string, ProfileStatus[]>();
  for (const s of status) byWorkstation.set(s.workstationId, [...(byWorkstation.get(s.workstationId) ?? []), s]);
  return [...byWorkstation.entries()].map(([workstationId, profiles]) => {
    const lastAppliedAt =
      profiles
        .map((p) => p.updatedAt)
        .filter((t): t is string => t !== null)
        .sort()
        .at(-1) ?? null;
    const daysSinceLastExport = lastAppliedAt ? Math.floor((now.getTime() - new Date(lastAppliedAt).getTime()) / 86_400_000) : null;
    const gaps = profiles.some((p) => p.gaps.length > 0);
    return {
      workstationId,
      profiles: profiles.map((p) => ({ profile: p.profile, lastSeq: p.lastSeq, lastAppliedAt: p.updatedAt, pending: p.pending.length, gaps: p.gaps })),
      lastAppliedAt,
      daysSinceLastExport,
      attention: gaps || daysSinceLastExport === null || daysSinceLastExport > staleDays,
    };
  });
}
