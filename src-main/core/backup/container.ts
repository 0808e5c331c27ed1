import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sealSchema, type BackupSeal } from './seal';
import { fsyncDirectory } from '../keys/atomic-file';
import { digestWithTrailer, readTrailer, startSideHash, type BodyDigest, type SideHash, type TrailerSource } from './side-hash';
import { startFlusher, type Flusher } from './flusher';

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
/** Below this many bytes of parts the final fsync is short: no flushing thread. */
const FLUSH_MIN_BYTES = 64 * 2 ** 20;

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
  /**
   * A temp file of the caller's (the backup's `VACUUM INTO` copy), removed as soon as its bytes are
   * in the container: its pages are then dropped from memory instead of being written to the disk
   * beside the container's.
   */
  discard?: boolean;
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

/** Write all of `chunk` at the file's current position. */
function writeAll(fd: number, chunk: Buffer, position: number | null = null): void {
  for (let written = 0; written < chunk.length;) {
    written += writeSync(fd, chunk, written, chunk.length - written, position === null ? null : position + written);
  }
}

/** A part's hash in the manifest before it is known: the same length as any SHA-256 in hex. */
const UNKNOWN_SHA256 = '0'.repeat(64);

/**
 * Write the container to `target` atomically: a temp file in the same folder, a check of the temp
 * file as `backup verify` would do it, fsync, rename. A generator so that a job can stop between
 * chunks: whoever abandons it (`return()`) or lets a step throw leaves no temp file, and the final
 * name only appears after the last step.
 *
 * Two passes over the parts' bytes (a decade's store is gigabytes): each source is copied behind a
 * manifest of the same length with the hashes still unknown, and hashed as it is copied (a large
 * part on a second thread that reads the source itself); the manifest is written in its place once
 * the hashes are known. The read-back of the temp file then checks every part's hash against the
 * manifest (and the head against what was written) and gives the hash of the whole body, which
 * becomes the trailer. Meanwhile a third thread flushes the temp file to disk (flusher.ts), so the
 * final fsync does not start writing gigabytes only once everything else is done.
 */
