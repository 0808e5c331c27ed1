import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sealSchema, type BackupSeal } from './seal';
import { fsyncDirectory } from '../keys/atomic-file';

/**
 * The backup container (`.cbk`), version 1. One file, read and written in chunks so a large
 * database never has to fit in memory:
 *
 *   offset 0   8 bytes   magic "CNSLBK01"
 *   offset 8   4 bytes   manifest length M (unsigned, big-endian)
 *   offset 12  M bytes   manifest, UTF-8 JSON (see `manifestSchema`)
 *   then       the parts' bytes, back to back, in the manifest's order and lengths
 *   last       32 bytes  SHA-256 of every byte before it (the trailer)
 *
 * Parts: `keyring` (the key ring file exactly as in the data folder: it holds only wrapped keys)
 * and `database` (a `VACUUM INTO` copy of the store, still encrypted with the same database key).
 * Each part's SHA-256 is in the manifest, so a damaged file names the part that fails.
 */
export const BACKUP_MAGIC = Buffer.from('CNSLBK01', 'latin1');
export const BACKUP_FORMAT = 'counsel-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.cbk';
const TRAILER_BYTES = 32;
const HEADER_BYTES = BACKUP_MAGIC.length + 4;
/** A manifest is a few hundred bytes; anything far larger is not one of ours. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
const CHUNK = 1024 * 1024;

export const PART_NAMES = ['keyring', 'database'] as const;
export type PartName = (typeof PART_NAMES)[number];

const partSchema = z.object({
  name: z.enum(PART_NAMES),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  workstationId: z.string(),
  databaseId: z.string(),
  schoolName: z.string(),
  createdAt: z.string(),
  /** SQLite3MC cipher of the database part; the database key itself is only in the wrapped key slots. */
  cipher: z.string(),
  parts: z.array(partSchema),
  /** HMAC over the rest of the manifest with a key derived from the database key (see seal.ts); absent in backups made before it. */
  seal: sealSchema.optional(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
/** What the writer of a backup says; the container adds format, version, parts and seal. */
export type ManifestHead = Omit<BackupManifest, 'format' | 'version' | 'parts' | 'seal'>;
export type ManifestPart = z.infer<typeof partSchema>;

export interface PartSource {
  name: PartName;
  path: string;
}

function sha256OfFile(path: string): { sha256: string; bytes: number } {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(CHUNK);
    let bytes = 0;
    for (let read; (read = readSync(fd, buffer, 0, CHUNK, null)) > 0; bytes += read) hash.update(buffer.subarray(0, read));
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    closeSync(fd);
  }
}

export interface WrittenContainer {
  manifest: BackupManifest;
  bytes: number;
  sha256: string;
}

/** Where a container write is: after each chunk of the parts, then around the check of the temp file. */
export interface ContainerStep {
  phase: 'write' | 'verify';
  done: number;
  total: number;
}

/**
 * Write the container to `target` atomically: a temp file in the same folder, fsync, a check of
 * the temp file as `backup verify` would do it, rename. A generator so that a job can stop
 * between chunks: whoever abandons it (`return()`) or lets a step throw leaves no temp file, and
 * the final name only appears after the last step.
 */
export function* containerSteps(
  target: string,
  head: ManifestHead,
  sources: PartSource[],
  seal?: (manifest: BackupManifest) => BackupSeal,
): Generator<ContainerStep, WrittenContainer> {
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    ...head,
    parts: sources.map((source) => ({ name: source.name, ...sha256OfFile(source.path) })),
  };
  // The seal covers the part hashes, so it is made once they are known.
  if (seal) manifest.seal = seal(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const total = manifest.parts.reduce((n, part) => n + part.bytes, 0);

  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  let out: number | null = openSync(temp, 'wx', 0o600);
  let renamed = false;
  const whole = createHash('sha256');
  let bytes = 0;
  const put = (chunk: Buffer) => {
    writeSync(out!, chunk);
    whole.update(chunk);
    bytes += chunk.length;
  };
  try {
    put(BACKUP_MAGIC);
    put(length);
    put(manifestBytes);
    const buffer = Buffer.alloc(CHUNK);
    let done = 0;
    yield { phase: 'write', done, total };
    for (const [index, source] of sources.entries()) {
      const fd = openSync(source.path, 'r');
      let copied = 0;
      try {
        for (let read; (read = readSync(fd, buffer, 0, CHUNK, null)) > 0;) {
          put(buffer.subarray(0, read));
          copied += read;
          done += read;
          yield { phase: 'write', done, total };
        }
      } finally {
        closeSync(fd);
      }
      // The part was hashed a moment ago: a file that changed in between would make a lying manifest.
      if (copied !== manifest.parts[index]!.bytes) throw new Error(`backup part ${source.name} changed while copying`);
    }
    const trailer = whole.digest();
    writeSync(out, trailer);
    bytes += trailer.length;
    fsyncSync(out);
    closeSync(out);
    out = null;
    yield { phase: 'verify', done: 0, total: 1 };
    // Read back what is on disk: a file that does not pass its own check never gets the final name.
    const check = checkContainer(temp);
    if (!check.ok || check.bytes !== bytes || !check.sha256) throw new Error(`backup ${check.problem ?? 'check'} failed on the written file`);
    yield { phase: 'verify', done: 1, total: 1 };
    renameSync(temp, target);
    renamed = true;
    fsyncDirectory(dirname(target));
    return { manifest, bytes, sha256: check.sha256 };
  } finally {
    if (out !== null) {
      try {
        closeSync(out);
      } catch {
        // already closed
      }
    }
    if (!renamed) {
      try {
        unlinkSync(temp);
      } catch {
        // nothing to remove
      }
    }
  }
}

