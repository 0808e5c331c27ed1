import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { DEFAULT_CRISIS_LINES, type CrisisLine, type SafetyPlan, type SafetyPlanSections } from '../../../src-shared/contract/referrals';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { OpenStore } from '../store/open-store';
import type { Db, WriteContext } from '../store/unit-of-work';
import type { Session } from '../vault';
import { auditedViews, checkedLinks, recordViews } from './links';
import { safetyPlans } from '../store/schema/referrals';
import { requireRow } from '../store/require-row';

type PlanRow = typeof safetyPlans.$inferSelect;

export const CRISIS_LINES_SETTING = 'crisis.lines';

export function readCrisisLines(db: Db): CrisisLine[] {
  return readSettingValue<CrisisLine[]>(db, CRISIS_LINES_SETTING) ?? DEFAULT_CRISIS_LINES;
}

export function writeCrisisLines(tx: WriteContext, lines: CrisisLine[], at: string): CrisisLine[] {
  writeSettingValue(tx, CRISIS_LINES_SETTING, lines, at);
  return readCrisisLines(tx.db);
}

function toPlans(db: Db, rows: PlanRow[]): SafetyPlan[] {
  const views = recordViews(db, rows, (r) => [r.createdBy]);
  return rows.map((row) => ({
    ...views.base(row),
    version: row.version,
    sections: row.sections,
    createdBy: views.person(row.createdBy),
    createdAt: row.createdAt,
  }));
}

function versionsOf(db: Db, studentId: string): PlanRow[] {
  return db.select().from(safetyPlans).where(eq(safetyPlans.studentId, studentId)).orderBy(desc(safetyPlans.version)).all();
}

function audited(store: OpenStore, session: Session, rows: PlanRow[]): SafetyPlan[] {
  return auditedViews(store, session, 'safety_plans', rows, toPlans);
}

export function currentPlan(store: OpenStore, session: Session, studentId: string): SafetyPlan | null {
  const latest = versionsOf(store.db, studentId)[0];
  return latest ? audited(store, session, [latest])[0] : null;
}

export function planHistory(store: OpenStore, session: Session, studentId: string): SafetyPlan[] {
  return audited(store, session, versionsOf(store.db, studentId));
}

export function readPlan(store: OpenStore, session: Session, id: string): SafetyPlan {
  return audited(store, session, [requireRow(store.db, 'safetyPlan', id)])[0];
}

/**
 * A change never overwrites: it writes version n+1, so what the student took home on a given day
 * stays readable. The version is counted inside the write, so two saves cannot both become n+1;
 * `basedOnVersion` refuses a save made over a version the writer has not seen.
 */
export function savePlan(
  store: OpenStore,
  session: Session,
  input: { studentId: string; eventId?: string | null; caseId?: string | null; sections: SafetyPlanSections; basedOnVersion?: number },
  now: Date,
): SafetyPlan {
  const links = checkedLinks(store.db, input);
  const at = now.toISOString();
  const row = store.uow.run({ accountId: session.accountId }, (tx) => {
    const latest = versionsOf(tx.db, links.studentId)[0];
    const current = latest?.version ?? 0;
    if (input.basedOnVersion !== undefined && input.basedOnVersion !== current) throw new AppError('CONFLICT', { reason: 'safetyPlanStale', version: current });
    return tx.insert(
      safetyPlans,
      {
        id: randomUUID(),
        studentId: links.studentId,
        // A new version stays with the event/case of the one before unless the writer names another.
        eventId: links.eventId ?? latest?.eventId ?? null,
        caseId: links.caseId ?? latest?.caseId ?? null,
        version: current + 1,
        sections: input.sections,
        createdBy: session.accountId,
        createdAt: at,
      },
      { details: { studentId: links.studentId, version: current + 1 } },
    );
  });
  return toPlans(store.db, [row])[0];
}

export function recordPlanPrint(store: OpenStore, session: Session, id: string, now: Date): { printedAt: string } {
  const row = requireRow(store.db, 'safetyPlan', id);
  store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.record('print', 'safety_plans', row.id, { studentId: row.studentId, version: row.version, document: 'safety-plan' }),
  );
  return { printedAt: now.toISOString() };
}
