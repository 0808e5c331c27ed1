import { addDays, type TeachingTerm, zonedInstant } from '../../../src-shared/calendar/calendar-time';
import type { StatisticsPeriod } from '../../../src-shared/contract/statistics';

/** A period as local dates (both included) and as the UTC instants that bound it (end exclusive). */
export interface PeriodBounds {
  kind: StatisticsPeriod['kind'];
  start: string;
  end: string;
  fromInstant: string;
  toInstant: string;
  fromTeachingTerm: boolean;
}

type Term = 'autumn' | 'spring';
interface Span {
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/** Chinese defaults: 秋季学期 Sep 1 – Jan 31, 春季学期 Feb 1 – Jul 31 (school year Sep 1 – Aug 31). */
function defaultSemester(schoolYear: number, term: Term): Span {
  return term === 'autumn'
    ? { start: `${schoolYear}-09-01`, end: `${schoolYear + 1}-01-31` }
    : { start: `${schoolYear + 1}-02-01`, end: `${schoolYear + 1}-07-31` };
}

/**
 * The semester the configured 教学周 term belongs to: a term starting from August to January is
 * an autumn term, one starting from February to July a spring term.
 */
function teachingSemester(teaching: TeachingTerm): { schoolYear: number; term: Term; span: Span } {
  const [year, month] = teaching.firstMonday.split('-').map(Number);
  const span = { start: teaching.firstMonday, end: addDays(teaching.firstMonday, teaching.weeks * 7 - 1) };
  if (month >= 8) return { schoolYear: year, term: 'autumn', span };
  if (month === 1) return { schoolYear: year - 1, term: 'autumn', span };
  return { schoolYear: year - 1, term: 'spring', span };
}

const next = (schoolYear: number, term: Term): [number, Term] => (term === 'autumn' ? [schoolYear, 'spring'] : [schoolYear + 1, 'autumn']);
const previous = (schoolYear: number, term: Term): [number, Term] => (term === 'autumn' ? [schoolYear - 1, 'spring'] : [schoolYear, 'autumn']);

/**
 * A semester's dates. The default window always counts; a configured teaching term that starts
 * earlier or runs longer stretches its own semester over its weeks (a term starting Aug 25 or
 * ending Feb 14), and the neighbouring semester gives up those days so no day counts twice.
 */
export function semesterSpan(schoolYear: number, term: Term, teaching: TeachingTerm | null): Span & { fromTeachingTerm: boolean } {
  const base = defaultSemester(schoolYear, term);
  if (!teaching) return { ...base, fromTeachingTerm: false };
  const configured = teachingSemester(teaching);
  const is = ([y, t]: [number, Term]) => configured.schoolYear === y && configured.term === t;
  if (is([schoolYear, term])) {
    const span = { start: earlier(base.start, configured.span.start), end: later(base.end, configured.span.end) };
    return { ...span, fromTeachingTerm: true };
  }
  let { start, end } = base;
  if (is(next(schoolYear, term)) && configured.span.start <= end) end = addDays(configured.span.start, -1);
  if (is(previous(schoolYear, term)) && configured.span.end >= start) start = addDays(configured.span.end, 1);
  return { start, end, fromTeachingTerm: start !== base.start || end !== base.end };
}

/** The school year runs from its autumn semester's first day to the day before the next one's. */
function schoolYearSpan(schoolYear: number, teaching: TeachingTerm | null): Span & { fromTeachingTerm: boolean } {
  const autumn = semesterSpan(schoolYear, 'autumn', teaching);
  const following = semesterSpan(schoolYear + 1, 'autumn', teaching);
  return { start: autumn.start, end: addDays(following.start, -1), fromTeachingTerm: autumn.fromTeachingTerm || following.fromTeachingTerm };
}

function monthSpan(year: number, month: number): Span {
  const start = `${year}-${pad(month)}-01`;
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return { start, end: addDays(nextMonth, -1) };
}

export function resolvePeriod(period: StatisticsPeriod, teaching: TeachingTerm | null, zone: string): PeriodBounds {
  const span =
    period.kind === 'month'
      ? { ...monthSpan(period.year, period.month), fromTeachingTerm: false }
      : period.kind === 'semester'
        ? semesterSpan(period.schoolYear, period.term, teaching)
        : schoolYearSpan(period.schoolYear, teaching);
  return {
    kind: period.kind,
    start: span.start,
    end: span.end,
    fromInstant: zonedInstant(span.start, '00:00', zone).toISOString(),
    toInstant: zonedInstant(addDays(span.end, 1), '00:00', zone).toISOString(),
    fromTeachingTerm: span.fromTeachingTerm,
  };
}

/** The school year a local date falls in (September starts a new one). */
export function schoolYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 9 ? year : year - 1;
}