/** Run steps to the end at once (the CLI and the daily backup, which nobody cancels). */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Run steps, awaiting `between` after each one (a job's checkpoint). When `between` throws, the
 * generator is closed, so its cleanup runs before the error goes on.
 */
export async function driveSteps<S, T>(steps: Generator<S, T>, between: (step: S) => Promise<void>): Promise<T> {
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await between(step.value);
    }
  } finally {
    steps.return(undefined as T);
  }
}

/** Write the container in one go (see `containerSteps`). */
export function writeContainer(target: string, head: ManifestHead, sources: PartSource[], seal?: (manifest: BackupManifest) => BackupSeal): WrittenContainer {
  return drain(containerSteps(target, head, sources, seal));
}

export type ContainerProblem = 'unreadable' | 'notABackup' | 'truncated' | 'checksumMismatch' | 'manifestInvalid' | 'unsupportedVersion' | 'partsMismatch';

export interface PartCheck extends ManifestPart {
  offset: number;
  ok: boolean;
  problem: 'checksumMismatch' | 'notEncrypted' | 'badSize' | null;
}

export interface ContainerCheck {
  ok: boolean;
  bytes: number;
  /** SHA-256 of the whole file as it is on disk (what the history records). */
  sha256: string | null;
  problem: ContainerProblem | null;
  manifest: BackupManifest | null;
  parts: PartCheck[];
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

interface HashedRange {
  start: number;
  end: number;
  hash: ReturnType<typeof createHash>;
}

/** Hash the first `length` bytes of an open file in chunks, and each range's bytes into its own hash, in one read. */
function hashBody(fd: number, length: number, body: ReturnType<typeof createHash>, ranges: readonly HashedRange[]): void {
  const buffer = Buffer.alloc(CHUNK);
  let position = 0;
  while (position < length) {
    const read = readSync(fd, buffer, 0, Math.min(CHUNK, length - position), position);
    if (read === 0) break;
    const chunk = buffer.subarray(0, read);
    body.update(chunk);
    for (const range of ranges) {
      const from = Math.max(range.start, position);
      const to = Math.min(range.end, position + read);
      if (from < to) range.hash.update(chunk.subarray(from - position, to - position));
    }
    position += read;
  }
}

const PLAIN_SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Check a container without any key: the trailer over the whole file, the manifest, each part's
 * SHA-256 and size, and that the database part is not a plain SQLite file. Never throws for a bad
 * file: the result says what fails.
 */
export function checkContainer(path: string): ContainerCheck {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { ok: false, bytes: 0, sha256: null, problem: 'unreadable', manifest: null, parts: [] };
  }
  try {
    const size = fstatSync(fd).size;
    const result = (problem: ContainerProblem | null, extra: Partial<ContainerCheck> = {}): ContainerCheck => ({
      ok: problem === null && (extra.parts ?? []).every((p) => p.ok),
      bytes: size,
      sha256: null,
      problem,
      manifest: null,
      parts: [],
      ...extra,
    });
    const head = readExactly(fd, HEADER_BYTES, 0);
    if (head.length < HEADER_BYTES || !head.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) return result('notABackup');

    const bodyLength = Math.max(0, size - TRAILER_BYTES);
    const manifestLength = head.readUInt32BE(BACKUP_MAGIC.length);
    const manifestFits = manifestLength <= MAX_MANIFEST_BYTES && HEADER_BYTES + manifestLength <= bodyLength;
    // The manifest is read first (a few KiB) so that ONE read of the body feeds the trailer's
    // hash and every part's hash: a decade's store is gigabytes, and each pass costs seconds.
    let manifest: BackupManifest | null = null;
    let manifestProblem: 'manifestInvalid' | null = null;
    if (manifestFits) {
      try {
        const parsed = manifestSchema.safeParse(JSON.parse(readExactly(fd, manifestLength, HEADER_BYTES).toString('utf8')));
        if (parsed.success) manifest = parsed.data;
        else manifestProblem = 'manifestInvalid';
      } catch {
        manifestProblem = 'manifestInvalid';
      }
    }
    const ranges: HashedRange[] = [];
    for (let i = 0, offset = HEADER_BYTES + manifestLength; manifest && i < manifest.parts.length; offset += manifest.parts[i]!.bytes, i++) {
      const available = Math.max(0, Math.min(manifest.parts[i]!.bytes, bodyLength - offset));
      ranges.push({ start: offset, end: offset + available, hash: createHash('sha256') });
    }
    const bodyHash = createHash('sha256');
    hashBody(fd, bodyLength, bodyHash, ranges);
    const trailer = readExactly(fd, Math.min(TRAILER_BYTES, size), bodyLength);
    // The file's hash is the body's hash continued with the trailer: no second pass.
    const sha256 = bodyHash.copy().update(trailer).digest('hex');
    const trailerOk = size >= HEADER_BYTES + TRAILER_BYTES && bodyHash.digest().equals(trailer);

    if (!manifestFits) return result(trailerOk ? 'truncated' : 'checksumMismatch', { sha256 });
    if (manifestProblem || !manifest) return result(trailerOk ? 'manifestInvalid' : 'checksumMismatch', { sha256 });
    if (manifest.version > BACKUP_FORMAT_VERSION) return result('unsupportedVersion', { sha256, manifest });

    const parts: PartCheck[] = [];
    let offset = HEADER_BYTES + manifestLength;
    for (const [index, part] of manifest.parts.entries()) {
      const available = Math.max(0, Math.min(part.bytes, bodyLength - offset));
      const hash = ranges[index]!.hash;
      let problem: PartCheck['problem'] = available !== part.bytes ? 'badSize' : hash.digest('hex') === part.sha256 ? null : 'checksumMismatch';
      if (!problem && part.name === 'database') problem = databaseShapeProblem(fd, offset, part.bytes);
      parts.push({ ...part, offset, ok: problem === null, problem });
      offset += part.bytes;
    }
    const names = manifest.parts
      .map((p) => p.name)
      .sort()
      .join(',');
    if (offset !== bodyLength || names !== [...PART_NAMES].sort().join(',')) {
      return result(trailerOk ? 'partsMismatch' : 'checksumMismatch', { sha256, manifest, parts });
    }
    return result(trailerOk ? null : 'checksumMismatch', { sha256, manifest, parts });
  } finally {
    closeSync(fd);
  }
}

