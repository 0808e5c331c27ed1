import { and, eq, sql } from 'drizzle-orm';
import { SCL90_FACTORS } from '../../../src-shared/instruments';
import { assessments } from '../store/schema/assessments';
import { students } from '../store/schema/students';
import type { Db } from '../store/unit-of-work';
import { censusFollowups } from '../store/schema/census';
import type { CensusBatchRow } from './census-import';

interface StoredResult {
  instrument: string;
  total: number | null;
  screenPositive: boolean | 'indeterminate' | null;
  factors?: Record<string, number | null>;
  category?: number | null;
}

/** Counts in bins of `width` from `from`, labelled "from-to". */
function histogram(values: number[], from: number, width: number, bins: number) {
  const counts = Array(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - from) / width)))] += 1;
  return counts.map((count, i) => ({ key: `${from + i * width}-${from + (i + 1) * width - 1}`, count }));
}

function tally<T>(values: T[], key: (v: T) => string | null) {
  const map = new Map<string | null, number>();
  for (const v of values) map.set(key(v), (map.get(key(v)) ?? 0) + 1);
  return [...map.entries()].map(([k, count]) => ({ key: k, count })).sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

/**
 * De-identified figures for one batch, computed from the stored results (the scorer's output,
 * with the batch's rules): no name, number or answer leaves this function.
 */
export function censusStatistics(db: Db, batch: CensusBatchRow) {
  const rows = db
    .select({ studentId: assessments.studentId, department: students.department, result: assessments.result })
    .from(assessments)
    .innerJoin(students, eq(students.id, assessments.studentId))
    .where(eq(assessments.censusBatchId, batch.id))
    .all()
    .map((r) => ({ ...r, result: r.result as unknown as StoredResult }));
  const screenedStudents = new Map(rows.map((r) => [r.studentId, r.department]));
  const roster = batch.grade
    ? new Map(
        db
          .select({ department: students.department, n: sql<number>`count(*)` })
          .from(students)
          .where(and(eq(students.grade, batch.grade), eq(students.status, 'enrolled')))
          .groupBy(students.department)
          .all()
          .map((r) => [r.department, Number(r.n)]),
      )
    : null;
  const departments = [...new Set([...screenedStudents.values(), ...(roster?.keys() ?? [])])].sort((a, b) => String(a).localeCompare(String(b)));
  const byInstrument = (id: string) => rows.filter((r) => r.result.instrument === id).map((r) => r.result);
  const scl = byInstrument('scl90');
  const upi = byInstrument('upi');
  const followups = db
    .select({ status: censusFollowups.status, outcome: censusFollowups.outcome })
    .from(censusFollowups)
    .where(eq(censusFollowups.batchId, batch.id))
    .all();
  return {
    batchId: batch.id,
    screened: screenedStudents.size,
    participation: departments.map((department) => ({
      department,
      roster: roster ? (roster.get(department) ?? 0) : null,
      screened: [...screenedStudents.values()].filter((d) => d === department).length,
    })),
    positiveRates: batch.instruments.map((id) => {
      const results = byInstrument(id);
      const positive = id === 'upi' ? results.filter((r) => r.category === 1).length : results.filter((r) => r.screenPositive === true).length;
      return { instrument: id, screened: results.length, positive };
    }),
    scl90Factors: SCL90_FACTORS.map((factor) => {
      const means = scl.map((r) => r.factors?.[factor.id]).filter((m): m is number => typeof m === 'number');
      return {
        factor: factor.id,
        labelZh: factor.labelZh,
        positive: means.filter((m) => m >= 2).length,
        meanOfMeans: means.length ? Math.round((means.reduce((a, b) => a + b, 0) / means.length) * 100) / 100 : null,
      };
    }),
    upiCategories: tally(upi, (r) => (r.category === null || r.category === undefined ? null : String(r.category))),
    distributions: {
      scl90Total: histogram(
        scl.map((r) => r.total).filter((t): t is number => t !== null),
        90,
        40,
        9,
      ),
      upiTotal: histogram(
        upi.map((r) => r.total).filter((t): t is number => t !== null),
        0,
        5,
        12,
      ),
    },
    followups: {
      listed: followups.length,
      done: followups.filter((f) => f.status === 'done').length,
      outcomes: tally(
        followups.filter((f) => f.outcome),
        (f) => f.outcome,
      ),
    },
  };
}
