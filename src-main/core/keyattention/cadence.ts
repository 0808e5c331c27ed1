import { addDays } from '../../../src-shared/calendar/calendar-time';

/**
 * The one rule for a key-attention entry's next review (issue 14 item 6). Dates are local
 * YYYY-MM-DD; the anchor is the last review, or when the student was (last) put on the list.
 *
 * - put on the list (added or restored): today + cadence;
 * - reviewed: the review date + cadence. An early review never stretches the gap between two
 *   reviews, and a late one never leaves the student overdue (it counts from the review date,
 *   not from the date it was due);
 * - level or cadence changed (no review happened): the earlier of the review already scheduled
 *   and anchor + the new cadence. A shorter cadence brings the review forward (at once overdue
 *   when the anchor is already that far back: the student was not seen as often as the new level
 *   asks); a longer one never moves a scheduled review later.
 *
 * So an active entry's next review is always at most anchor + cadence.
 */
export type ScheduleChange =
  | { kind: 'listed'; today: string; cadenceDays: number }
  | { kind: 'reviewed'; today: string; cadenceDays: number }
  | { kind: 'rescheduled'; cadenceDays: number; scheduled: string; anchor: string };

export function nextReviewDate(change: ScheduleChange): string {
  switch (change.kind) {
    case 'listed':
    case 'reviewed':
      return addDays(change.today, change.cadenceDays);
    case 'rescheduled': {
      const latest = addDays(change.anchor, change.cadenceDays);
      return change.scheduled < latest ? change.scheduled : latest;
    }
  }
}

/** The latest date an entry's next review may fall on: the anchor plus the cadence (the invariant). */
export function latestReviewDate(anchor: string, cadenceDays: number): string {
  return addDays(anchor, cadenceDays);
}
