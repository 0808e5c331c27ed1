import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors';
import { verifyAuditChain } from '../audit/audit-chain';
import { findPasswordSlot, findRecoverySlot, openSlot, readKeyRing, type KeyRing } from '../keys/keyring';
import { isWellFormedRecoveryCode, normalizeRecoveryCode } from '../keys/recovery-code';
import { openEncryptedDatabase } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrate';
import { dataPaths } from '../store/paths';
import { checkContainer, extractPart, sha256File, type ContainerCheck, type PartCheck } from './container';

export type RestoreCredentials = { kind: 'recoveryCode'; recoveryCode: string } | { kind: 'password'; username: string; password: string };

export interface RestoreOutcome {
  dataDir: string;
  schoolName: string;
  workstationId: string;
  createdAt: string;
  auditEventsChecked: number;
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

/**
 * Restore a backup into an empty data folder. Everything is checked before the target is touched:
 * the checksums, the credentials (they unwrap the database key from the backed-up key ring), that
 * the key opens the database copy, that it is this key ring's database, and that the audit chain
 * verifies. Only then are the database and, last, the key ring moved into the target.
 * The files are staged in a sibling folder of the target so the final step is a rename.
 */
export async function restoreBackup(file: string, targetDir: string, credentials: RestoreCredentials, options: { strictEmpty: boolean }): Promise<RestoreOutcome> {
  const dataDir = resolve(targetDir);
  if (targetHasData(dataDir, { strict: options.strictEmpty })) throw new AppError('VALIDATION', { reason: 'backupTargetNotEmpty', dataDir });
  const check = checkContainer(file);
  if (!check.ok || !check.manifest) {
    throw new AppError('DATABASE_INVALID', { reason: check.problem === 'notABackup' || check.problem === 'unreadable' ? 'backupNotReadable' : 'backupChecksumFailed', problem: check.problem, parts: check.parts.filter((p) => !p.ok).map((p) => p.name) });
  }
  if (check.manifest.schemaVersion > SCHEMA_VERSION) throw new AppError('SCHEMA_TOO_NEW', { databaseVersion: check.manifest.schemaVersion, appVersion: SCHEMA_VERSION });

  mkdirSync(dirname(dataDir), { recursive: true });
  const staging = mkdtempSync(`${dataDir}.restore-`);
  try {
    const stagedRing = join(staging, 'keyring.json');
    const stagedDb = join(staging, 'counsel.db');
    extractPart(file, part(check, 'keyring'), stagedRing);
    extractPart(file, part(check, 'database'), stagedDb);
    // The staged copies are what gets moved in: they must match the manifest, not just the file checked a moment ago.
    for (const [name, staged] of [['keyring', stagedRing], ['database', stagedDb]] as const) {
      if (sha256File(staged) !== part(check, name).sha256) throw new AppError('DATABASE_INVALID', { reason: 'backupChecksumFailed', parts: [name] });
    }
    const ring = readKeyRing(stagedRing);
    const key = await unwrapKey(ring, credentials);
    let auditEventsChecked = 0;
    try {
      // A probe copy: opening for the checks switches the journal mode, the restored file stays as backed up.
      const probe = join(staging, 'probe.db');
      extractPart(file, part(check, 'database'), probe);
      const db = openEncryptedDatabase(probe, key, { create: false });
      try {
        const databaseId = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE id = 'databaseId'").get()?.value;
        if (databaseId !== ring.databaseId || databaseId !== check.manifest.databaseId) throw new AppError('KEYRING_INVALID', { reason: 'keyringMismatch' });
        const audit = verifyAuditChain(db);
        if (!audit.intact) throw new AppError('DATABASE_INVALID', { reason: 'backupAuditBroken', firstBroken: audit.firstBroken });
        auditEventsChecked = audit.checked;
      } finally {
        db.close();
      }
    } finally {
      key.fill(0);
    }

    // Checked again just before writing: another process may have set the folder up meanwhile.
    if (targetHasData(dataDir, { strict: options.strictEmpty })) throw new AppError('VALIDATION', { reason: 'backupTargetNotEmpty', dataDir });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const target = dataPaths(dataDir);
    // The key ring goes last: until it exists the folder does not count as set up.
    moveInto(stagedDb, target.database);
    moveInto(stagedRing, target.keyring);
    return {
      dataDir,
      schoolName: check.manifest.schoolName,
      workstationId: check.manifest.workstationId,
      createdAt: check.manifest.createdAt,
      auditEventsChecked,
      username: credentials.kind === 'password' ? credentials.username.trim().toLowerCase() : null,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
