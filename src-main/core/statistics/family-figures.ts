import { FAMILY_CONTACT_WAYS, type FamilyContactFigures } from '../../../src-shared/contract/family';
import type { ReadSqlite, ReadStatement } from '../store/read-sqlite';
import { studentInDepartment } from './statistics-sql';
import { cell, protectBreakdown } from './suppression';

/**
 * 家校沟通 figures of a period: recorded contacts and the crisis events' guardian notifications
 * (the same union the log shows), by way, with the students reached. Aggregates only: never a
 * name, what was said or a purpose. A crisis notification's 短信/微信 counts as 微信, a letter as 书面.
 */
export const FAMILY_FIGURES_SQL = `WITH contacts AS MATERIALIZED (
    SELECT f.student_id AS student, f.way AS way FROM family_contacts f
    WHERE f.contacted_at >= @from AND f.contacted_at < @to AND ${studentInDepartment('f.student_id')}
    UNION ALL
    SELECT e.student_id, CASE n.method WHEN 'message' THEN 'wechat' WHEN 'letter' THEN 'written' ELSE n.method END
    FROM crisis_notifications n JOIN crisis_events e ON e.id = n.event_id
    WHERE n.recipient_kind = 'guardian' AND n.notified_at >= @from AND n.notified_at < @to AND ${studentInDepartment('e.student_id')}
  )
  SELECT NULL AS way, count(*) AS contacts, count(DISTINCT student) AS students FROM contacts
  UNION ALL SELECT way, count(*), count(DISTINCT student) FROM contacts GROUP BY way`;

const statements = new WeakMap<ReadSqlite, ReadStatement>();

export function familyContactFigures(sqlite: ReadSqlite, params: Record<string, unknown>, suppress: boolean): FamilyContactFigures {
  let statement = statements.get(sqlite);
  if (!statement) statements.set(sqlite, (statement = sqlite.prepare(FAMILY_FIGURES_SQL)));
  const rows = statement.all({ from: params.from, to: params.to, dept: params.dept }) as { way: string | null; contacts: number; students: number }[];
  const total = rows.find((r) => r.way === null) ?? { contacts: 0, students: 0 };
  // Every way has a row (a zero is a figure too); the rows add up to the total, so one small row is protected.
  const byWay = FAMILY_CONTACT_WAYS.map((key) => {
    const row = rows.find((r) => r.way === key) ?? { contacts: 0, students: 0 };
    return { key, contacts: cell(row.contacts, row.students, suppress), students: cell(row.students, row.students, suppress), raw: row.students };
  });
  return {
    contacts: cell(total.contacts, total.students, suppress),
    students: cell(total.students, total.students, suppress),
    byWay: (suppress ? protectBreakdown(byWay, ['contacts', 'students'], (r) => r.raw) : byWay).map(({ raw: _raw, ...rest }) => rest),
  };
}

const WAY_ZH: Record<string, string> = { phone: '电话', in_person: '面谈', wechat: '微信', written: '书面', other: '其他' };

/** The figures as a sheet of the Chinese exports (statistics and work report). */
export function familyContactSheet(figures: FamilyContactFigures): [name: string, header: string[], rows: (string | number)[][]] {
  return [
    '家校沟通',
    ['方式', '沟通次数', '涉及学生数'],
    [...figures.byWay.map((r) => [WAY_ZH[r.key] ?? r.key, r.contacts, r.students]), ['合计', figures.contacts, figures.students]],
  ];
}
