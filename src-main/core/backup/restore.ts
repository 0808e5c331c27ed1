import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors';
import { findPasswordSlot, findRecoverySlot, openSlot, readKeyRing, type KeyRing } from '../keys/keyring';
import { isWellFormedRecoveryCode, normalizeRecoveryCode } from '../keys/recovery-code';
import { openCopyReadOnly, openEncryptedDatabase, type SqliteDatabase } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrate';
import { dataPaths } from '../store/paths';
import { prepareAuditWalker, startAuditWalk, type PreparedWalker } from './audit-walk';
import { checkContainer, extractPart, type ContainerCheck, type PartCheck } from './container';
import { SEALED_MARKER, sealMatches } from './seal';

export type RestoreCredentials = { kind: 'recoveryCode'; recoveryCode: string } | { kind: 'password'; username: string; password: string };

export interface RestoreOutcome {
  dataDir: string;
  schoolName: string;
  workstationId: string;
  createdAt: string;
  auditEventsChecked: number;
  /** False for a backup made before backups were sealed (it passed every other check). */
  authenticated: boolean;
  /** The account whose password opened the backup, to prefill the lock screen. */
  username: string | null;
}

/** What may already sit in a new data folder: the app's log folder, nothing that holds data. */
const HARMLESS_ENTRIES = new Set(['logs']);

/** True when the folder holds a store or key ring (or any file the app did not put there itself). */
export function targetHasData(dataDir: string, options: { strict: boolean }): boolean {
  if (!existsSync(dataDir)) return false;
  const paths = dataPaths(dataDir);
  if (existsSync(paths.keyring) || existsSync(paths.database)) return true;
  return options.strict && readdirSync(dataDir).some((entry) => !HARMLESS_ENTRIES.has(entry));
}

async function unwrapKey(ring: KeyRing, credentials: RestoreCredentials): Promise<Buffer> {
  if (credentials.kind === 'recoveryCode') {
    const slot = findRecoverySlot(ring);
    const key = slot && isWellFormedRecoveryCode(credentials.recoveryCode) ? await openSlot(ring, slot, normalizeRecoveryCode(credentials.recoveryCode)) : null;
    if (!key) throw new AppError('UNAUTHENTICATED', { reason: 'backupWrongRecoveryCode' });
    return key;
  }
  const slot = findPasswordSlot(ring, credentials.username);
  const key = slot ? await openSlot(ring, slot, credentials.password) : null;
  if (!key) throw new AppError('UNAUTHENTICATED', { reason: 'backupWrongPassword' });
  return key;
}

/** Where a restore or a verification stages the two parts. */
export function stagedPaths(staging: string): Record<PartCheck['name'], string> {
  return { keyring: join(staging, 'keyring.json'), database: join(staging, 'counsel.db') };
}

function part(check: ContainerCheck, name: PartCheck['name']): PartCheck {
  const found = check.parts.find((p) => p.name === name);
  if (!found) throw new AppError('DATABASE_INVALID', { reason: 'backupChecksumFailed' });
  return found;
}

