import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BundleError, openBundle, type BundleEvent, type BundleManifest } from '../core/sync/bundle/codec';
import type { BundleErrorCode } from '../core/sync/bundle/format';

export interface OpenInput {
  manifestFile: string;
  payload: Uint8Array;
  identity: string;
  trustedKeys: Record<string, string>;
}
export type OpenRequest = OpenInput & { id: number };
export type OpenReply =
  | { id: number; ok: true; manifest: BundleManifest; events: BundleEvent[] }
  | { id: number; ok: false; bundleError: boolean; code: BundleErrorCode | null; message: string; details: Record<string, unknown> };

export interface Opened {
  manifest: BundleManifest;
  events: BundleEvent[];
}

/**
 * Opens bundles (signature, SHA-256, decryption, parsing, manifest checks: all of openBundle) on a
 * worker thread, so that importing a folder of many workstations' bundles verifies the next one
 * while the store applies the current one. The rules are openBundle's: the worker only moves where
 * they run. Where no worker can start, bundles are opened on this thread.
 */
export class BundleOpener {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (opened: Opened) => void; reject: (error: Error) => void }>();

  open(input: OpenInput): Promise<Opened> {
    const worker = this.start();
    if (!worker) return openBundle(input);
    const id = this.nextId++;
    return new Promise<Opened>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: OpenRequest = { id, manifestFile: input.manifestFile, payload: input.payload, identity: input.identity, trustedKeys: input.trustedKeys };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  /** Starts the worker now (it is started by the first `open` otherwise); null where none can start. */
  start(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const file = fileURLToPath(new URL('./bundle-open-worker.ts', import.meta.url));
      // Under tsx (the server runs from its TypeScript sources) the worker starts through the loader bootstrap.
      const worker = new Worker(new URL('../core/worker/ts-worker-bootstrap.mjs', import.meta.url), { workerData: { entry: pathToFileURL(file).href } });
      worker.on('message', (reply: OpenReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', () => {
        this.worker = null;
        this.failAll(new Error('The bundle verifier stopped.'));
      });
      this.worker = worker;
      return worker;
    } catch {
      return null;
    }
  }

  private settle(reply: OpenReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.ok) waiter.resolve({ manifest: reply.manifest, events: reply.events });
    else waiter.reject(reply.bundleError && reply.code ? new BundleError(reply.code, reply.message, reply.details) : new Error(reply.message));
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
