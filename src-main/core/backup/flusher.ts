import { Worker } from 'node:worker_threads';

/**
 * A file being written, flushed to disk on a second thread while this one goes on writing and
 * checking it. A backup container is gigabytes at a decade's size: its one fsync at the end wrote
 * every byte to the disk (seconds) while this thread only waited. The other thread fsyncs the
 * file every quarter second, so the disk writes the container while it is copied and read back;
 * the writer's own fsync at the end (which alone makes the file durable, flusher or not) then has
 * little left to write. Where no thread starts, nothing changes but the time.
 *
 * Plain JavaScript with Node's own modules only, like side-hash.ts: it starts the same from
 * sources, tests and a bundled build.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { openSync, fsyncSync, closeSync } = require('node:fs');
const state = new Int32Array(workerData.shared);
try {
  // Written to as well, so that the flush also works where it needs a handle that may write (Windows).
  const fd = openSync(workerData.path, 'r+');
  try {
    while (Atomics.load(state, 0) === 0) {
      fsyncSync(fd);
      Atomics.wait(state, 0, 0, 250);
    }
  } finally {
    closeSync(fd);
  }
} catch {
  // The writer's own fsync makes the file durable; a flush that fails here only saves no time.
}
Atomics.store(state, 1, 1);
Atomics.notify(state, 1);
`;

export interface Flusher {
  /** Stop flushing and wait (a little) for the thread to let go of the file. Safe to call twice. */
  stop(): void;
}

/** How long `stop` waits for the other thread's last fsync before going on without it. */
const JOIN_MS = 10_000;

/** Start flushing `path` on another thread (null when no thread starts: the writer's fsync does it all). */
export function startFlusher(path: string): Flusher | null {
  const shared = new SharedArrayBuffer(8);
  const state = new Int32Array(shared);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, shared } });
  } catch {
    return null;
  }
  worker.unref();
  worker.on('error', () => {});
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
      // The thread ends after the fsync it is in; waiting for it keeps the file from being renamed or
      // removed while it is still open there (Windows). A thread that never started has nothing open.
      const deadline = Date.now() + JOIN_MS;
      while (Atomics.load(state, 1) === 0 && Date.now() < deadline) Atomics.wait(state, 1, 0, 100);
    },
  };
}
