import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BundleError,
  bundleBaseName,
  openBundle,
  readManifest,
  signReceipt,
  type BundleEvent,
  type BundleManifest,
  type Receipt,
  type SeqRange,
} from '../core/sync/bundle/codec';
import { BundleOpener, openAndPrepare, type Opened } from './bundle-opener';
import { trustedKeys } from './keys';
import type { ApplyOutcome, ReceiverStore } from './store';
import { rememberReturnRecipient } from './return-recipients';
import { rememberWorkstationName } from './views/workstation-names';

export type ReceiveResult =
  | {
      outcome: 'applied' | 'duplicate';
      manifest: BundleManifest;
      /** The posted bundle and every pending one it unblocked, in order. */
      applied: BundleManifest[];
      receipt: Receipt;
      receiptFile: string;
    }
  | { outcome: 'pending'; manifest: BundleManifest; missing: SeqRange; message: string };

export interface ProfileStatus {
  workstationId: string;
  profile: string;
  lastSeq: number;
  bundles: number;
  updatedAt: string | null;
  pending: { bundleId: string; fromSeq: number; toSeq: number; eventCount: number }[];
  gaps: SeqRange[];
}

export interface ReceiverOptions {
  dir: string;
  identity: string;
  store: ReceiverStore;
  signingKeyPem: string;
  now?: () => Date;
}

/**
 * The receiver's rules, shared by `serve` and `import`: a bundle is fully verified (signature,
 * SHA-256, decryption, manifest against payload) before anything is written; it is applied only
 * right after the last applied sequence; a bundle beyond a gap waits in D/pending and is applied
 * once the missing range arrives. Calls are serialised so two requests never race on a position.
 */
