import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of a file's first bytes computed on a second thread while this one reads the same bytes
 * for their other hashes (a backup's trailer covers every byte of its parts, which have hashes of
 * their own: two SHA-256 passes over gigabytes at a decade's size). The second thread reads the
 * file itself; this thread waits for it synchronously (the container code is synchronous: the CLI
 * and the daily backup drain it in one go). Where no thread can start or it stops answering, the
 * hash is computed here instead: the same bytes, the same answer.
 *
 * The worker is plain JavaScript with Node's own modules only, so it starts the same from sources,
 * tests and a bundled build (no file to find, no loader).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, length, trailer, shared } = workerData;
const state = new Int32Array(shared, 0, 2);
const out = new Uint8Array(shared, 8, 64);
try {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; position < length; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, length - position), position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      position += read;
      Atomics.add(state, 1, 1);
    }
    let tail;
    if (trailer === 'digest') {
      tail = hash.copy().digest();
    } else {
      const wanted = Math.max(0, Math.min(32, trailer.size - length));
      tail = Buffer.alloc(wanted);
      let done = 0;
      while (done < wanted) {
        const read = readSync(fd, tail, done, wanted - done, length + done);
        if (read === 0) break;
        done += read;
      }
      tail = tail.subarray(0, done);
    }
    const whole = hash.copy().update(tail).digest();
    out.set(hash.digest(), 0);
    out.set(whole, 32);
    Atomics.store(state, 0, 1);
  } finally {
    closeSync(fd);
  }
} catch {
  Atomics.store(state, 0, 2);
}
Atomics.notify(state, 0);
`;

/** What the body's hash gives: its digest (what the trailer must be) and the hash of the whole file, the trailer after the body. */
export interface BodyDigest {
  body: Buffer;
  /** SHA-256 (hex) of the body followed by its trailer. */
  whole: string;
}

/** What follows the body in the whole file's hash: the file's next (up to) 32 bytes, or the body's own digest (a container being written). */
export type TrailerSource = { size: number } | 'digest';

export interface SideHash {
  /** Wait for the other thread (or hash here when it cannot answer). */
  result(): BodyDigest;
}

/** Below this many bytes a second thread costs more than the pass it saves. */
let minBytes = 64 * 2 ** 20;

/** Tests: run the second thread on small files too (returns the previous threshold). */
export function setSideHashThreshold(bytes: number): number {
  const previous = minBytes;
  minBytes = bytes;
  return previous;
}

/** How long the other thread may go without hashing a chunk before this one takes over. */
const STALL_MS = 30_000;

/**
 * Start hashing the first `length` bytes of `path` on another thread; `trailer` says what follows
 * the body in the whole file's hash: the file's own next (up to) 32 bytes, or the body's digest (a
 * container being written). Null when the body is small or no thread starts: hash it in place.
 */
export function startSideHash(path: string, length: number, trailer: TrailerSource): SideHash | null {
  if (length < minBytes) return null;
  const shared = new SharedArrayBuffer(8 + 64);
  const state = new Int32Array(shared, 0, 2);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, length, trailer, shared } });
  } catch {
    return null;
  }
  worker.unref();
  // A failure is seen in the shared state (or as a stall); nothing to report here.
  worker.on('error', () => {});
  return {
    result() {
      let progress = Atomics.load(state, 1);
      let since = Date.now();
      while (Atomics.load(state, 0) === 0) {
        Atomics.wait(state, 0, 0, 1000);
        const now = Atomics.load(state, 1);
        if (now !== progress) {
          progress = now;
          since = Date.now();
        } else if (Date.now() - since > STALL_MS) {
          break;
        }
      }
      if (Atomics.load(state, 0) === 1) {
        const out = new Uint8Array(shared, 8, 64);
        return { body: Buffer.from(out.slice(0, 32)), whole: Buffer.from(out.slice(32, 64)).toString('hex') };
      }
      void worker.terminate();
      return hashHere(path, length, trailer);
    },
  };
}

/** The same hash on this thread (a stalled or failed worker). */
function hashHere(path: string, length: number, trailer: TrailerSource): BodyDigest {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; position < length;) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, length - position), position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      position += read;
    }
    return digestWithTrailer(hash, trailer === 'digest' ? 'digest' : readTrailer(fd, length, trailer.size));
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes after the body (up to 32): what a container's trailer is read as. */
export function readTrailer(fd: number, bodyLength: number, size: number): Buffer {
  const wanted = Math.max(0, Math.min(32, size - bodyLength));
  const tail = Buffer.alloc(wanted);
  let done = 0;
  while (done < wanted) {
    const read = readSync(fd, tail, done, wanted - done, bodyLength + done);
    if (read === 0) break;
    done += read;
  }
  return tail.subarray(0, done);
}

/** A body hash finished: its digest, and the whole file's hash with `trailer` (or the digest itself) after it. */
export function digestWithTrailer(hash: ReturnType<typeof createHash>, trailer: Buffer | 'digest'): BodyDigest {
  const body = hash.copy().digest();
  return { body, whole: hash.update(trailer === 'digest' ? body : trailer).digest('hex') };
}
