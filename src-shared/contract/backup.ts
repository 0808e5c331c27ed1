import { z } from 'zod';
import { channel } from './define';
import { empty } from './schemas';
import { TEXT_MAX } from './limits';
import { accountRefSchema } from './refs';

export const BACKUP_TRIGGERS = ['manual', 'scheduled', 'cli'] as const;

/** A folder or file on this computer (or a mounted USB stick / shared drive). */
// Absolute and without `..` segments: a relative path would land wherever the process runs, and a
// `..` walks out of the folder the administrator picked.
const pathSchema = z
  .string()
  .trim()
  .min(1)
  .max(TEXT_MAX.path)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p) && !/(^|[\\/])\.\.([\\/]|$)/.test(p), { message: 'pathNotAbsolute' });

/** Largest backup the browser shell sends as base64 (a JS string holds ~512M characters); Electron and the CLI pass a path. */
export const MAX_BACKUP_UPLOAD_BYTES = 256 * 1024 * 1024;

export const backupRunSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  folder: z.string(),
  file: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  trigger: z.enum(BACKUP_TRIGGERS),
  createdBy: accountRefSchema.nullable(),
  createdAt: z.string(),
  present: z.boolean(),
});

export const backupScheduleSchema = z
  .object({
    folder: pathSchema.nullable(),
    keep: z.number().int().min(1).max(365),
    dailyAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'backupTimeFormat' })
      .nullable(),
  })
  .strict();

/** What `backup.verify` and `counsel backup verify` report (field names are a public interface). */
export const backupVerificationSchema = z.object({
  ok: z.boolean(),
  file: z.string(),
  bytes: z.number().int(),
  sha256: z.string().nullable(),
  /** The first thing that fails for the file as a whole; null when ok. */
  problem: z.enum(['unreadable', 'notABackup', 'truncated', 'checksumMismatch', 'manifestInvalid', 'unsupportedVersion', 'partsMismatch']).nullable(),
  manifest: z
    .object({
      version: z.number().int(),
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      workstationId: z.string(),
      databaseId: z.string(),
      schoolName: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
  parts: z.array(
    z.object({
      name: z.enum(['keyring', 'database']),
      bytes: z.number().int(),
      sha256: z.string(),
      ok: z.boolean(),
      problem: z.enum(['checksumMismatch', 'notEncrypted', 'badSize']).nullable(),
    }),
  ),
  /** The manifest carries a seal (an HMAC keyed from the database key); backups made before seals do not. */
  sealed: z.boolean(),
  /**
   * Without credentials `notChecked` (the checksums are plain SHA-256 anyone can recompute) or
   * `unsealed`; with a password or the recovery code `authentic` or `forged` (also a stripped seal).
   */
  authenticity: z.enum(['notChecked', 'unsealed', 'authentic', 'forged']),
  /** SQLite's integrity check of the keyed database copy (credentials only). */
  integrity: z.enum(['notChecked', 'ok', 'damaged']),
  auditChain: z.enum(['notChecked', 'intact', 'broken']),
  auditEventsChecked: z.number().int().nullable(),
  /** What this verification could not check (without credentials: everything behind the encryption). */
  notChecked: z.array(z.enum(['authenticity', 'integrity', 'auditChain'])),
});

const backupSourceSchema = z.union([
  z.object({ path: pathSchema }).strict(),
  z
    .object({
      fileName: z.string().max(TEXT_MAX.fileName),
      contentBase64: z
        .string()
        .min(1)
        .max(Math.ceil((MAX_BACKUP_UPLOAD_BYTES * 4) / 3) + 4),
    })
    .strict(),
]);

export const restoreCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recoveryCode'), recoveryCode: z.string().trim().min(1).max(TEXT_MAX.recoveryCodeTyped) }).strict(),
  z
    .object({
      kind: z.literal('password'),
      username: z.string().trim().min(1).max(TEXT_MAX.usernameTyped),
      password: z.string().min(1).max(TEXT_MAX.passwordTyped),
    })
    .strict(),
]);

export const backupChannels = {
  'backup.create': channel({
    summary:
      'Write an encrypted backup (database copy + key ring) into a folder now, while the app keeps running (a job with progress; `jobs.cancel` stops it).',
    permission: 'backup.manage',
    input: z.object({ folder: pathSchema, jobId: z.string().max(TEXT_MAX.id).optional() }).strict(),
    output: backupRunSchema,
  }),
  'backup.list': channel({
    summary: 'Backups made from this workstation, newest first.',
    permission: 'backup.manage',
    input: empty,
    output: z.array(backupRunSchema),
  }),
  'backup.verify': channel({
    summary:
      'Check a backup file: without credentials its checksums, manifest and that the database is encrypted (not its authenticity); with a password or the recovery code also the seal, the database integrity and the audit chain.',
    permission: 'backup.manage',
    input: z.object({ path: pathSchema, credentials: restoreCredentialsSchema.optional() }).strict(),
    output: backupVerificationSchema,
  }),
  'backup.schedule': channel({
    summary: 'The automatic daily backup: folder, time of day and how many to keep.',
    permission: 'backup.manage',
    input: empty,
    output: backupScheduleSchema.extend({ lastScheduledAt: z.string().nullable() }),
  }),
  'backup.saveSchedule': channel({
    summary: 'Change the automatic daily backup (no folder or no time: off).',
    permission: 'backup.manage',
    input: backupScheduleSchema,
    output: backupScheduleSchema.extend({ lastScheduledAt: z.string().nullable() }),
  }),
  'backup.restore': channel({
    summary:
      'First run on a new PC: restore a backup into this empty data folder with the recovery code or an account password of that backup. Refused once the workstation is set up.',
    permission: 'public',
    input: z.object({ source: backupSourceSchema, credentials: restoreCredentialsSchema }).strict(),
    output: z.object({
      schoolName: z.string(),
      createdAt: z.string(),
      username: z.string().nullable(),
      auditEventsChecked: z.number().int(),
      /** False for a backup made before backups were sealed: it passed every other check, its authenticity could not be. */
      authenticated: z.boolean(),
    }),
  }),
} as const;

/** The reasons (AppError details.reason) the backup core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const BACKUP_ERROR_REASONS = [
  'diskFull',
  'backupFolderMissing',
  'backupCopyNotEncrypted',
  'backupWrongRecoveryCode',
  'backupWrongPassword',
  'backupTargetNotEmpty',
  'backupNotReadable',
  'backupChecksumFailed',
  'backupAuditBroken',
  'backupNotAuthentic',
  'backupDatabaseDamaged',
] as const;