/** Move a staged file into place: fsync'd already, rename (same file system), then fsync the folder. */
function moveInto(staged: string, target: string): void {
  renameSync(staged, target);
  if (process.platform === 'win32') return;
  const fd = openSync(dirname(target), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type Authenticity = 'authentic' | 'forged' | 'unsealed';

/** What the key (from the backed-up key ring) shows about a backup that passed the unkeyed checks. */
export interface KeyedInspection {
  /** The seal over the manifest; `forged` too when the seal was stripped from a backup that had one. */
  authenticity: Authenticity;
  /** SQLite's integrity check on the keyed copy (every page, so also every page's authentication tag). */
  integrity: 'ok' | 'damaged';
  auditChain: 'intact' | 'broken' | 'notChecked';
  auditEventsChecked: number;
  firstBroken: unknown;
}

function readMeta(db: SqliteDatabase, id: string): string | undefined {
  return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE id = ?').get(id)?.value;
}

/**
 * `ok` only when SQLite finds nothing wrong; a page that fails to decrypt throws, which is damage too.
 * Both checks read every page of the file, so every page's authentication tag is checked: `full`
 * (`integrity_check`, a restore) also matches every index against its table and checks UNIQUE;
 * `quick` (`quick_check`, a deep verification) leaves those two out (see README.md).
 */
export function integrityOf(db: SqliteDatabase, check: 'full' | 'quick'): 'ok' | 'damaged' {
  try {
    const rows = db
      .prepare(check === 'full' ? 'PRAGMA integrity_check' : 'PRAGMA quick_check')
      .pluck()
      .all();
    return rows.length === 1 && rows[0] === 'ok' ? 'ok' : 'damaged';
  } catch {
    return 'damaged';
  }
}

/**
 * Unwrap the database key from the backup's own key ring with the credentials and look inside:
 * the seal, the integrity of every page, the sealed marker, the database id and the audit chain.
 * Staged copies go into `staging`; the returned `stagedRing`/`stagedDb` are the verified parts.
 * Throws for wrong credentials, a damaged key ring, or a key ring of another database.
 */
export async function inspectWithKey(
  file: string,
  check: ContainerCheck,
  credentials: RestoreCredentials,
  staging: string,
  options: {
    /** Verification only (nothing is restored): the checks open the staged copy itself (read-only) instead of a second copy. */
    probeInPlace?: boolean;
    /** The parts are in `stagedPaths(staging)` already, written by `checkAndStage` as it checked them. */
    staged?: boolean;
    /** `full` for a restore; a verification may take `quick` (see `integrityOf`). */
    integrity?: 'full' | 'quick';
    /** The audit walk's second thread, started by the caller before it read the container (the caller releases it). */
    walker?: PreparedWalker | null;
  } = {},
): Promise<KeyedInspection & { stagedRing: string; stagedDb: string }> {
  const manifest = check.manifest!;
  const { keyring: stagedRing, database: stagedDb } = stagedPaths(staging);
  if (!options.staged) {
    // The staged copies are what gets moved in: they must match the manifest, not just the file
    // checked a moment ago (hashed as they are written, the bytes that went into the copy).
    const staged = { keyring: extractPart(file, part(check, 'keyring'), stagedRing), database: extractPart(file, part(check, 'database'), stagedDb) };
    for (const name of ['keyring', 'database'] as const) {
      if (staged[name] !== part(check, name).sha256) throw new AppError('DATABASE_INVALID', { reason: 'backupChecksumFailed', parts: [name] });
    }
  }
  const ring = readKeyRing(stagedRing);
  const key = await unwrapKey(ring, credentials);
  try {
    let authenticity: Authenticity = manifest.seal ? (sealMatches(manifest, manifest.seal, key) ? 'authentic' : 'forged') : 'unsealed';
    // A probe copy: opening for the checks switches the journal mode, the restored file stays as backed up.
    const probe = options.probeInPlace ? stagedDb : join(staging, 'probe.db');
    if (!options.probeInPlace) extractPart(file, part(check, 'database'), probe);
    let db: SqliteDatabase;
    try {
      // A verification reads its staged copy as it is (nothing written, nothing synced).
      db = options.probeInPlace ? openCopyReadOnly(probe, key) : openEncryptedDatabase(probe, key, { create: false });
    } catch {
      // The ring's key does not read page 1: the copy is damaged there (or is not this ring's).
      return { authenticity, integrity: 'damaged', auditChain: 'notChecked', auditEventsChecked: 0, firstBroken: null, stagedRing, stagedDb };
    }
    // The audit chain is walked on a second thread while SQLite checks every page on this one.
    const walk = startAuditWalk(db, probe, key, { walker: options.walker });
    try {
      const integrity = integrityOf(db, options.integrity ?? 'full');
      if (integrity !== 'ok') return { authenticity, integrity, auditChain: 'notChecked', auditEventsChecked: 0, firstBroken: null, stagedRing, stagedDb };
      // The copy of a sealed backup says so inside the encrypted file: a missing seal is a stripped one.
      if (authenticity === 'unsealed' && readMeta(db, SEALED_MARKER) !== undefined) authenticity = 'forged';
      const databaseId = readMeta(db, 'databaseId');
      if (databaseId !== ring.databaseId || databaseId !== manifest.databaseId) throw new AppError('KEYRING_INVALID', { reason: 'keyringMismatch' });
      const audit = await walk.finish();
      return {
        authenticity,
        integrity,
        auditChain: audit.intact ? 'intact' : 'broken',
        auditEventsChecked: audit.checked,
        firstBroken: audit.firstBroken,
        stagedRing,
        stagedDb,
      };
    } finally {
      await walk.cancel();
      db.close();
    }
  } finally {
    key.fill(0);
  }
}

/** Refuse a container that fails its unkeyed checks (before any credential is tried). */
export function requireSoundContainer(check: ContainerCheck): void {
  if (!check.ok || !check.manifest) {
    throw new AppError('DATABASE_INVALID', {
      reason: check.problem === 'notABackup' || check.problem === 'unreadable' ? 'backupNotReadable' : 'backupChecksumFailed',
      problem: check.problem,
      parts: check.parts.filter((p) => !p.ok).map((p) => p.name),
    });
  }
}

/**
 * Restore a backup into an empty data folder. Everything is checked before the target is touched:
 * the checksums, the credentials (they unwrap the database key from the backed-up key ring), the
 * seal over the manifest and its part hashes, SQLite's integrity check on the keyed copy, that it
 * is this key ring's database, and that the audit chain verifies. Only then are the database and,
 * last, the key ring moved into the target. The files are staged in a sibling folder of the target
 * so the final step is a rename. A backup made before seals existed restores after the other checks.
 */
export async function restoreBackup(
  file: string,
  targetDir: string,
  credentials: RestoreCredentials,
  options: { strictEmpty: boolean },
): Promise<RestoreOutcome> {
  const dataDir = resolve(targetDir);
  if (targetHasData(dataDir, { strict: options.strictEmpty })) throw new AppError('VALIDATION', { reason: 'backupTargetNotEmpty', dataDir });
  // The audit walk's second thread starts now, so that it is ready once the copy is staged.
  const walker = prepareAuditWalker(file);
  try {
    return await restoreChecked(file, dataDir, credentials, options, walker);
  } finally {
    walker?.release();
  }
}

async function restoreChecked(
  file: string,
  dataDir: string,
  credentials: RestoreCredentials,
  options: { strictEmpty: boolean },
  walker: PreparedWalker | null,
): Promise<RestoreOutcome> {
  const check = checkContainer(file);
  requireSoundContainer(check);
  const manifest = check.manifest!;
  if (manifest.schemaVersion > SCHEMA_VERSION) throw new AppError('SCHEMA_TOO_NEW', { databaseVersion: manifest.schemaVersion, appVersion: SCHEMA_VERSION });

  mkdirSync(dirname(dataDir), { recursive: true });
  const staging = mkdtempSync(`${dataDir}.restore-`);
  try {
    const inspection = await inspectWithKey(file, check, credentials, staging, { walker });
    const { stagedRing, stagedDb } = inspection;
    if (inspection.authenticity === 'forged') throw new AppError('DATABASE_INVALID', { reason: 'backupNotAuthentic' });
    if (inspection.integrity !== 'ok') throw new AppError('DATABASE_INVALID', { reason: 'backupDatabaseDamaged' });
    if (inspection.auditChain !== 'intact') throw new AppError('DATABASE_INVALID', { reason: 'backupAuditBroken', firstBroken: inspection.firstBroken });
    const auditEventsChecked = inspection.auditEventsChecked;

    // Checked again just before writing: another process may have set the folder up meanwhile.
    if (targetHasData(dataDir, { strict: options.strictEmpty })) throw new AppError('VALIDATION', { reason: 'backupTargetNotEmpty', dataDir });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const target = dataPaths(dataDir);
    // The key ring goes last: until it exists the folder does not count as set up.
    moveInto(stagedDb, target.database);
    moveInto(stagedRing, target.keyring);
    return {
      dataDir,
      schoolName: manifest.schoolName,
      workstationId: manifest.workstationId,
      createdAt: manifest.createdAt,
      authenticated: inspection.authenticity === 'authentic',
      auditEventsChecked,
      username: credentials.kind === 'password' ? credentials.username.trim().toLowerCase() : null,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