export class Receiver {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: ReceiverOptions) {
    this.now = options.now ?? (() => new Date());
    mkdirSync(this.pendingDir, { recursive: true });
  }

  get pendingDir(): string {
    return join(this.options.dir, 'pending');
  }

  get store(): ReceiverStore {
    return this.options.store;
  }

  receive(manifestFile: string, payload: Uint8Array): Promise<ReceiveResult> {
    return this.serialised(() => this.receiveNow(manifestFile, payload));
  }

  status(): Promise<ProfileStatus[]> {
    return this.serialised(() => this.statusNow());
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Several bundles in the order given (a folder's import): each but the first is opened on a worker
   * thread while the one before it is applied, then applied exactly as `receive` would. One result per bundle:
   * the outcome, or the error that refused it (the others still go on).
   */
  async receiveAll(bundles: readonly (() => { manifestFile: string; payload: Uint8Array })[]): Promise<(ReceiveResult | { error: unknown })[]> {
    const { store } = this.options;
    return store.manyBundles ? store.manyBundles(() => this.receiveAllNow(bundles)) : this.receiveAllNow(bundles);
  }

  private async receiveAllNow(bundles: readonly (() => { manifestFile: string; payload: Uint8Array })[]): Promise<(ReceiveResult | { error: unknown })[]> {
    const opener = new BundleOpener();
    // A store that writes prepared rows gets them folded and ready on the worker too.
    const prepare = this.options.store.applyPrepared !== undefined;
    // Files are read only when their turn comes: a folder may hold more than memory should.
    const open = (i: number, here = false) => {
      const files = bundles[i]();
      const input = { manifestFile: files.manifestFile, payload: files.payload, identity: this.options.identity, trustedKeys: trustedKeys(this.options.dir) };
      const opening = here ? openAndPrepare(input, prepare) : opener.open(input, prepare);
      opening.catch(() => undefined); // read below, in order
      return { files, opening };
    };
    const results: (ReceiveResult | { error: unknown })[] = [];
    try {
      // The first bundle is opened on this thread, which has nothing else to do yet, while the
      // worker starts (its start-up takes about as long as opening a bundle); the worker then opens
      // each next bundle while the one before it is applied.
      if (bundles.length > 1) opener.start();
      let next = bundles.length > 0 ? open(0, true) : null;
      for (let i = 0; i < bundles.length; i += 1) {
        const current = next!;
        next = i + 1 < bundles.length ? open(i + 1) : null;
        try {
          const opened = await current.opening;
          results.push(await this.serialised(() => this.applyOpened(opened, current.files.manifestFile, current.files.payload)));
        } catch (error) {
          results.push({ error });
        }
      }
    } finally {
      await opener.close();
    }
    return results;
  }

  private async receiveNow(manifestFile: string, payload: Uint8Array): Promise<ReceiveResult> {
    const opened = await openBundle({
      manifestFile,
      payload,
      identity: this.options.identity,
      trustedKeys: trustedKeys(this.options.dir),
    });
    return this.applyOpened(opened, manifestFile, payload);
  }

  private async applyOpened(opened: Opened, manifestFile: string, payload: Uint8Array): Promise<ReceiveResult> {
    const { manifest } = opened;
    const at = this.now().toISOString();
    const result = await this.applyToStore(opened, at, () =>
      openBundle({ manifestFile, payload, identity: this.options.identity, trustedKeys: trustedKeys(this.options.dir) }),
    );
    if (result.outcome === 'gap') {
      this.keepPending(manifest, manifestFile, payload);
      const missing = { fromSeq: result.lastSeq + 1, toSeq: manifest.fromSeq - 1 };
      return { outcome: 'pending', manifest, missing, message: gapMessage(manifest, missing) };
    }
    await rememberWorkstationName(this.options.store, manifest.workstationId, manifest.workstationName, at);
    await rememberReturnRecipient(this.options.store, manifest.workstationId, manifest.returnRecipient, at);
    const applied = [manifest, ...(await this.drainPending(manifest.workstationId, manifest.profile))];
    const receipt = await this.receiptFor(manifest.workstationId, manifest.profile, applied);
    return {
      outcome: result.outcome,
      manifest,
      applied,
      receipt,
      receiptFile: signReceipt(receipt, this.options.signingKeyPem),
    };
  }

  /**
   * Prepared rows hold for a store whose last sequence is the one before the bundle: otherwise (the
   * bundle repeats events already applied) the bundle is opened again here and its events applied.
   */
  private async applyToStore(opened: Opened, at: string, reopen: () => Promise<{ events: BundleEvent[] }>): Promise<ApplyOutcome> {
    const { store } = this.options;
    if (!('prepared' in opened)) return store.applyBundle(opened.manifest, opened.events, at);
    const result = await store.applyPrepared!(opened.manifest, opened.prepared, at);
    return result.outcome === 'stale' ? store.applyBundle(opened.manifest, (await reopen()).events, at) : result;
  }

  /** Applies the pending bundles that now follow the last sequence, until the next gap. */
  private async drainPending(workstationId: string, profile: string): Promise<BundleManifest[]> {
    const applied: BundleManifest[] = [];
    for (;;) {
      const last = await this.options.store.lastSeq(workstationId, profile);
      const candidates = this.pendingManifests().filter(
        (p) => p.manifest.workstationId === workstationId && p.manifest.profile === profile && p.manifest.fromSeq <= last + 1,
      );
      if (candidates.length === 0) return applied;
      for (const candidate of candidates) {
        const base = join(this.pendingDir, candidate.baseName);
        try {
          const opened = await openBundle({
            manifestFile: readFileSync(`${base}.manifest.json`, 'utf8'),
            payload: readFileSync(`${base}.age`),
            identity: this.options.identity,
            trustedKeys: trustedKeys(this.options.dir),
          });
          const outcome = await this.options.store.applyBundle(opened.manifest, opened.events, this.now().toISOString());
          if (outcome.outcome === 'applied') applied.push(opened.manifest);
          removeBundleFiles(base);
        } catch (error) {
          // A pending bundle that no longer opens (its key was withdrawn, the file damaged on disk)
          // is set aside so it cannot block the queue; status shows the gap it leaves.
          if (!(error instanceof BundleError)) throw error;
          this.reject(base, candidate.baseName);
        }
      }
    }
  }

  private keepPending(manifest: BundleManifest, manifestFile: string, payload: Uint8Array): void {
    const base = join(this.pendingDir, bundleBaseName(manifest));
    writeAtomically(`${base}.age`, payload);
    writeAtomically(`${base}.manifest.json`, manifestFile);
  }

  private reject(base: string, baseName: string): void {
    const rejected = join(this.options.dir, 'rejected');
    mkdirSync(rejected, { recursive: true });
    for (const suffix of ['.manifest.json', '.age']) {
      if (existsSync(base + suffix)) renameSync(base + suffix, join(rejected, baseName + suffix));
    }
  }

  /** Pending bundles whose manifest still verifies, in (workstation, profile, fromSeq) order. */
  pendingManifests(): { baseName: string; manifest: BundleManifest }[] {
    const keys = trustedKeys(this.options.dir);
    const found: { baseName: string; manifest: BundleManifest }[] = [];
    for (const name of readdirSync(this.pendingDir)) {
      if (!name.endsWith('.manifest.json')) continue;
      const baseName = name.slice(0, -'.manifest.json'.length);
      try {
        const manifest = readManifest(readFileSync(join(this.pendingDir, name), 'utf8'), keys);
        if (existsSync(join(this.pendingDir, `${baseName}.age`))) found.push({ baseName, manifest });
      } catch {
        // Unreadable manifests are left alone: status lists only what can be applied.
      }
    }
    return found.sort(compareManifests);
  }

  private async receiptFor(workstationId: string, profile: string, applied: BundleManifest[]): Promise<Receipt> {
    const last = await this.options.store.lastSeq(workstationId, profile);
    return {
      format: 1,
      receiptId: randomUUID(),
      workstationId,
      profile,
      acknowledged: applied.map((m) => ({ bundleId: m.bundleId, fromSeq: m.fromSeq, toSeq: m.toSeq })),
      appliedUpTo: last,
      gaps: gapsOf(
        last,
        this.pendingManifests()
          .filter((p) => p.manifest.workstationId === workstationId && p.manifest.profile === profile)
          .map((p) => p.manifest),
      ),
      createdAt: this.now().toISOString(),
    };
  }

  private async statusNow(): Promise<ProfileStatus[]> {
    const byKey = new Map<string, ProfileStatus>();
    const entry = (workstationId: string, profile: string): ProfileStatus => {
      const key = `${workstationId}\u0000${profile}`;
      let status = byKey.get(key);
      if (!status) {
        status = { workstationId, profile, lastSeq: 0, bundles: 0, updatedAt: null, pending: [], gaps: [] };
        byKey.set(key, status);
      }
      return status;
    };
    for (const p of await this.options.store.positions()) Object.assign(entry(p.workstationId, p.profile), p);
    const pending = this.pendingManifests();
    for (const { manifest: m } of pending) {
      entry(m.workstationId, m.profile).pending.push({ bundleId: m.bundleId, fromSeq: m.fromSeq, toSeq: m.toSeq, eventCount: m.eventCount });
    }
    for (const status of byKey.values()) {
      status.gaps = gapsOf(
        status.lastSeq,
        pending.filter((p) => p.manifest.workstationId === status.workstationId && p.manifest.profile === status.profile).map((p) => p.manifest),
      );
    }
    return [...byKey.values()].sort((a, b) => a.workstationId.localeCompare(b.workstationId) || a.profile.localeCompare(b.profile));
  }
}

/** The ranges missing between the last applied sequence and the pending bundles. */
export function gapsOf(lastSeq: number, pending: readonly SeqRange[]): SeqRange[] {
  const gaps: SeqRange[] = [];
  let covered = lastSeq;
  for (const p of [...pending].sort((a, b) => a.fromSeq - b.fromSeq)) {
    if (p.fromSeq > covered + 1) gaps.push({ fromSeq: covered + 1, toSeq: p.fromSeq - 1 });
    covered = Math.max(covered, p.toSeq);
  }
  return gaps;
}

export function gapMessage(manifest: BundleManifest, missing: SeqRange): string {
  return (
    `Bundle ${manifest.fromSeq}..${manifest.toSeq} of workstation ${manifest.workstationId} (profile ${manifest.profile}) ` +
    `cannot be applied yet: events ${missing.fromSeq}..${missing.toSeq} are missing. It is kept pending and applied once the missing bundle arrives.`
  );
}

export function compareManifests(a: { manifest: BundleManifest }, b: { manifest: BundleManifest }): number {
  return (
    a.manifest.workstationId.localeCompare(b.manifest.workstationId) ||
    a.manifest.profile.localeCompare(b.manifest.profile) ||
    a.manifest.fromSeq - b.manifest.fromSeq ||
    a.manifest.toSeq - b.manifest.toSeq
  );
}

function writeAtomically(file: string, data: Uint8Array | string): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

function removeBundleFiles(base: string): void {
  rmSync(`${base}.manifest.json`, { force: true });
  rmSync(`${base}.age`, { force: true });
}
