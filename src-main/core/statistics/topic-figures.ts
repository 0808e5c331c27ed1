import { NOTE_TOPICS } from '../../../src-shared/contract/notes';
import type { StatisticsCell } from '../../../src-shared/contract/statistics';
import { NOTE_TOPIC_LABELS } from '../../../src-shared/labels/note-topic-labels';
import { cell, protectBreakdown } from './suppression';

interface TopicCount {
  key: string | null;
  sessions: number;
  students: number;
}

export interface TopicRow {
  key: string;
  /** The plan's word (Chinese, as the exports use it); the page shows the key's label in its language. */
  label: string;
  sessions: StatisticsCell;
  students: StatisticsCell;
}

/**
 * Sessions by the plan's counseling topics: one row per topic, all seven always (a zero is a
 * figure too), in the plan's order with 其他 last. The names are the plan's, so none of them
 * identifies anyone and no row is merged away; a row tied to fewer than 5 students shows "<5".
 * A session with two topics counts in both rows, yet most have one, so the rows nearly add up to
 * the total: a lone small row is protected like any breakdown (the next smallest is withheld).
 */
export function sessionsByTopic(counted: readonly TopicCount[], suppress: boolean): TopicRow[] {
  const found = new Map(counted.map((row) => [row.key, row]));
  const rows = NOTE_TOPICS.map((key) => {
    const row = found.get(key) ?? { sessions: 0, students: 0 };
    return {
      key,
      label: NOTE_TOPIC_LABELS[key][0],
      sessions: cell(row.sessions, row.students, suppress),
      students: cell(row.students, row.students, suppress),
      raw: row.students,
    };
  });
  return (suppress ? protectBreakdown(rows, ['sessions', 'students'], (r) => r.raw) : rows).map(({ raw: _raw, ...rest }) => rest);
}
