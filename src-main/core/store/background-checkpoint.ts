import { startCoreThread } from '../util/worker-script';

/**
 * The shared state's one Int32: who has the checkpoint. The thread claims it (PENDING → RUNNING)
 * before it opens the store; a join that finds it still unclaimed withdraws it (PENDING →
 * WITHDRAWN), and the thread, once it gets there, leaves the store alone.
 */
export const CHECKPOINT_STATE = { PENDING: 0, DONE: 1, RUNNING: 2, WITHDRAWN: 3 } as const;

/** What the checkpoint thread is sent: the store, its key (transferred, zeroed there once used) and the shared state. */
export interface CheckpointRequest {
  file: string;
  key: ArrayBuffer;
  /** Int32 [0]: a CHECKPOINT_STATE. */
  state: SharedArrayBuffer;
}

/**
 * How long a join waits for the thread to claim its checkpoint. A thread starts in well under a
 * second; one whose module fails to load never claims it, and its error event cannot arrive while
 * the join blocks the event loop: without this bound, closing the store waited its whole deadline.
 */
const CLAIM_WAIT_MS = 5_000;

/** A checkpoint running on its own thread. */
export interface BackgroundCheckpoint {
  /** Whether the thread has let go of the store. */
  done(): boolean;
  /** Waits (blocking, at most `ms`) until the thread has let go of the store; true once it has. */
  join(ms: number): boolean;
}

/**
 * Copies the WAL's committed pages into the store file on another thread, with its own keyed
 * connection. A long import's COMMIT otherwise triggers that checkpoint itself: about a second at
 * a 20,000-student census (135 MB of WAL), during which the core answers no call (issue 19). SQLite
 * lets one connection checkpoint while another writes; the core's own writes meanwhile find the
 * checkpoint busy and go on. Whoever needs the WAL empty or the store closed (destruction's
 * compaction, locking) joins the thread first (OpenStore.background). Null when no thread starts:
 * the caller checkpoints itself, as before. `entry`: the thread's module (a test names one that
 * fails to load).
 */
export function checkpointInBackground(file: string, key: Buffer, entry = 'checkpoint-worker'): BackgroundCheckpoint | null {
  const worker = startCoreThread(import.meta.url, entry);
  if (!worker) return null;
  const shared = new SharedArrayBuffer(4);
  const state = new Int32Array(shared);
  // A thread that fails or stops early has let go of the store as well.
  const release = () => {
    Atomics.store(state, 0, CHECKPOINT_STATE.DONE);
    Atomics.notify(state, 0);
  };
  worker.on('error', release);
  worker.on('exit', release);
  worker.unref();
  // One copy of the key, moved to the thread (which zeroes it once its connection is open).
  const keyCopy = new Uint8Array(key).buffer;
  const request: CheckpointRequest = { file, key: keyCopy, state: shared };
  worker.postMessage(request, [keyCopy]);
  const done = () => {
    const now = Atomics.load(state, 0);
    return now === CHECKPOINT_STATE.DONE || now === CHECKPOINT_STATE.WITHDRAWN;
  };
  /** Blocks while the state is `from`, until `until` at the latest. */
  const waitWhile = (from: number, until: number) => {
    while (Atomics.load(state, 0) === from && Date.now() < until) Atomics.wait(state, 0, from, Math.min(100, Math.max(1, until - Date.now())));
  };
  return {
    done,
    join(ms) {
      const deadline = Date.now() + ms;
      waitWhile(CHECKPOINT_STATE.PENDING, Math.min(deadline, Date.now() + CLAIM_WAIT_MS));
      // Never claimed: withdrawn, so the thread never opens the store (the frames stay in the WAL,
      // committed, for the next checkpoint or the last connection's close).
      if (Atomics.compareExchange(state, 0, CHECKPOINT_STATE.PENDING, CHECKPOINT_STATE.WITHDRAWN) === CHECKPOINT_STATE.PENDING) return true;
      waitWhile(CHECKPOINT_STATE.RUNNING, deadline);
      return done();
    },
  };
}
