import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CallResult, EventName } from '../../../src-shared/contract';
import type { CoreWorkerData, FromWorker, ToWorker } from './protocol';

type Listener = (name: EventName, payload: unknown) => void;

/**
 * The host side of the core worker: `invoke` forwards a call and resolves with its envelope;
 * events fan out to listeners. Electron main and the browser shell both use this.
 */
export class CoreClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (result: CallResult<unknown>) => void>();
  private readonly listeners = new Set<Listener>();
  readonly ready: Promise<void>;

  constructor(data: CoreWorkerData, workerFile: string = defaultWorkerFile()) {
    // Under tsx (dev, CLI, tests) the worker is TypeScript and starts through a loader bootstrap.
    this.worker = workerFile.endsWith('.ts')
      ? new Worker(new URL('./ts-worker-bootstrap.mjs', import.meta.url), { workerData: { ...data, entry: pathToFileURL(workerFile).href } })
      : new Worker(workerFile, { workerData: data });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === 'ready') resolve();
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('exit', () => {
      for (const resolve of this.pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', details: { reason: 'coreStopped' } } });
      this.pending.clear();
    });
  }

  async invoke(channel: string, input: unknown): Promise<CallResult<unknown>> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'call', id, channel, input });
    });
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lock(): void {
    this.post({ type: 'lock' });
  }

  /** Move a `testClock` worker's time forward (end-to-end tests). */
  advanceClock(ms: number): void {
    this.post({ type: 'advanceClock', ms });
  }

  async close(): Promise<void> {
    this.post({ type: 'shutdown' });
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'result') {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    } else if (message.type === 'event') {
      for (const listener of this.listeners) listener(message.name, message.payload);
    }
  }
}

/** Beside this file: `core-worker.js` in the bundle, `core-worker.ts` from source. */
export function defaultWorkerFile(): string {
  const js = fileURLToPath(new URL('./core-worker.js', import.meta.url));
  return existsSync(js) ? js : fileURLToPath(new URL('./core-worker.ts', import.meta.url));
}
