import type { StatisticsPeriod } from '../contract/statistics';

/**
 * The period the statistics page opens on: the semester under way in a month (1–12) of a school
 * year (秋季学期 September to January, 春季学期 February to August). The core computes this view's
 * figures ahead of time (statistics-prefetch.ts), so both sides must name the same period.
 */
export function semesterUnderWay(schoolYear: number, month: number): StatisticsPeriod {
  return { kind: 'semester', schoolYear, term: month >= 9 || month === 1 ? 'autumn' : 'spring' };
}
