import { startCoreThread } from '../util/worker-script';

/** What the checkpoint thread is sent: the store, its key (transferred, zeroed there once used) and the shared state. */
export interface CheckpointRequest {
  file: string;
  key: ArrayBuffer;
  /** Int32 [0]: 1 once the thread has let go of the store. */
  state: SharedArrayBuffer;
}

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
 * the caller checkpoints itself, as before.
 */
export function checkpointInBackground(file: string, key: Buffer): BackgroundCheckpoint | null {
  const worker = startCoreThread(import.meta.url, 'checkpoint-worker');
  if (!worker) return null;
  const shared = new SharedArrayBuffer(4);
  const state = new Int32Array(shared);
  // A thread that fails or stops early has let go of the store as well.
  const release = () => {
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
  };
  worker.on('error', release);
  worker.on('exit', release);
  worker.unref();
  // One copy of the key, moved to the thread (which zeroes it once its connection is open).
  const keyCopy = new Uint8Array(key).buffer;
  const request: CheckpointRequest = { file, key: keyCopy, state: shared };
  worker.postMessage(request, [keyCopy]);
  const done = () => Atomics.load(state, 0) === 1;
  return {
    done,
    join(ms) {
      const deadline = Date.now() + ms;
      while (!done() && Date.now() < deadline) Atomics.wait(state, 0, 0, Math.min(100, Math.max(1, deadline - Date.now())));
      return done();
    },
  };
}
