import { parentPort } from 'node:worker_threads';
import { auditSliceWalker, sliceBroken, type AuditSlicePlan } from '../audit/audit-verify';
import { openCopyReadOnly } from '../store/database';
import { stopAfter, type WalkerReply, type WalkerRequest } from './audit-walk';

/**
 * The second thread of a backup's audit chain walk (see audit-walk.ts): its own connection to the
 * staged copy, slices taken from the shared counter until none is left, each answer posted as it
 * is known. Any failure is posted too; the thread that started it walks what is left.
 */
parentPort!.once('message', (request: WalkerRequest) => {
  const post = (reply: WalkerReply) => parentPort!.postMessage(reply);
  const claims = new Int32Array(request.claims);
  let db: ReturnType<typeof openCopyReadOnly> | null = null;
  try {
    const key = Buffer.from(request.key);
    try {
      db = openCopyReadOnly(request.file, key);
    } finally {
      key.fill(0);
      new Uint8Array(request.key).fill(0);
    }
    const plan: AuditSlicePlan = request.plan;
    const walk = auditSliceWalker(db, plan);
    for (;;) {
      const slice = Atomics.add(claims, 0, 1);
      if (slice >= Atomics.load(claims, 1)) break;
      const result = walk(slice);
      if (sliceBroken(result)) stopAfter(claims, slice);
      post({ kind: 'slice', slice, result });
    }
    post({ kind: 'done' });
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    db?.close();
  }
});
