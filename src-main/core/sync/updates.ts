import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { CallContext } from '../handler-types';
import { detectMapping, mappingProblems } from '../roster/mapping';
import type { ParsedTable } from '../util/parse-table';
import { planRosterImport, writeRosterPlan } from '../roster/roster-import';
import { readUpdate, type RosterUpdate } from './bundle/codec';
import { readOrRefuse } from './bundle-refusal';
import { appliedUpdates } from '../store/schema/sync';

export interface AppliedUpdate {
  bundleId: string;
  kind: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; reason: string }[];
  appliedAt: string;
}

export function verifyUpdate(fileText: string, serverKeyPem: string): RosterUpdate {
  return readOrRefuse(() => readUpdate(fileText, serverKeyPem), { reason: 'syncUpdateInvalid' });
}

/** The update's rows as the table a roster file would give (row numbers count the header as 1). */
function asTable(update: RosterUpdate): ParsedTable {
  const headers = [...new Set(update.rows.flatMap((row) => Object.keys(row)))];
  return { encoding: 'utf-8', headers, rows: update.rows.map((row, i) => ({ fileRow: i + 2, cells: headers.map((h) => row[h] ?? '') })) };
}

/**
 * A roster update goes through the roster import's plan and writes (same checks, same audit), in
 * one transaction with its applied_updates row, so it applies once and wholly or not at all.
 */
export async function applyRosterUpdate(ctx: CallContext, update: RosterUpdate, jobId: string | undefined): Promise<AppliedUpdate> {
  const store = ctx.vault.requireStore();
  if (store.db.select().from(appliedUpdates).where(eq(appliedUpdates.bundleId, update.bundleId)).get()) {
    throw new AppError('CONFLICT', { reason: 'updateAlreadyApplied', bundleId: update.bundleId });
  }
  const table = asTable(update);
  const mapping = detectMapping(table.headers);
  const problem = mappingProblems(mapping, table.headers)[0];
  if (problem) throw new AppError('VALIDATION', { reason: 'syncUpdateNoStudentNo' });
  const job = ctx.jobs.begin(jobId, (phase, done, total) => ctx.emit('job.progress', { jobId: job.id, phase, done, total }));
  try {
    const plan = await planRosterImport(store.db, table, mapping, job);
    const at = ctx.vault.now();
    const summary = {
      bundleId: update.bundleId,
      kind: update.kind,
      rows: plan.rows,
      created: plan.create.length,
      updated: plan.update.length,
      unchanged: plan.unchanged,
      rejected: plan.problems.map((p) => ({ row: p.row, reason: p.reason })),
      appliedAt: at,
    };
    await writeRosterPlan(ctx, job, plan, at, (tx) => {
      tx.insert(
        appliedUpdates,
        {
          id: randomUUID(),
          bundleId: update.bundleId,
          kind: update.kind,
          summary,
          appliedBy: tx.actor.accountId,
          appliedAt: at,
          createdAt: at,
          updatedAt: at,
        },
        {
          action: 'sync-update-applied',
          details: { bundleId: update.bundleId, created: summary.created, updated: summary.updated, rejected: summary.rejected.length },
        },
      );
    });
    return summary;
  } finally {
    job.end();
  }
}

export function listAppliedUpdates(ctx: CallContext): AppliedUpdate[] {
  const rows = ctx.vault.requireStore().db.select().from(appliedUpdates).all();
  return rows.map((r) => r.summary as unknown as AppliedUpdate).sort((a, b) => b.appliedAt.localeCompare(a.appliedAt));
}