/** Without the key, an encrypted SQLite3MC file shows no plain header and whole pages only. */
function databaseShapeProblem(fd: number, offset: number, bytes: number): PartCheck['problem'] {
  if (bytes < 512 || bytes % 512 !== 0) return 'badSize';
  const header = readExactly(fd, 16, offset).toString('latin1');
  return header === PLAIN_SQLITE_HEADER ? 'notEncrypted' : null;
}

/**
 * Copy one part out of a checked container into its own file (fsynced). Returns the SHA-256 of
 * the bytes written, hashed on the way (reading the copy back only to hash it cost a pass).
 */
export function extractPart(containerPath: string, part: PartCheck, target: string): string {
  const input = openSync(containerPath, 'r');
  const out = openSync(target, 'wx', 0o600);
  const hash = createHash('sha256');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let position = part.offset;
    const end = part.offset + part.bytes;
    while (position < end) {
      const read = readSync(input, buffer, 0, Math.min(CHUNK, end - position), position);
      if (read === 0) throw new Error('backup ended early');
      const chunk = buffer.subarray(0, read);
      for (let written = 0; written < read;) written += writeSync(out, chunk, written);
      hash.update(chunk);
      position += read;
    }
    fsyncSync(out);
    return hash.digest('hex');
  } finally {
    closeSync(out);
    closeSync(input);
  }
}

export function sha256File(path: string): string {
  return sha256OfFile(path).sha256;
}
