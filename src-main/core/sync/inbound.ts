import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { CallContext } from '../handler-types';
import { createReport } from '../reports/report-service';
import { createStudent } from '../students/student-service';
import { students } from '../store/schema/students';
import type { WriteContext } from '../store/unit-of-work';
import { readInbound, type InboundBundle, type InboundReport, type InboundRoster, type SeqRange } from './bundle/codec';
import { readOrRefuse } from './bundle-refusal';
import { appliedUpdates, inboundApplied, riskDigests } from '../store/schema/sync';
import { applyRosterUpdate, type AppliedUpdate } from './updates';

/**
 * Applying an inbound bundle from the school server (issue 18 item 3): each item once, by its
 * server sequence (inbound_applied.seq is unique); a report becomes a normal 上报 in the triage
 * queue, written with its inbound_applied row in one transaction; a roster update goes through the
 * roster import. A bundle that does not verify changes nothing. Missing sequences before the
 * bundle are reported as gaps, and the items present are applied anyway: a 院系 report must not
 * wait for another one that was lost (the missing items apply when they arrive).
 */

export interface InboundSummary {
  fromSeq: number;
  toSeq: number;
  applied: number[];
  /** Already applied before (a replay, or an overlapping bundle). */
  skipped: number[];
  /** Roster updates older than one already applied: not applied, so newer basic data stays. */
  superseded: number[];
  gaps: SeqRange[];
  reportsCreated: number;
  digestStored: boolean;
  digestEntries: number;
}

export function verifyInbound(fileText: string, serverKeyPem: string): InboundBundle {
  const bundle = readOrRefuse(() => readInbound(fileText, serverKeyPem), { reason: 'syncInboundInvalid' });
  // The items must be exactly the announced range, in order: a signed bundle that is not is refused whole.
  const contiguous = bundle.items.every((item, i) => item.seq === bundle.fromSeq + i);
  const size = bundle.toSeq - bundle.fromSeq + 1;
  if (!contiguous || bundle.items.length !== Math.max(size, 0)) {
    throw new AppError('VALIDATION', { reason: 'syncInboundInvalid', problem: 'manifestMismatch' });
  }
  return bundle;
}

/** The sequences not yet applied below `before`, as ranges (what a bundle starting at `before` cannot carry). */
export function missingBefore(applied: ReadonlySet<number>, before: number): SeqRange[] {
  const gaps: SeqRange[] = [];
  let start: number | null = null;
  for (let s = 1; s < before; s += 1) {
    if (!applied.has(s)) start ??= s;
    else if (start !== null) {
      gaps.push({ fromSeq: start, toSeq: s - 1 });
      start = null;
    }
  }
  if (start !== null) gaps.push({ fromSeq: start, toSeq: before - 1 });
  return gaps;
}

export async function applyInboundBundle(
  ctx: CallContext,
  bundle: InboundBundle,
  jobId: string | undefined,
): Promise<AppliedUpdate & { inbound: InboundSummary }> {
  const store = ctx.vault.requireStore();
  const done = store.db.select({ seq: inboundApplied.seq, kind: inboundApplied.kind }).from(inboundApplied).all();
  const applied = new Set(done.map((d) => d.seq));
  let newestRoster = Math.max(0, ...done.filter((d) => d.kind === 'roster').map((d) => d.seq));
  const summary: InboundSummary = {
    fromSeq: bundle.fromSeq,
    toSeq: bundle.toSeq,
    applied: [],
    skipped: [],
    superseded: [],
    gaps: missingBefore(applied, bundle.fromSeq),
    reportsCreated: 0,
    digestStored: false,
    digestEntries: bundle.digest?.entries.length ?? 0,
  };
  let rosterApplied = 0;
  for (const item of bundle.items) {
    if (applied.has(item.seq)) {
      summary.skipped.push(item.seq);
      continue;
    }
    if (item.kind === 'report') {
      const made = store.uow.run(ctx.vault.actor(), (tx) => applyReport(tx, bundle, item, ctx.vault.now()));
      if (made) summary.reportsCreated += 1;
      summary.applied.push(item.seq);
    } else if (item.seq < newestRoster) {
      store.uow.run(ctx.vault.actor(), (tx) => recordItem(tx, bundle, item, null, ctx.vault.now()));
      summary.superseded.push(item.seq);
    } else {
      await applyRosterItem(ctx, item, jobId);
      store.uow.run(ctx.vault.actor(), (tx) => recordItem(tx, bundle, item, null, ctx.vault.now()));
      newestRoster = item.seq;
      rosterApplied += 1;
      summary.applied.push(item.seq);
    }
    applied.add(item.seq);
  }
  summary.digestStored = storeDigest(ctx, bundle);
  const at = ctx.vault.now();
  const result: AppliedUpdate & { inbound: InboundSummary } = {
    bundleId: bundle.bundleId,
    kind: 'inbound',
    rows: bundle.items.length,
    created: summary.reportsCreated,
    updated: rosterApplied,
    unchanged: summary.skipped.length,
    rejected: [],
    appliedAt: at,
    inbound: summary,
  };
  const known = store.db.select({ id: appliedUpdates.id }).from(appliedUpdates).where(eq(appliedUpdates.bundleId, bundle.bundleId)).get();
  if (!known && (summary.applied.length > 0 || summary.superseded.length > 0 || summary.digestStored)) {
    store.uow.run(ctx.vault.actor(), (tx) =>
      tx.insert(
        appliedUpdates,
        {
          id: randomUUID(),
          bundleId: bundle.bundleId,
          kind: 'inbound',
          summary: result as unknown as Record<string, unknown>,
          appliedBy: tx.actor.accountId,
          appliedAt: at,
          createdAt: at,
          updatedAt: at,
        },
        { action: 'sync-update-applied', details: { bundleId: bundle.bundleId, applied: summary.applied.length, gaps: summary.gaps.length } },
      ),
    );
  }
  return result;
}

