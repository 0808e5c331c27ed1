import type { StatisticsCell } from '../../../src-shared/contract/statistics';
import { GROUP_FIGURE_KEYS, GROUP_FIGURE_LABELS, GROUP_FIGURES_TITLE } from '../../../src-shared/labels/group-figure-labels';
import type { ReadSqlite, ReadStatement } from '../store/read-sqlite';
import { cell } from './suppression';

/**
 * 团体辅导 figures of a period: aggregates only, never a group's name, note or member. A session
 * counts by when it was held; with a department, only that department's members count, and a
 * session counts when at least one of them attended it.
 */
export const GROUP_FIGURES_SQL = `WITH held AS MATERIALIZED (
    SELECT g.id AS id, g.group_id AS grp, g.attendance AS attendance FROM group_sessions g
    WHERE g.held_at >= @from AND g.held_at < @to
  ), attended AS MATERIALIZED (
    SELECT h.id AS session, a.value AS student FROM held h, json_each(h.attendance) a
      JOIN students s ON s.id = a.value
    WHERE (@dept IS NULL OR s.department = @dept)
  ), counted AS MATERIALIZED (
    SELECT id, grp FROM held WHERE @dept IS NULL OR id IN (SELECT session FROM attended)
  )
  SELECT (SELECT count(DISTINCT grp) FROM counted) AS groups, (SELECT count(*) FROM counted) AS sessions,
    (SELECT count(DISTINCT student) FROM attended) AS members, (SELECT count(*) FROM attended) AS memberSessions`;

export interface GroupFigures {
  /** Groups that met in the period. */
  groups: StatisticsCell;
  /** Group sessions held. */
  sessions: StatisticsCell;
  /** Distinct students who attended at least one of them. */
  members: StatisticsCell;
  /** Attendances (人次): a student at three sessions counts three. */
  memberSessions: StatisticsCell;
}

const statements = new WeakMap<ReadSqlite, ReadStatement>();

/**
 * Every figure is tied to the students who attended: with fewer than 5 of them, all four show
 * "<5" (a count of sessions of 3 students is as identifying as the 3 students).
 */
export function groupFigures(sqlite: ReadSqlite, params: Record<string, unknown>, suppress: boolean): GroupFigures {
  let statement = statements.get(sqlite);
  if (!statement) statements.set(sqlite, (statement = sqlite.prepare(GROUP_FIGURES_SQL)));
  const row = statement.get({ from: params.from, to: params.to, dept: params.dept }) as {
    groups: number;
    sessions: number;
    members: number;
    memberSessions: number;
  };
  const of = (count: number) => cell(count, row.members, suppress);
  return { groups: of(row.groups), sessions: of(row.sessions), members: of(row.members), memberSessions: of(row.memberSessions) };
}

/** The figures as [label, value] rows of the Chinese exports (statistics and work report). */
export function groupFigureRows(figures: GroupFigures): [string, StatisticsCell][] {
  return GROUP_FIGURE_KEYS.map((key) => [`${GROUP_FIGURES_TITLE[0]}：${GROUP_FIGURE_LABELS[key][0]}`, figures[key]]);
}