export function* containerSteps(
  target: string,
  head: ManifestHead,
  sources: PartSource[],
  seal?: (manifest: BackupManifest) => BackupSeal,
): Generator<ContainerStep, WrittenContainer> {
  const sizes = sources.map((source) => statSync(source.path).size);
  const manifestOf = (hashes: readonly string[]): BackupManifest => {
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      ...head,
      parts: sources.map((source, i) => ({ name: source.name, bytes: sizes[i]!, sha256: hashes[i]! })),
    };
    // The seal covers the part hashes, so it is made once they are known.
    if (seal) manifest.seal = seal(manifest);
    return manifest;
  };
  // Every field of the final manifest has the length it has here (a SHA-256, a seal's salt and MAC are
  // fixed-length hex), so the parts can go behind it before their hashes are known.
  const reserved = Buffer.byteLength(JSON.stringify(manifestOf(sources.map(() => UNKNOWN_SHA256))), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(reserved);
  const total = sizes.reduce((n, bytes) => n + bytes, 0);

  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  let out: number | null = openSync(temp, 'wx+', 0o600);
  let renamed = false;
  let flusher: Flusher | null = null;
  try {
    writeAll(out, Buffer.concat([BACKUP_MAGIC, length, Buffer.alloc(reserved, 0x20)]));
    if (total >= FLUSH_MIN_BYTES) flusher = startFlusher(temp);
    const buffer = Buffer.alloc(CHUNK);
    const hashes: string[] = [];
    let done = 0;
    yield { phase: 'write', done, total };
    for (const [index, source] of sources.entries()) {
      // A large part's hash on a second thread (reading the source itself) while this one copies it.
      // The read-back below checks the copy against that hash, so the bytes written are the bytes hashed.
      const side = startSideHash(source.path, sizes[index]!, 'digest');
      const fd = openSync(source.path, 'r');
      const hash = side ? null : createHash('sha256');
      let copied = 0;
      try {
        for (let read; (read = readSync(fd, buffer, 0, CHUNK, null)) > 0;) {
          const chunk = buffer.subarray(0, read);
          writeAll(out, chunk);
          hash?.update(chunk);
          copied += read;
          done += read;
          yield { phase: 'write', done, total };
        }
      } finally {
        closeSync(fd);
      }
      // The manifest says the size it had before the copy: a file that changed in between would make it lie.
      if (copied !== sizes[index]) throw new Error(`backup part ${source.name} changed while copying`);
      hashes.push(hash ? hash.digest('hex') : side!.result().body.toString('hex'));
      if (source.discard) unlinkSync(source.path);
    }
    const manifest = manifestOf(hashes);
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    if (manifestBytes.length !== reserved) throw new Error('backup manifest changed length');
    writeAll(out, manifestBytes, HEADER_BYTES);
    const headBytes = Buffer.concat([BACKUP_MAGIC, length, manifestBytes]);
    yield { phase: 'verify', done: 0, total: 1 };
    // Read back what is in the file: a file that does not pass its own check never gets the final name.
    const bodyLength = HEADER_BYTES + reserved + total;
    // The body's hash (the trailer) on a second thread while this one checks every part's hash.
    const body = checkBody(out, bodyLength, {}, startSideHash(temp, bodyLength, 'digest'));
    const parts = body.parts;
    const matches =
      body.problem === null &&
      readExactly(out, headBytes.length, 0).equals(headBytes) &&
      parts.length === hashes.length &&
      parts.every((part, i) => part.ok && part.sha256 === hashes[i] && part.bytes === sizes[i]);
    if (!matches) throw new Error(`backup ${body.problem ?? 'check'} failed on the written file`);
    const digest = body.digest('digest');
    const trailer = digest.body;
    writeAll(out, trailer, bodyLength);
    const bytes = bodyLength + trailer.length;
    const sha256 = digest.whole;
    flusher?.stop();
    // The file is durable by this fsync alone; the flusher only got most of its bytes to the disk earlier.
    fsyncSync(out);
    closeSync(out);
    out = null;
    yield { phase: 'verify', done: 1, total: 1 };
    renameSync(temp, target);
    renamed = true;
    fsyncDirectory(dirname(target));
    return { manifest, bytes, sha256 };
  } finally {
    flusher?.stop();
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
  hash: Hash;
  /** Where the range's bytes are also written as they are read (a deep verification's staged copy). */
  out?: number;
}

/** Hash the first `length` bytes of an open file in chunks (unless another thread does), and each range's bytes into its own hash, in one read. */
function hashBody(fd: number, length: number, body: Hash | null, ranges: readonly HashedRange[]): void {
  const buffer = Buffer.alloc(CHUNK);
  let position = 0;
  while (position < length) {
    const read = readSync(fd, buffer, 0, Math.min(CHUNK, length - position), position);
    if (read === 0) break;
    const chunk = buffer.subarray(0, read);
    body?.update(chunk);
    for (const range of ranges) {
      const from = Math.max(range.start, position);
      const to = Math.min(range.end, position + read);
      if (from >= to) continue;
      const slice = chunk.subarray(from - position, to - position);
      range.hash.update(slice);
      if (range.out !== undefined) writeAll(range.out, slice);
    }
    position += read;
  }
}

const PLAIN_SQLITE_HEADER = 'SQLite format 3\0';

/** What the body (every byte before the trailer) of a container shows, assuming its trailer matches. */
interface BodyCheck {
  problem: Exclude<ContainerProblem, 'unreadable' | 'notABackup' | 'checksumMismatch'> | null;
  manifest: BackupManifest | null;
  parts: PartCheck[];
  /**
   * SHA-256 of the body (what the trailer has to be) and of the whole file with `trailer` (the
   * bytes read after the body, or `'digest'`: the body's digest, a container being written) after it.
   */
  digest(trailer: Buffer | 'digest'): BodyDigest;
}

/**
 * Read the body of a container (magic already checked) once: the manifest first (a few KiB), then
 * ONE pass over the rest feeds the trailer's hash and every part's hash (a decade's store is
 * gigabytes, and each pass costs seconds), and writes each part named in `stage` to its file.
 */
function checkBody(fd: number, bodyLength: number, stage: Partial<Record<PartName, number>> = {}, side: SideHash | null = null): BodyCheck {
  const head = readExactly(fd, HEADER_BYTES, 0);
  const manifestLength = head.readUInt32BE(BACKUP_MAGIC.length);
  const manifestFits = manifestLength <= MAX_MANIFEST_BYTES && HEADER_BYTES + manifestLength <= bodyLength;
  let manifest: BackupManifest | null = null;
  if (manifestFits) {
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(readExactly(fd, manifestLength, HEADER_BYTES).toString('utf8')));
      if (parsed.success) manifest = parsed.data;
    } catch {
      manifest = null;
    }
  }
  const ranges: HashedRange[] = [];
  for (let i = 0, offset = HEADER_BYTES + manifestLength; manifest && i < manifest.parts.length; offset += manifest.parts[i]!.bytes, i++) {
    const available = Math.max(0, Math.min(manifest.parts[i]!.bytes, bodyLength - offset));
    ranges.push({ start: offset, end: offset + available, hash: createHash('sha256'), out: stage[manifest.parts[i]!.name] });
  }
  const hash = side ? null : createHash('sha256');
  hashBody(fd, bodyLength, hash, ranges);
  const digest = (trailer: Buffer | 'digest'): BodyDigest => (hash ? digestWithTrailer(hash, trailer) : side!.result());

  if (!manifestFits) return { problem: 'truncated', manifest: null, parts: [], digest };
  if (!manifest) return { problem: 'manifestInvalid', manifest: null, parts: [], digest };
  if (manifest.version > BACKUP_FORMAT_VERSION) return { problem: 'unsupportedVersion', manifest, parts: [], digest };
  const parts: PartCheck[] = [];
  let offset = HEADER_BYTES + manifestLength;
  for (const [index, part] of manifest.parts.entries()) {
    const available = Math.max(0, Math.min(part.bytes, bodyLength - offset));
    let problem: PartCheck['problem'] = available !== part.bytes ? 'badSize' : ranges[index]!.hash.digest('hex') === part.sha256 ? null : 'checksumMismatch';
    if (!problem && part.name === 'database') problem = databaseShapeProblem(fd, offset, part.bytes);
    parts.push({ ...part, offset, ok: problem === null, problem });
    offset += part.bytes;
  }
  const names = manifest.parts
    .map((p) => p.name)
    .sort()
    .join(',');
  if (offset !== bodyLength || names !== [...PART_NAMES].sort().join(',')) return { problem: 'partsMismatch', manifest, parts, digest };
  return { problem: null, manifest, parts, digest };
}