function recordItem(tx: WriteContext, bundle: InboundBundle, item: InboundReport | InboundRoster, recordId: string | null, at: string): void {
  tx.insert(
    inboundApplied,
    { id: randomUUID(), seq: item.seq, itemId: item.id, kind: item.kind, bundleId: bundle.bundleId, recordId, appliedAt: at, createdAt: at, updatedAt: at },
    { action: 'create', details: { seq: item.seq, kind: item.kind } },
  );
}

/**
 * The report as a 上报 from the 院系 (reporter: the liaison and the department). A student this
 * workstation does not know yet is added with what the server knows, so the report is never dropped.
 * Re-checks inside the transaction that the sequence is still unapplied (two imports at once).
 */
function applyReport(tx: WriteContext, bundle: InboundBundle, item: InboundReport, at: string): boolean {
  if (tx.db.select({ id: inboundApplied.id }).from(inboundApplied).where(eq(inboundApplied.seq, item.seq)).get()) return false;
  const studentNo = item.studentNo.toUpperCase();
  const student =
    tx.db.select({ id: students.id }).from(students).where(eq(students.studentNo, studentNo)).get() ??
    createStudent(
      tx,
      { studentNo, name: item.studentName?.trim() || studentNo, department: item.department, className: item.className, guardians: [], status: 'enrolled' },
      'roster',
      at,
    );
  const { row } = createReport(
    tx,
    {
      studentId: student.id,
      reporterKind: 'department_counselor',
      reporterName: `${item.filedBy}（${item.department}）`,
      signs: [],
      description: item.content,
      urgency: item.urgent ? 'urgent' : 'routine',
      reportedAt: item.createdAt,
    },
    at,
  );
  recordItem(tx, bundle, item, row.id, at);
  return true;
}

async function applyRosterItem(ctx: CallContext, item: InboundRoster, jobId: string | undefined): Promise<void> {
  try {
    await applyRosterUpdate(ctx, { kind: 'roster', bundleId: item.id, createdAt: item.createdAt, rows: item.rows }, jobId);
  } catch (error) {
    // Applied before as a stand-alone roster update file: the same rows, nothing more to do.
    if (error instanceof AppError && error.code === 'CONFLICT') return;
    throw error;
  }
}

/** The digest replaces the shown one only when it is newer by the server's clock (an old file imported late changes nothing). */
function storeDigest(ctx: CallContext, bundle: InboundBundle): boolean {
  const digest = bundle.digest;
  if (!digest) return false;
  const store = ctx.vault.requireStore();
  const latest = store.db.select({ at: riskDigests.digestCreatedAt }).from(riskDigests).orderBy(desc(riskDigests.digestCreatedAt)).limit(1).get();
  if (latest && latest.at >= digest.createdAt) return false;
  const at = ctx.vault.now();
  store.uow.run(ctx.vault.actor(), (tx) =>
    tx.insert(
      riskDigests,
      { id: randomUUID(), bundleId: bundle.bundleId, digestCreatedAt: digest.createdAt, entries: digest.entries, receivedAt: at, createdAt: at, updatedAt: at },
      { action: 'create', details: { entries: digest.entries.length } },
    ),
  );
  return true;
}
