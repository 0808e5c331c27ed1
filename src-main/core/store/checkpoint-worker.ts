import { parentPort } from 'node:worker_threads';
import { openEncryptedDatabase } from './database';
import { CHECKPOINT_STATE, type CheckpointRequest } from './background-checkpoint';

/**
 * The thread of a background checkpoint (background-checkpoint.ts): its own keyed connection to
 * the store, one PASSIVE checkpoint, then it lets go of the file and says so in the shared state.
 * The connection is never the last one to the store (the core's stays open until it has joined
 * this thread), so closing it neither checkpoints again nor removes the WAL.
 */
parentPort!.once('message', (request: CheckpointRequest) => {
  const state = new Int32Array(request.state);
  if (Atomics.compareExchange(state, 0, CHECKPOINT_STATE.PENDING, CHECKPOINT_STATE.RUNNING) !== CHECKPOINT_STATE.PENDING) {
    // Withdrawn by a join that could not wait for this thread to start: the store is not opened.
    new Uint8Array(request.key).fill(0);
    return;
  }
  let db: ReturnType<typeof openEncryptedDatabase> | null = null;
  try {
    const key = Buffer.from(request.key);
    try {
      db = openEncryptedDatabase(request.file, key, { create: false });
    } finally {
      key.fill(0);
      new Uint8Array(request.key).fill(0);
    }
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Nothing is lost: the WAL's frames are committed, and the core's next write checkpoints them.
  } finally {
    try {
      db?.close();
    } finally {
      Atomics.store(state, 0, CHECKPOINT_STATE.DONE);
      Atomics.notify(state, 0);
    }
  }
});
