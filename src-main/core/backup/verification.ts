import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAndStage, checkContainer, type ContainerCheck } from './container';
import { prepareAuditWalker } from './audit-walk';
import { inspectWithKey, stagedPaths, type KeyedInspection, type RestoreCredentials } from './restore';

/** What a verification could not look at: without the key, everything behind the encryption. */
type Unchecked = 'authenticity' | 'integrity' | 'auditChain';

function publicShape(file: string, check: ContainerCheck) {
  const manifest = check.manifest;
  return {
    ok: check.ok,
    file,
    bytes: check.bytes,
    sha256: check.sha256,
    problem: check.problem,
    manifest: manifest
      ? {
          version: manifest.version,
          appVersion: manifest.appVersion,
          schemaVersion: manifest.schemaVersion,
          workstationId: manifest.workstationId,
          databaseId: manifest.databaseId,
          schoolName: manifest.schoolName,
          createdAt: manifest.createdAt,
        }
      : null,
    parts: check.parts.map((part) => ({ name: part.name, bytes: part.bytes, sha256: part.sha256, ok: part.ok, problem: part.problem })),
    /** The manifest carries a seal (backups made before seals existed do not). */
    sealed: Boolean(manifest?.seal),
  };
}

/**
 * The public shape of a verification without credentials (channel `backup.verify`,
 * `counsel backup verify`): the checksums, the manifest and that the database is encrypted.
 * The checksums are plain SHA-256 that whoever changes the file can recompute, so the answer
 * says that authenticity (and what is inside the encryption) was not checked.
 */
export function verificationOf(file: string, check: ContainerCheck = checkContainer(file)) {
  const shape = publicShape(file, check);
  return {
    ...shape,
    authenticity: (shape.sealed ? 'notChecked' : 'unsealed') as 'notChecked' | 'unsealed' | KeyedInspection['authenticity'],
    integrity: 'notChecked' as 'notChecked' | KeyedInspection['integrity'],
    auditChain: 'notChecked' as KeyedInspection['auditChain'],
    auditEventsChecked: null as number | null,
    notChecked: ['authenticity', 'integrity', 'auditChain'] as Unchecked[],
  };
}

export type BackupVerification = ReturnType<typeof verificationOf>;

/**
 * A deep verification with a password or the recovery code: also the seal, SQLite's integrity
 * check on the keyed copy, the sealed marker and the audit chain (what a restore checks, without
 * restoring). Wrong credentials throw, like a restore. Works in a private temp folder.
 */
export async function deepVerificationOf(file: string, credentials: RestoreCredentials): Promise<BackupVerification> {
  const staging = mkdtempSync(join(tmpdir(), 'counsel-verify-'));
  // The audit walk's second thread starts loading now, while the container is read.
  const walker = prepareAuditWalker(file);
  try {
    // One read of the file checks it and stages the parts (the bytes hashed are the bytes staged).
    const check = checkAndStage(file, stagedPaths(staging));
    const base = verificationOf(file, check);
    // A file that fails its checksums is not looked into further.
    if (!check.ok || !check.manifest) return base;
    // Nothing is restored from a verification: its checks open the staged copy itself, and SQLite's
    // quick check (every page and its tag, not the index-to-table match a restore also checks).
    const inspection = await inspectWithKey(file, check, credentials, staging, { probeInPlace: true, staged: true, integrity: 'quick', walker });
    const notChecked: Unchecked[] = [];
    if (inspection.authenticity === 'unsealed') notChecked.push('authenticity');
    if (inspection.auditChain === 'notChecked') notChecked.push('auditChain');
    return {
      ...base,
      ok: base.ok && inspection.authenticity !== 'forged' && inspection.integrity === 'ok' && inspection.auditChain === 'intact',
      authenticity: inspection.authenticity,
      integrity: inspection.integrity,
      auditChain: inspection.auditChain,
      auditEventsChecked: inspection.auditChain === 'notChecked' ? null : inspection.auditEventsChecked,
      notChecked,
    };
  } finally {
    walker?.release();
    rmSync(staging, { recursive: true, force: true });
  }
}
