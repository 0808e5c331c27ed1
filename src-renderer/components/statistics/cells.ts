import type { StatisticsCell } from '../../../src-shared/contract/statistics';

/** What a cell shows: the number, "<5", or "—" for a withheld one. */
export function cellText(cell: StatisticsCell | null | undefined): string {
  return cell === null || cell === undefined ? '—' : String(cell);
}

/** A chart draws only exact numbers: a suppressed cell has no bar. */
export function chartValue(cell: StatisticsCell): number | null {
  return typeof cell === 'number' ? cell : null;
}

export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${rate}%`;
}
