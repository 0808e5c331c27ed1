import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { FollowupPage } from '../../../src-shared/contract/census';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import type { Db } from '../store/unit-of-work';
import { censusFollowups } from '../store/schema/census';
import { batchOpenAlerts, type BatchAlert } from './census-alerts';

export interface FollowupFilter {
  department?: string;
  status?: 'pending' | 'done';
}

/** What the list is ordered by: read for the whole batch (a few columns), the full rows only for what is shown. */
interface Ranked {
  id: string;
  studentId: string;
  urgency: number;
  status: 'pending' | 'done';
  studentNo: string;
  department: string | null;
  /** 0 at risk and not interviewed, 1 interviewed with an alert still unacknowledged, 2 the rest. */
  rank: number;
}

/**
 * At risk: a critical item (urgency 0) or an alert of this batch nobody acknowledged yet. Not yet
 * interviewed, such a student is what the counselor must never miss, so the list puts them first
 * and every page counts them.
 */
function rankOf(row: { urgency: number; status: string }, alerts: readonly BatchAlert[] | undefined): number {
  const alerted = (alerts?.length ?? 0) > 0;
  if (row.status === 'pending' && (row.urgency === 0 || alerted)) return 0;
  // Interviewed, but an alert is still open: it needs acknowledging, so it comes before the calm rows.
  if (alerted) return 1;
  return 2;
}

/** A total order (ties broken by id), so the unpaged list and any walk over its pages agree row by row. */
function compareRanked(a: Ranked, b: Ranked): number {
  return (
    a.rank - b.rank || a.urgency - b.urgency || (a.studentNo < b.studentNo ? -1 : a.studentNo > b.studentNo ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const matches = (filter: FollowupFilter) => (row: Ranked) =>
  (!filter.department || row.department === filter.department) && (!filter.status || row.status === filter.status);

/** What an entry is ranked by, in `rankColumns`' select order. */
type RankValues = [id: string, studentId: string, urgency: number, status: 'pending' | 'done', studentNo: string, department: string | null];

/**
 * What an entry is ranked by: a few columns, read for the whole batch or for one entry. The
 * entries' side comes from `census_followups_batch_status` alone (it holds every column read
 * here), and the rows come back as arrays: drizzle's per-row objects were a third of the list's
 * time at a batch of several thousand students.
 */
function rankValues(db: Db, where: SQL | undefined): RankValues[] {
  return db
    .select({
      id: censusFollowups.id,
      studentId: censusFollowups.studentId,
      urgency: censusFollowups.urgency,
      status: censusFollowups.status,
      studentNo: students.studentNo,
      department: students.department,
    })
    .from(censusFollowups)
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .where(where)
    .values() as RankValues[];
}

/** The entries with their rank, given the batch's open alerts by student. */
function ranked(values: readonly RankValues[], openAlerts: Map<string, BatchAlert[]>): Ranked[] {
  return values.map(([id, studentId, urgency, status, studentNo, department]) => ({
    id,
    studentId,
    urgency,
    status,
    studentNo,
    department,
    rank: rankOf({ urgency, status }, openAlerts.get(studentId)),
  }));
}

/** The whole batch in the list's order, with the batch's open alerts by student. */
function rankedBatch(db: Db, batchId: string) {
  const openAlerts = batchOpenAlerts(db, batchId);
  return { ranked: ranked(rankValues(db, eq(censusFollowups.batchId, batchId)), openAlerts).sort(compareRanked), openAlerts };
}

/** The full rows of these entries, in the given order. */
function fullRows(db: Db, ordered: readonly Ranked[], openAlerts: Map<string, BatchAlert[]>, batchId: string, filter?: FollowupFilter) {
  const conditions = filter
    ? [
        eq(censusFollowups.batchId, batchId),
        filter.department ? eq(students.department, filter.department) : undefined,
        filter.status ? eq(censusFollowups.status, filter.status) : undefined,
      ]
    : [
        eq(censusFollowups.batchId, batchId),
        inArray(
          censusFollowups.id,
          ordered.map((r) => r.id),
        ),
      ];
  const rows = db
    .select({
      followup: censusFollowups,
      student: { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className },
      counselor: { id: accounts.id, displayName: accounts.displayName },
    })
    .from(censusFollowups)
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .leftJoin(accounts, eq(accounts.id, censusFollowups.assignedTo))
    .where(and(...conditions.filter((c) => c !== undefined)))
    .all();
  const byId = new Map(rows.map((row) => [row.followup.id, row]));
  return ordered.flatMap((r) => {
    const row = byId.get(r.id);
    if (!row) return [];
    const { followup, student, counselor } = row;
    return [
      {
        id: followup.id,
        student,
        urgency: followup.urgency,
        reasons: followup.reasons,
        assignedTo: counselor?.id ? { id: counselor.id, displayName: counselor.displayName } : null,
        status: followup.status,
        outcome: followup.outcome,
        note: followup.note,
        interviewedAt: followup.interviewedAt,
        openAlerts: (openAlerts.get(student.id) ?? []).map(({ id, code, level, item }) => ({ id, code, level, item })),
        // The outcome stays on a reopened entry (it is history), while the status says: interview again.
        reopened: followup.status === 'pending' && followup.outcome !== null,
        atRisk: r.rank === 0,
      },
    ];
  });
}

/** The whole interview list of a batch (no paging): at-risk students not yet interviewed first, then by urgency and 学号. */
export function listFollowups(db: Db, batchId: string, filter: FollowupFilter) {
  const { ranked, openAlerts } = rankedBatch(db, batchId);
  return fullRows(db, ranked.filter(matches(filter)), openAlerts, batchId, filter);
}

export type FollowupRow = ReturnType<typeof listFollowups>[number];

/**
 * One page of the list in the same order as `listFollowups`, with the counts that keep paging
 * and filtering honest: how many entries and at-risk students the filters leave, and how many
 * the batch has in all (the screen says what a filter hides).
 */
export function followupPage(db: Db, batchId: string, filter: FollowupFilter, page: { offset: number; limit: number }): FollowupPage {
  const { ranked, openAlerts } = rankedBatch(db, batchId);
  const kept = ranked.filter(matches(filter));
  const shown = kept.slice(page.offset, page.offset + page.limit);
  return {
    rows: shown.length > 0 ? fullRows(db, shown, openAlerts, batchId) : [],
    offset: page.offset,
    limit: page.limit,
    total: kept.length,
    atRiskPending: kept.filter((r) => r.rank === 0).length,
    batchTotal: ranked.length,
    batchAtRiskPending: ranked.filter((r) => r.rank === 0).length,
  };
}

/** One entry as the list shows it (after recording an outcome), without reading the whole batch's rows. */
export function followupEntry(db: Db, batchId: string, followupId: string): FollowupRow | undefined {
  const [values] = rankValues(db, and(eq(censusFollowups.batchId, batchId), eq(censusFollowups.id, followupId)));
  if (!values) return undefined;
  const [, studentId] = values;
  const openAlerts = batchOpenAlerts(db, batchId, studentId);
  return fullRows(db, ranked([values], openAlerts), openAlerts, batchId)[0];
}
