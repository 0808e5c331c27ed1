import { count, desc, isNotNull, max, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { SYSTEM_ACTOR } from '../store/unit-of-work';
import { bundleFacts, exportedBundle, runExport, type ExportRun } from './export-run';
import { acknowledge, verifyReceipt } from './receipts';
import { SyncScheduler } from './scheduler';
import { exportBundles } from '../store/schema/sync';
import { checkConfig, readConfig, requireServerKey, workstationKey, writeConfig } from './sync-config';
import { applyRosterUpdate, listAppliedUpdates, verifyUpdate } from './updates';
import { applyInboundBundle, verifyInbound } from './inbound';
import { riskElsewhere, riskOfOpenCases } from './risk-digest';
import { studentScopeFor } from '../students/scope';
import { BundleError, serverFileKind } from './bundle/codec';
import { isSealedReturnFile, openReturnFile } from './bundle/return-file';
import { ensureReturnKey, readReturnKey, type ReturnKey } from './return-key';
import type { SyncProfile } from '../../../src-shared/contract/sync';

type SyncChannelNames =
  | 'sync.getConfig'
  | 'sync.configure'
  | 'sync.workstationKey'
  | 'sync.exportNow'
  | 'sync.runScheduled'
  | 'sync.importReceipt'
  | 'sync.importUpdate'
  | 'sync.history'
  | 'sync.riskElsewhere'
  | 'sync.riskOfMyCases'
  | 'sync.status';

function keyOf(ctx: CallContext) {
  const store = ctx.vault.requireStore();
  const pair = workstationKey(store.db, (fn) => store.uow.run(ctx.vault.actor(), fn), ctx.vault.now());
  return {
    store,
    pair,
    view: { workstationId: store.workstationId, publicKeyPem: pair.publicKeyPem, fingerprint: pair.fingerprint, fileName: `${store.workstationId}.pem` },
  };
}

/** One export at a time per workstation (the schedule and a click can meet). */
const running = new WeakSet<object>();

async function exportNow(ctx: CallContext, input: { profile?: SyncProfile; to?: string; jobId?: string }): Promise<ExportRun> {
  if (running.has(ctx.vault)) throw new AppError('CONFLICT', { reason: 'syncExportRunning' });
  const { store, pair } = keyOf(ctx);
  running.add(ctx.vault);
  const job = ctx.jobs.begin(input.jobId, (phase, done, total) => ctx.emit('job.progress', { jobId: job.id, phase, done, total }));
  try {
    return await runExport({
      store,
      actor: ctx.vault.session ? ctx.vault.actor() : SYSTEM_ACTOR,
      now: () => ctx.vault.now(),
      job,
      config: readConfig(store.db),
      key: pair,
      ...(input.profile && { profile: input.profile }),
      ...(input.to && { to: input.to }),
    });
  } finally {
    job.end();
    running.delete(ctx.vault);
  }
}

const schedulers = new WeakMap<object, SyncScheduler>();

/**
 * Starts the "daily at HH:mm" check for this core (once). The host may call it at start; the sync
 * channels also make sure it runs, so a workstation whose admin opened the workbench has it.
 */
export function startSyncScheduler(ctx: CallContext, intervalMs?: number): SyncScheduler {
  let scheduler = schedulers.get(ctx.vault);
  if (!scheduler) {
    scheduler = new SyncScheduler(
      ctx.clock,
      () => {
        const store = ctx.vault.openStore;
        return store && ctx.vault.session ? readConfig(store.db) : null;
      },
      () => exportNow(ctx, {}),
    );
    schedulers.set(ctx.vault, scheduler);
    scheduler.start(intervalMs);
  }
  return scheduler;
}

/** The scheduler of a core's vault, once a sync channel (or the host) started it. */
export function syncSchedulerOf(vault: object): SyncScheduler | undefined {
  return schedulers.get(vault);
}

function withScheduler<A extends unknown[], R>(fn: (ctx: CallContext, ...rest: A) => R) {
  return (ctx: CallContext, ...rest: A): R => {
    startSyncScheduler(ctx);
    return fn(ctx, ...rest);
  };
}

function fileText(input: { contentBase64: string }): string {
  return Buffer.from(input.contentBase64, 'base64').toString('utf8');
}

export const syncHandlers: PartialHandlerMap<SyncChannelNames> = {
  'sync.getConfig': withScheduler((ctx) => {
    const { store, view } = keyOf(ctx);
    return { ...readConfig(store.db), workstation: view };
  }),

  'sync.configure': withScheduler(async ({ vault }, input) => {
    const config = checkConfig(input);
    const store = vault.requireStore();
    // The return key is made when the server is connected, not inside the first export, so that
    // export's range holds only what was there when it began (older stores get it on their next export).
    await ensureReturnKey(store, vault.actor(), vault.now());
    return store.uow.run(vault.actor(), (tx) => writeConfig(tx, config, vault.now()));
  }),

  'sync.workstationKey': (ctx) => {
    const { store, view } = keyOf(ctx);
    store.uow.run(ctx.vault.actor(), (tx) => tx.record('export', 'settings', 'sync.workstationKey', { kind: 'publicKey' }));
    return view;
  },

  'sync.exportNow': withScheduler((ctx, input) => exportNow(ctx, input)),

  'sync.runScheduled': async (ctx) => {
    const config = readConfig(ctx.vault.requireStore().db);
    if (config.schedule.kind !== 'onClose' || !config.serverRecipient || (!config.folder && !config.url)) return { ran: false, run: null };
    return { ran: true, run: await exportNow(ctx, {}) };
  },

  'sync.importReceipt': ({ vault }, input) => {
    const store = vault.requireStore();
    const receipt = verifyReceipt(fileText(input), requireServerKey(readConfig(store.db)), store.workstationId);
    const rows = acknowledge(store, vault.actor(), receipt, vault.now());
    return {
      acknowledged: rows.map(exportedBundle),
    };
  },

  'sync.importUpdate': async (ctx, input) => {
    const store = ctx.vault.requireStore();
    const serverKey = requireServerKey(readConfig(store.db));
    const text = await openIfSealed(fileText(input), readReturnKey(store.db));
    // An inbound bundle (reports from 院系, roster updates, the risk digest) or a stand-alone roster update.
    if (serverFileKind(text) === 'inbound') return applyInboundBundle(ctx, verifyInbound(text, serverKey), input.jobId);
    const update = verifyUpdate(text, serverKey);
    return applyRosterUpdate(ctx, update, input.jobId);
  },

  'sync.riskElsewhere': ({ vault }, input) => {
    const store = vault.requireStore();
    return riskElsewhere(store.db, store.workstationId, input.studentNos, studentScopeFor(store.db, vault.requireSession()));
  },

  'sync.riskOfMyCases': ({ vault }) => {
    const store = vault.requireStore();
    return riskOfOpenCases(store.db, store.workstationId, studentScopeFor(store.db, vault.requireSession()));
  },

  'sync.history': (ctx, input) => {
    const { db } = ctx.vault.requireStore();
    const bundles = db.select().from(exportBundles).orderBy(desc(exportBundles.createdAt), desc(exportBundles.toSeq)).limit(input.limit).all();
    // Counted, not toSeq - fromSeq + 1: the history states what the outbox holds.
    const inRange = ctx.vault.requireStore().sqlite.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM outbox WHERE seq BETWEEN ? AND ?');
    return {
      bundles: bundles.map((b) => ({
        ...bundleFacts(b),
        destinationKind: b.destinationKind,
        status: b.status,
        error: b.error,
        createdAt: b.createdAt,
        sentAt: b.sentAt,
        acknowledgedAt: b.acknowledgedAt,
        fileName: b.fileName,
        rangeRecords: inRange.get(b.fromSeq, b.toSeq)?.n ?? 0,
      })),
      updates: listAppliedUpdates(ctx),
    };
  },

  'sync.status': withScheduler((ctx) => {
    const { db } = ctx.vault.requireStore();
    const config = readConfig(db);
    const lastAck =
      db
        .select({ at: max(exportBundles.acknowledgedAt) })
        .from(exportBundles)
        .where(isNotNull(exportBundles.acknowledgedAt))
        .get()?.at ?? null;
    const lastSent =
      db
        .select({ at: max(exportBundles.sentAt) })
        .from(exportBundles)
        .get()?.at ?? null;
    const waiting = db.select({ n: count() }).from(exportBundles).where(ne(exportBundles.status, 'acknowledged')).get()?.n ?? 0;
    return {
      configured: Boolean(config.serverRecipient && (config.folder || config.url)),
      schedule: config.schedule,
      lastAcknowledgedAt: lastAck,
      msSinceAcknowledged: lastAck ? ctx.clock.now().getTime() - new Date(lastAck).getTime() : null,
      lastSentAt: lastSent,
      waiting,
    };
  }),
};

/** A sealed return file is decrypted with this workstation's return key; its inside is verified as before. */
async function openIfSealed(text: string, key: ReturnKey | null): Promise<string> {
  if (!isSealedReturnFile(text)) return text;
  try {
    return await openReturnFile(text, key?.identity ?? null);
  } catch (error) {
    if (error instanceof BundleError && error.code === 'notRecipient') throw new AppError('VALIDATION', { reason: 'syncReturnNotForThisWorkstation' });
    if (error instanceof BundleError) throw new AppError('VALIDATION', { reason: 'syncInboundInvalid', problem: error.code });
    throw error;
  }
}
