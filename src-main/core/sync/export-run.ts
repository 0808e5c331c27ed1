import { randomUUID } from 'node:crypto';
import { and, asc, eq, max, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { SYNC_PROFILES, type SyncConfig, type SyncProfile } from '../../../src-shared/contract/sync';
import type { JobToken } from '../jobs/jobs';
import type { OpenStore } from '../store/open-store';
import { outboxPayloads } from '../store/outbox-payload';
import type { Actor } from '../store/unit-of-work';
import { sealBundle, type BundleEvent, type SigningKeyPair } from './bundle/codec';
import {
  bundleFilesPresent,
  describe,
  destinationOf,
  postBundle,
  receiptFilesIn,
  writeToFolder,
  type Delivery,
  type Destination,
  type SealedFiles,
} from './destinations';
import { projectionFor, type OutboxRow } from './profiles';
import { acknowledge, verifyReceipt, type BundleRow } from './receipts';
import { exportBundles } from '../store/schema/sync';
import { ensureReturnKey } from './return-key';
import { requireServerRecipient } from './sync-config';
import { getWorkstationName } from '../settings/settings-service';

/** One bundle per profile and run holds at most this many events; the rest goes next run. */
export const MAX_EVENTS_PER_BUNDLE = 100_000;
const READ_CHUNK = 5_000;

export interface ExportDeps {
  store: OpenStore;
  actor: Actor;
  now: () => string;
  job: JobToken;
  config: SyncConfig;
  key: SigningKeyPair;
  /** Only this profile (else every enabled one). */
  profile?: SyncProfile;
  /** This folder or URL instead of the configured destinations. */
  to?: string;
}

export interface ExportedBundle {
  bundleId: string;
  profile: string;
  fromSeq: number;
  toSeq: number;
  eventCount: number;
  bytes: number;
  destination: string | null;
  status: BundleRow['status'];
}

export interface ExportRun {
  bundles: ExportedBundle[];
  destinationAbsent: boolean;
  acknowledged: number;
}

export function destinationsOf(config: SyncConfig, to: string | undefined): Destination[] {
  if (to) return [destinationOf(to)];
  const list: Destination[] = [];
  if (config.folder) list.push({ kind: 'folder', place: config.folder });
  if (config.url) list.push({ kind: 'http', place: config.url });
  if (list.length === 0) throw new AppError('VALIDATION', { reason: 'syncNoDestination' });
  return list;
}

function readOutbox(store: OpenStore) {
  const page = store.sqlite.prepare<[number, number, number], OutboxRow>(
    'SELECT seq, hlc, entity, entity_id AS entityId, op, payload, created_at AS createdAt FROM outbox WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
  );
  const last = store.sqlite.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM outbox');
  return { page, lastSeq: () => last.get()?.seq ?? 0 };
}

/**
 * The events of one profile in (afterSeq, untilSeq], read in chunks so a large outbox neither holds
 * the worker nor needs the whole table in memory at once. Stops at MAX_EVENTS_PER_BUNDLE events;
 * `toSeq` is the last outbox row looked at (rows the profile skips count: ranges touch).
 */
async function collect(store: OpenStore, profile: SyncProfile, afterSeq: number, untilSeq: number, job: JobToken, progress: (rows: number) => void) {
  const { page } = readOutbox(store);
  const projection = projectionFor(profile, store);
  // An import's inserts hold a reference to their row, not a copy (store/outbox-payload.ts).
  const payloadOf = outboxPayloads(store.db);
  const events: BundleEvent[] = [];
  let cursor = afterSeq;
  while (cursor < untilSeq && events.length < MAX_EVENTS_PER_BUNDLE) {
    const rows = page.all(cursor, untilSeq, READ_CHUNK);
    if (rows.length === 0) break;
    for (const row of rows) {
      // Read when a profile looks at it (the statistics profile never does).
      const projected = projection.project({
        ...row,
        get payload() {
          return payloadOf(row);
        },
      });
      if (projected) events.push(projected);
      cursor = row.seq;
      if (events.length >= MAX_EVENTS_PER_BUNDLE) break;
    }
    progress(rows.length);
    await job.checkpoint();
  }
  return { events: [...events, ...projection.finish(cursor)].sort((a, b) => a.seq - b.seq), toSeq: cursor };
}

/** What the export report, a receipt's acknowledgement and the history all say of a bundle. */
export function bundleFacts(row: BundleRow) {
  return {
    bundleId: row.id,
    profile: row.profile,
    fromSeq: row.fromSeq,
    toSeq: row.toSeq,
    eventCount: row.eventCount,
    bytes: row.bytes,
    destination: row.destination,
  };
}

/** A bundle as an export run (or a receipt) reports it. */
export function exportedBundle(row: BundleRow): ExportedBundle {
  return { ...bundleFacts(row), status: row.status };
}

/**
 * Export now: for each profile, first the bundles the server has not acknowledged (again, in order;
 * the server dedupes by workstation and sequence), then one new bundle from where the last one
 * ended. Receipts in the folder are read first, so acknowledged bundles are not sent again.
 *
 * A cancel (`jobs.cancel`) is seen between outbox pages, before and after sealing and before each
 * bundle is sent. Nothing is lost by it: a range without a bundle row is read again next run, a
 * bundle row made before the cancel stays `created` and is sent next run, a bundle counts as sent
 * only once its files are written (under a temp name, then renamed) or posted.
 */
export async function runExport(deps: ExportDeps): Promise<ExportRun> {
  const { store, actor, job, config, key } = deps;
  const recipient = requireServerRecipient(config);
  const returnRecipient = (await ensureReturnKey(store, actor, deps.now())).recipient;
  const destinations = destinationsOf(config, deps.to);
  const profiles = deps.profile ? [deps.profile] : SYNC_PROFILES.filter((p) => config.profiles.includes(p));
  const workstationId = store.workstationId;
  let acknowledged = 0;

  const takeReceipt = (fileText: string): void => {
    if (!config.serverSigningKeyPem) return;
    try {
      acknowledged += acknowledge(store, actor, verifyReceipt(fileText, config.serverSigningKeyPem, workstationId), deps.now()).length;
    } catch {
      // Another workstation's or a damaged receipt in a shared folder: not ours to act on.
    }
  };
  for (const d of destinations) if (d.kind === 'folder') receiptFilesIn(d.place, workstationId).forEach(takeReceipt);

  const untilSeq = readOutbox(store).lastSeq();
  const lastToSeq = (profile: string) =>
    store.db
      .select({ seq: max(exportBundles.toSeq) })
      .from(exportBundles)
      .where(eq(exportBundles.profile, profile))
      .get()?.seq ?? 0;
  const totalRows = profiles.reduce((n, p) => n + Math.max(0, untilSeq - lastToSeq(p)), 0);
  let rowsRead = 0;
  job.report('read', 0, totalRows);

  // What to deliver, per profile in range order: unacknowledged bundles, then the new one.
  const queue: { row: BundleRow; sealed: SealedFiles | null }[] = [];
  for (const profile of profiles) {
    const waiting = store.db
      .select()
      .from(exportBundles)
      .where(and(eq(exportBundles.profile, profile), ne(exportBundles.status, 'acknowledged')))
      .orderBy(asc(exportBundles.fromSeq))
      .all();
    queue.push(...waiting.map((row) => ({ row, sealed: null })));
    const fromSeq = lastToSeq(profile) + 1;
    const { events, toSeq } = await collect(store, profile, fromSeq - 1, untilSeq, job, (n) => job.report('read', (rowsRead += n), totalRows));
    if (events.length === 0) continue;
    job.report('seal', 0, 1);
    await job.checkpoint();
    const at = deps.now();
    const sealed = await sealBundle({
      workstationId,
      profile,
      events,
      recipient,
      privateKeyPem: key.privateKeyPem,
      createdAt: at,
      fromSeq,
      toSeq,
      bundleId: randomUUID(),
      workstationName: getWorkstationName(store.db),
      returnRecipient,
    });
    // Cancelled while sealing: the bytes are dropped before any row claims the range.
    await job.checkpoint();
    const row = store.uow.run(actor, (tx) =>
      tx.insert(
        exportBundles,
        {
          id: sealed.manifest.bundleId,
          profile,
          fromSeq,
          toSeq,
          eventCount: events.length,
          bytes: sealed.payload.byteLength,
          payloadSha256: sealed.manifest.payloadSha256,
          fileName: sealed.baseName,
          destinationKind: null,
          destination: null,
          status: 'created',
          error: null,
          createdAt: at,
          sentAt: null,
          acknowledgedAt: null,
          receiptId: null,
          createdBy: actor.accountId,
          updatedAt: at,
        },
        { action: 'sync-bundle', details: { profile, fromSeq, toSeq, eventCount: events.length } },
      ),
    );
    queue.push({ row, sealed });
  }

  const outcomes: BundleRow[] = [];
  let absent = false;
  for (let i = 0; i < queue.length; i++) {
    job.report('send', i, queue.length);
    await job.checkpoint();
    const item = queue[i];
    const current = store.db.select().from(exportBundles).where(eq(exportBundles.id, item.row.id)).get()!;
    if (current.status === 'acknowledged') continue;
    // A retry seals the same range again (age encryption is randomised, so the bytes differ).
    const sealedFor = async () => (item.sealed ??= await reseal(store, current, { recipient, returnRecipient }, key));
    let delivered: { destination: Destination; receipt: string | null } | null = null;
    let lastProblem: Delivery | null = null;
    let attempted = false;
    for (const destination of destinations) {
      if (destination.kind === 'folder' && current.status === 'sent' && bundleFilesPresent(destination.place, current.fileName)) continue;
      attempted = true;
      const files = await sealedFor();
      const outcome = destination.kind === 'folder' ? writeToFolder(destination.place, files) : await postBundle(destination.place, files);
      if (outcome.outcome === 'delivered') delivered = { destination, receipt: outcome.receiptFile };
      else if (outcome.outcome === 'pending') delivered = { destination, receipt: null };
      else lastProblem = outcome;
      if (outcome.outcome === 'pending') lastProblem = outcome;
    }
    if (!attempted) continue;
    const at = deps.now();
    const patch: Partial<typeof exportBundles.$inferInsert> = delivered
      ? {
          status: 'sent',
          sentAt: at,
          destinationKind: delivered.destination.kind,
          destination: describe(delivered.destination),
          error: lastProblem ? lastProblem.message.slice(0, 500) : null,
          updatedAt: at,
          ...(item.sealed && { bytes: item.sealed.payload.byteLength, payloadSha256: item.sealed.manifest.payloadSha256 }),
        }
      : {
          status: lastProblem?.outcome === 'refused' ? 'failed' : current.status,
          error: (lastProblem?.message ?? '').slice(0, 500),
          updatedAt: at,
        };
    if (!delivered && lastProblem?.outcome === 'absent') absent = true;
    store.uow.run(actor, (tx) =>
      tx.update(exportBundles, current.id, patch, {
        action: delivered ? 'sync-sent' : 'sync-not-sent',
        details: { profile: current.profile, fromSeq: current.fromSeq, toSeq: current.toSeq, destinationKind: delivered?.destination.kind ?? null },
      }),
    );
    if (delivered?.receipt) takeReceipt(delivered.receipt);
    outcomes.push(store.db.select().from(exportBundles).where(eq(exportBundles.id, current.id)).get()!);
  }
  job.report('send', queue.length, queue.length);
  return { bundles: outcomes.map(exportedBundle), destinationAbsent: absent, acknowledged };
}

async function reseal(
  store: OpenStore,
  row: BundleRow,
  { recipient, returnRecipient }: { recipient: string; returnRecipient: string },
  key: SigningKeyPair,
): Promise<SealedFiles> {
  const { events } = await collect(store, row.profile as SyncProfile, row.fromSeq - 1, row.toSeq, NO_JOB, () => {});
  return sealBundle({
    workstationId: store.workstationId,
    profile: row.profile,
    events,
    recipient,
    privateKeyPem: key.privateKeyPem,
    createdAt: row.createdAt,
    fromSeq: row.fromSeq,
    toSeq: row.toSeq,
    bundleId: row.id,
    workstationName: getWorkstationName(store.db),
    returnRecipient,
  });
}

const NO_JOB = { checkpoint: async () => {}, report: () => {} } as unknown as JobToken;
