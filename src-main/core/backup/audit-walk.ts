import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { AuditVerification } from '../audit/audit-chain';
import { auditSliceWalker, joinAuditSlices, planAuditSlices, sliceBroken, walkAuditChain, type AuditSlice, type AuditSlicePlan } from '../audit/audit-verify';
import type { ReadSqlite } from '../store/read-sqlite';
import { startCoreThread } from '../util/worker-script';

export interface WalkerRequest {
  file: string;
  /** The database key, moved (not copied) to the walker, which clears it once the file is open. */
  key: ArrayBuffer;
  plan: AuditSlicePlan;
  /** Int32 [next slice to take, slices to walk]: both threads take slices from it. */
  claims: SharedArrayBuffer;
}

export type WalkerReply = { kind: 'slice'; slice: number; result: AuditSlice } | { kind: 'done' } | { kind: 'failed'; message: string };

/** No slice after a broken one is needed for the answer: lower the end to just past it. */
export function stopAfter(claims: Int32Array, slice: number): void {
  for (let end = Atomics.load(claims, 1); slice + 1 < end; end = Atomics.load(claims, 1)) {
    if (Atomics.compareExchange(claims, 1, end, slice + 1) === end) return;
  }
}

export interface AuditWalk {
  /** Whether a second thread takes part (1: this thread walks alone, or the chain is walked in one go). */
  readonly threads: 1 | 2;
  /** Walk what is left on this thread, wait for the other one, and give `walkAuditChain`'s answer. */
  finish(): Promise<AuditVerification>;
  /** Stop the other thread without an answer (the copy failed an earlier check); its connection is closed on return. */
  cancel(): Promise<void>;
}

export interface AuditWalkOptions {
  /** A thread started earlier (`prepareAuditWalker`), so its start-up overlapped the container's read. */
  walker?: PreparedWalker | null;
  /** Events per slice (tests take small ones). */
  sliceEvents?: number;
  /** Events per statement run inside a slice (tests take small ones). */
  batchEvents?: number;
  /** Below this many slices the chain is walked on this thread alone (a thread's start costs more). */
  minSlicesForWorker?: number;
  /** Tests: this thread leaves every slice to the worker (and walks only what it did not answer). */
  leaveToWorker?: boolean;
}

/**
 * The audit chain of a keyed copy (a backup's verification or restore), walked on two threads:
 * a worker with its own read connection starts on the first slices at once, while this thread
 * runs SQLite's integrity check; this thread then takes the slices still left. The answer is
 * `walkAuditChain`'s, slice for slice (see `joinAuditSlices`). Where no worker can start (or it
 * fails) this thread walks every slice itself.
 */
export function startAuditWalk(db: ReadSqlite, file: string, key: Buffer, options: AuditWalkOptions = {}): AuditWalk {
  let plan: AuditSlicePlan | null;
  try {
    plan = planAuditSlices(db, options.sliceEvents);
    if (plan && options.batchEvents) plan = { ...plan, batch: options.batchEvents };
  } catch {
    // A copy SQLite cannot read here fails its integrity check first; nothing is walked before that.
    plan = null;
  }
  const useWorker = plan !== null && plan.slices >= (options.minSlicesForWorker ?? 4);
  // A thread started beforehand and not needed here (a short chain) is let go at once.
  let prepared: WalkerThread | null = null;
  if (useWorker) prepared = options.walker?.take() ?? null;
  else options.walker?.release();
  if (!plan) return { threads: 1, finish: async () => walkAuditChain(db), cancel: async () => {} };
  const claims = new Int32Array(new SharedArrayBuffer(8));
  Atomics.store(claims, 1, plan.slices);
  const results = new Map<number, AuditSlice>();
  const worker = useWorker ? startWalker(file, key, plan, claims, results, prepared) : null;
  const walk = auditSliceWalker(db, plan);
  let settled = false;
  return {
    threads: worker ? 2 : 1,
    async finish() {
      if (worker && options.leaveToWorker) await worker.exited;
      for (;;) {
        const slice = Atomics.add(claims, 0, 1);
        if (slice >= Atomics.load(claims, 1)) break;
        const result = walk(slice);
        results.set(slice, result);
        if (sliceBroken(result)) stopAfter(claims, slice);
      }
      if (worker) await worker.exited;
      settled = true;
      const end = Atomics.load(claims, 1);
      const slices: AuditSlice[] = [];
      for (let slice = 0; slice < end; slice++) {
        // A slice the worker took and did not answer (it failed) is walked here.
        let result = results.get(slice);
        if (!result) results.set(slice, (result = walk(slice)));
        slices.push(result);
        if (sliceBroken(result)) break;
      }
      return joinAuditSlices(slices);
    },
    async cancel() {
      if (settled) return;
      settled = true;
      Atomics.store(claims, 1, 0);
      if (worker) await worker.exited;
    },
  };
}

/** A walker thread that waits for its request, and the promise of its exit. */
interface WalkerThread {
  worker: Worker;
  exited: Promise<void>;
}

function spawnWalker(): WalkerThread | null {
  const worker = startCoreThread(import.meta.url, 'audit-walk-worker');
  if (!worker) return null;
  // A failure leaves its slices unanswered: the other thread walks them.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.on('exit', () => resolve()));
  return { worker, exited };
}

/**
 * A walker thread started ahead of the walk: a verification starts it before it reads the container,
 * so the thread's start-up (loading its code: most of a second under tsx) is done by the time the
 * staged copy can be opened. Whoever prepares one calls `release` once done, walked or not.
 */
export interface PreparedWalker {
  /** Hand the thread over to a walk (null once taken or released). */
  take(): WalkerThread | null;
  /** Stop the thread unless a walk took it (safe to call again). */
  release(): void;
}

/** Below this size a container's chain is short: the walk starts its own thread if it needs one. */
const PREPARE_MIN_BYTES = 64 * 2 ** 20;

/** A walker thread for the container `file`, started now when the file is large enough to want one. */
export function prepareAuditWalker(file: string, minBytes = PREPARE_MIN_BYTES): PreparedWalker | null {
  let bytes = 0;
  try {
    bytes = statSync(file).size;
  } catch {
    return null;
  }
  if (bytes < minBytes) return null;
  const thread = spawnWalker();
  if (!thread) return null;
  // Idle, it keeps nothing alive: a verification that stops early does not wait for it.
  thread.worker.unref();
  let state: 'ready' | 'taken' | 'released' = 'ready';
  return {
    take() {
      if (state !== 'ready') return null;
      state = 'taken';
      thread.worker.ref();
      return thread;
    },
    release() {
      if (state !== 'ready') return;
      state = 'released';
      void thread.worker.terminate();
    },
  };
}

function startWalker(
  file: string,
  key: Buffer,
  plan: AuditSlicePlan,
  claims: Int32Array,
  results: Map<number, AuditSlice>,
  prepared: WalkerThread | null,
): { exited: Promise<void> } | null {
  const thread = prepared ?? spawnWalker();
  if (!thread) return null;
  const { worker, exited } = thread;
  worker.on('message', (reply: WalkerReply) => {
    if (reply.kind === 'slice') results.set(reply.slice, reply.result);
  });
  const keyCopy = new Uint8Array(key).slice().buffer;
  const request: WalkerRequest = { file, key: keyCopy, plan, claims: claims.buffer as SharedArrayBuffer };
  worker.postMessage(request, [keyCopy]);
  return { exited };
}