/**
 * Check a container without any key: the trailer over the whole file, the manifest, each part's
 * SHA-256 and size, and that the database part is not a plain SQLite file. Never throws for a bad
 * file: the result says what fails.
 */
export function checkContainer(path: string): ContainerCheck {
  return checkFile(path, {});
}

/**
 * `checkContainer`, and in the same read each part's bytes copied to its file in `targets` (a
 * deep verification's staged copies: the bytes that were hashed are the bytes staged, and nothing
 * reads the container twice). The copies are not fsynced (temp files); a restore uses `extractPart`.
 */
export function checkAndStage(path: string, targets: Record<PartName, string>): ContainerCheck {
  return checkFile(path, targets);
}

function checkFile(path: string, targets: Partial<Record<PartName, string>>): ContainerCheck {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { ok: false, bytes: 0, sha256: null, problem: 'unreadable', manifest: null, parts: [] };
  }
  const stage: Partial<Record<PartName, number>> = {};
  try {
    const size = fstatSync(fd).size;
    const head = readExactly(fd, HEADER_BYTES, 0);
    if (head.length < HEADER_BYTES || !head.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
      return { ok: false, bytes: size, sha256: null, problem: 'notABackup', manifest: null, parts: [] };
    }
    for (const name of PART_NAMES) {
      const target = targets[name];
      if (target !== undefined) stage[name] = openSync(target, 'wx', 0o600);
    }
    const bodyLength = Math.max(0, size - TRAILER_BYTES);
    // The body's hash on a second thread (reading the file itself) while this one hashes and stages the parts.
    const side = startSideHash(path, bodyLength, { size } satisfies TrailerSource);
    const body = checkBody(fd, bodyLength, stage, side);
    const trailer = readTrailer(fd, bodyLength, size);
    // The file's hash is the body's hash continued with the trailer: no second pass.
    const digest = body.digest(trailer);
    const sha256 = digest.whole;
    const trailerOk = size >= HEADER_BYTES + TRAILER_BYTES && digest.body.equals(trailer);
    // A bad trailer says the file is damaged, whatever else seems wrong (except a newer format).
    const problem = body.problem === 'unsupportedVersion' ? body.problem : trailerOk ? body.problem : 'checksumMismatch';
    const manifest = body.problem === 'truncated' || body.problem === 'manifestInvalid' ? null : body.manifest;
    return {
      ok: problem === null && body.parts.every((p) => p.ok),
      bytes: size,
      sha256,
      problem,
      manifest,
      parts: body.parts,
    };
  } finally {
    for (const out of Object.values(stage)) closeSync(out);
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
