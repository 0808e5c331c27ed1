import type { Worker } from 'node:worker_threads';
import { BundleError, openBundle, type BundleEvent, type BundleManifest } from '../core/sync/bundle/codec';
import type { BundleErrorCode } from '../core/sync/bundle/format';
import { startCoreThread } from '../core/util/worker-script';
import { prepareRows, type PreparedRows } from './prepared-rows';

export interface OpenInput {
  manifestFile: string;
  payload: Uint8Array;
  identity: string;
  trustedKeys: Record<string, string>;
}
/** `prepare`: the events folded into rows ready to write (prepared-rows.ts) instead of the events. */
export type OpenRequest = OpenInput & { id: number; prepare: boolean };
export type OpenReply =
  | ({ id: number; ok: true } & Opened)
  | { id: number; ok: false; bundleError: boolean; code: BundleErrorCode | null; message: string; details: Record<string, unknown> }
  | { id: 0; ready: true };

export type Opened = { manifest: BundleManifest; events: BundleEvent[] } | { manifest: BundleManifest; prepared: PreparedRows };

/** openBundle, and with `prepare` the rows made ready to write: what the worker does, on any thread. */
export async function openAndPrepare(input: OpenInput, prepare: boolean): Promise<Opened> {
  const { manifest, events } = await openBundle(input);
  return prepare ? { manifest, prepared: prepareRows(manifest.workstationId, manifest.profile, events) } : { manifest, events };
}

/**
 * Opening a bundle of 20,000 events makes about 100 MB that lives only until the rows are posted
 * (the decrypted text, the parsed events, the rows' JSON). With V8's default young generation much
 * of it was copied into the old one and collected there, about a fifth of the thread's time; with
 * room for one bundle's garbage it dies young. 30 workstations × 20,000 events, 7 interleaved runs
 * each (busy machine): median 12.2 s → 10.4 s. A school server has the memory.
 */
const OPENER_YOUNG_GENERATION_MB = 96;

/**
 * Opens bundles (signature, SHA-256, decryption, parsing, manifest checks: all of openBundle) on a
 * worker thread, so that importing a folder of many workstations' bundles verifies the next one
 * while the store applies the current one. The rules are openBundle's: the worker only moves where
 * they run. Where no worker can start, bundles are opened on this thread.
 */
export class BundleOpener {
  private worker: Worker | null = null;
  /** The worker has loaded its code (under tsx that takes longer than opening a bundle). */
  private workerReady = false;
  private readyWaiters: ((ready: boolean) => void)[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (opened: Opened) => void; reject: (error: Error) => void }>();

  /**
   * Opens on the worker; on this thread while the worker is still starting (the bundle would wait
   * for it otherwise) or where none can start.
   */
  open(input: OpenInput, prepare = false): Promise<Opened> {
    const worker = this.start();
    if (!worker || !this.workerReady) return openAndPrepare(input, prepare);
    const id = this.nextId++;
    return new Promise<Opened>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: OpenRequest = {
        id,
        prepare,
        manifestFile: input.manifestFile,
        payload: input.payload,
        identity: input.identity,
        trustedKeys: input.trustedKeys,
      };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.workerReady = false;
    if (worker) await worker.terminate();
  }

  /** Settles once the worker has loaded (true) or cannot start or stopped (false). */
  ready(): Promise<boolean> {
    if (this.workerReady) return Promise.resolve(true);
    if (!this.start()) return Promise.resolve(false);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Starts the worker now (it is started by the first `open` otherwise); null where none can start. */
  start(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const worker = startCoreThread(import.meta.url, 'bundle-open-worker', {
        resourceLimits: { maxYoungGenerationSizeMb: OPENER_YOUNG_GENERATION_MB },
      });
      if (!worker) return null;
      worker.on('message', (reply: OpenReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', () => {
        this.worker = null;
        this.workerReady = false;
        this.failAll(new Error('The bundle verifier stopped.'));
      });
      this.worker = worker;
      return worker;
    } catch {
      return null;
    }
  }

  private settle(reply: OpenReply): void {
    if ('ready' in reply) {
      this.workerReady = true;
      this.settleReady(true);
      return;
    }
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.ok)
      waiter.resolve('prepared' in reply ? { manifest: reply.manifest, prepared: reply.prepared } : { manifest: reply.manifest, events: reply.events });
    else waiter.reject(reply.bundleError && reply.code ? new BundleError(reply.code, reply.message, reply.details) : new Error(reply.message));
  }

  private settleReady(ready: boolean): void {
    for (const resolve of this.readyWaiters.splice(0)) resolve(ready);
  }

  private failAll(error: Error): void {
    this.settleReady(false);
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
