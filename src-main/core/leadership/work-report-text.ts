import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { localDateOf, localZone } from '../../../src-shared/calendar/calendar-time';
import { AppError } from '../../../src-shared/contract/errors';
import type { PersonRef } from '../../../src-shared/contract/family';
import type { WorkReportText } from '../../../src-shared/contract/leadership';
import type { StatisticsPeriod } from '../../../src-shared/contract/statistics';
import { resolvePerson } from '../family/register-person';
import { peopleById, personOf } from '../referrals/links';
import type { Db, WriteContext } from '../store/unit-of-work';
import { workReportDeliveries, workReportTexts } from '../store/schema/leadership';

type ReportPeriod = Extract<StatisticsPeriod, { kind: 'semester' | 'schoolYear' }>;
export interface ReportKey {
  period: ReportPeriod;
  department?: string | null;
}

/** One written report per period (semester or school year) and department ('' = the whole school). */
export function periodKey(period: ReportPeriod): string {
  return period.kind === 'semester' ? `semester:${period.schoolYear}:${period.term}` : `schoolYear:${period.schoolYear}`;
}

function findReport(db: Db, key: ReportKey) {
  return db
    .select()
    .from(workReportTexts)
    .where(and(eq(workReportTexts.periodKey, periodKey(key.period)), eq(workReportTexts.department, key.department ?? '')))
    .get();
}

export function readWorkReport(db: Db, key: ReportKey): WorkReportText {
  const row = findReport(db, key);
  if (!row)
    return { id: null, periodKey: periodKey(key.period), progress: '', problems: '', suggestions: '', updatedBy: null, updatedAt: null, deliveries: [] };
  const deliveries = db
    .select()
    .from(workReportDeliveries)
    .where(eq(workReportDeliveries.reportId, row.id))
    .orderBy(asc(workReportDeliveries.deliveredOn), asc(workReportDeliveries.createdAt))
    .all();
  const people = peopleById(db, [row.updatedBy, ...deliveries.map((d) => d.recordedBy)]);
  return {
    id: row.id,
    periodKey: row.periodKey,
    progress: row.progress,
    problems: row.problems,
    suggestions: row.suggestions,
    updatedBy: personOf(people, row.updatedBy),
    updatedAt: row.updatedAt,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      deliveredOn: d.deliveredOn,
      recipients: d.recipients,
      way: d.way,
      note: d.note,
      recordedBy: personOf(people, d.recordedBy),
      createdAt: d.createdAt,
    })),
  };
}

/** Saves the three sections; each save is audited (the revision counts them). */
export function saveWorkReport(tx: WriteContext, key: ReportKey, text: { progress: string; problems: string; suggestions: string }, at: string): void {
  const row = findReport(tx.db, key);
  if (!row) {
    tx.insert(
      workReportTexts,
      {
        id: randomUUID(),
        periodKey: periodKey(key.period),
        department: key.department ?? '',
        ...text,
        revision: 1,
        updatedBy: tx.actor.accountId,
        createdAt: at,
        updatedAt: at,
      },
      { details: { periodKey: periodKey(key.period) } },
    );
    return;
  }
  tx.update(workReportTexts, row.id, { ...text, revision: row.revision + 1, updatedBy: tx.actor.accountId, updatedAt: at });
}

/** A delivery to the leadership group of a report that has been written. */
export function recordDelivery(
  tx: WriteContext,
  key: ReportKey,
  input: { deliveredOn: string; recipients: PersonRef[]; way: (typeof workReportDeliveries.$inferInsert)['way']; note?: string | null },
  now: Date,
): void {
  const row = findReport(tx.db, key);
  if (!row || !(row.progress || row.problems || row.suggestions)) throw new AppError('CONFLICT', { reason: 'workReportNotWritten' });
  if (input.deliveredOn > localDateOf(now, localZone())) throw new AppError('VALIDATION', { reason: 'leadershipInFuture' });
  tx.insert(
    workReportDeliveries,
    {
      id: randomUUID(),
      reportId: row.id,
      deliveredOn: input.deliveredOn,
      recipients: input.recipients.map((r) => resolvePerson(tx.db, r)),
      way: input.way,
      note: input.note?.trim() || null,
      recordedBy: tx.actor.accountId,
      createdAt: now.toISOString(),
    },
    { details: { periodKey: row.periodKey, way: input.way } },
  );
}

/**
 * The written part as a sheet of the 工作总结数据 workbook (semester and school year only; null
 * when nothing was written), so the file the center hands upward carries it with the figures.
 */
export function workReportTextSheet(
  db: Db,
  period: StatisticsPeriod,
  department: string | null | undefined,
): [name: string, header: string[], rows: string[][]] | null {
  if (period.kind === 'month') return null;
  const text = readWorkReport(db, { period, department });
  if (!(text.progress || text.problems || text.suggestions)) return null;
  return [
    '工作总结',
    ['部分', '内容'],
    [
      ['工作进展', text.progress],
      ['存在问题', text.problems],
      ['工作建议', text.suggestions],
    ],
  ];
}
