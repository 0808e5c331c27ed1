import { SMALL_CELL, SMALL_CELL_THRESHOLD, WITHHELD_CELL, type StatisticsCell } from '../../../src-shared/contract/statistics';

/**
 * Small-cell suppression, done here so an exact small number never leaves the core for a view
 * that must not see it. A cell is small when it is tied to 1–4 distinct students (a count of
 * sessions or events by 2 students is as identifying as the 2 students themselves); 0 stays 0.
 */
export function cell(count: number, students: number, suppress: boolean): StatisticsCell {
  return suppress && students > 0 && students < SMALL_CELL_THRESHOLD ? SMALL_CELL : count;
}

/**
 * Complementary suppression for a breakdown whose rows add up to a total that is shown (sessions
 * by mode or grade, events by level): when exactly one row is suppressed, the total minus the
 * others would give it back, so the next smallest non-zero row is withheld too ("—").
 */
export function protectBreakdown<R>(rows: R[], columns: (keyof R)[], studentsOf: (row: R) => number): R[] {
  const small = rows.filter((row) => columns.some((column) => row[column] === SMALL_CELL));
  if (small.length !== 1) return rows;
  const candidates = rows.filter((row) => !small.includes(row) && studentsOf(row) > 0).sort((a, b) => studentsOf(a) - studentsOf(b));
  const partner = candidates[0];
  if (!partner) return rows;
  return rows.map((row) => (row === partner ? { ...row, ...Object.fromEntries(columns.map((column) => [column, WITHHELD_CELL])) } : row));
}

/** A percentage with one decimal, or null when the numerator is suppressed or nothing was counted. */
export function rate(numerator: StatisticsCell, denominator: StatisticsCell | null): number | null {
  if (typeof numerator !== 'number' || typeof denominator !== 'number' || denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}
