import { z } from 'zod';
import { channel } from './define';
import { empty } from './schemas';
import { TEXT_MAX } from './limits';

/** What a bundle carries: the whole record, the departments' key-attention roster, or counts only. */
export const SYNC_PROFILES = ['full', 'departments', 'statistics'] as const;
export type SyncProfile = (typeof SYNC_PROFILES)[number];

export const SYNC_SCHEDULES = ['manual', 'daily', 'onClose'] as const;
export const BUNDLE_STATUSES = ['created', 'sent', 'acknowledged', 'failed'] as const;

/** `age1` + bech32 body (X25519 recipients are 62 characters in all). */
export const AGE_RECIPIENT_PATTERN = /^age1[02-9ac-hj-np-z]{58}$/;
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const profileSchema = z.enum(SYNC_PROFILES);

export const syncScheduleSchema = z
  .object({
    kind: z.enum(SYNC_SCHEDULES),
    /** HH:mm in the workstation's local time; only for `daily`. */
    at: z.string().regex(TIME_OF_DAY_PATTERN).nullable(),
  })
  .strict();

/** What the administrator sets; the core checks the recipient, the key and the URL (reasons in the sync module). */
export const syncConfigInput = z
  .object({
    serverRecipient: z.string().trim().max(TEXT_MAX.publicKey).nullable(),
    serverSigningKeyPem: z.string().trim().max(TEXT_MAX.pemKey).nullable(),
    folder: z.string().trim().max(TEXT_MAX.path).nullable(),
    url: z.string().trim().max(TEXT_MAX.path).nullable(),
    profiles: z.array(profileSchema).max(SYNC_PROFILES.length),
    schedule: syncScheduleSchema,
  })
  .strict();
export type SyncConfig = z.infer<typeof syncConfigInput>;

export const workstationKeySchema = z.object({
  workstationId: z.string(),
  publicKeyPem: z.string(),
  /** SHA-256 of the public key (DER): what the school IT compares by eye. */
  fingerprint: z.string(),
  fileName: z.string(),
});

export const exportedBundleSchema = z.object({
  bundleId: z.string(),
  profile: z.string(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  eventCount: z.number().int(),
  bytes: z.number().int(),
  destination: z.string().nullable(),
  status: z.enum(BUNDLE_STATUSES),
});

/** The run's report; field names are a public interface (`counsel export run`). */
export const exportRunSchema = z.object({
  bundles: z.array(exportedBundleSchema),
  /** No destination could be reached: the bundles wait and are sent on the next run. */
  destinationAbsent: z.boolean(),
  /** Bundles a receipt found in the folder (or the HTTP answer) acknowledged during the run. */
  acknowledged: z.number().int(),
});

export const historyBundleSchema = exportedBundleSchema.extend({
  destinationKind: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  fileName: z.string(),
  /**
   * How many of this workstation's changes the range fromSeq–toSeq covers. The bundle carries
   * `eventCount` of them: the export's own bookkeeping is never exported, a profile takes only its
   * part (departments: the key-attention list) and statistics carries one event per month.
   */
  rangeRecords: z.number().int(),
});

export const appliedUpdateSchema = z.object({
  bundleId: z.string(),
  kind: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  appliedAt: z.string(),
  /** An inbound bundle's outcome (kind 'inbound'): server sequences applied, already applied, superseded, missing before it. */
  inbound: z
    .object({
      fromSeq: z.number().int(),
      toSeq: z.number().int(),
      applied: z.array(z.number().int()),
      skipped: z.array(z.number().int()),
      superseded: z.array(z.number().int()),
      gaps: z.array(z.object({ fromSeq: z.number().int(), toSeq: z.number().int() })),
      reportsCreated: z.number().int(),
      digestStored: z.boolean(),
      digestEntries: z.number().int(),
    })
    .optional(),
});

/**
 * A student at risk on another workstation, from the school server's latest risk digest: where and
 * with whom, never why (issue 18 item 5).
 */
export const riskElsewhereSchema = z.object({
  studentNo: z.string(),
  workstationId: z.string(),
  workstationName: z.string().nullable(),
  level: z.string().nullable(),
  keyAttention: z.boolean(),
  eventOpen: z.boolean(),
  counselor: z.string().nullable(),
});
export type RiskElsewhere = z.infer<typeof riskElsewhereSchema>;

const receiptFileInput = z
  .object({ fileName: z.string().max(TEXT_MAX.receiptFileName).optional(), contentBase64: z.string().min(1).max(TEXT_MAX.receiptFileBase64) })
  .strict();

export const syncChannels = {
  'sync.getConfig': channel({
    summary: 'The school server settings, the schedule and this workstation’s signing public key.',
    permission: 'sync.run',
    input: empty,
    output: syncConfigInput.extend({ workstation: workstationKeySchema }),
  }),
  'sync.configure': channel({
    summary: 'Set the server’s age recipient and signing key, the destinations, profiles and schedule.',
    permission: 'sync.configure',
    input: syncConfigInput,
    output: syncConfigInput,
  }),
  'sync.workstationKey': channel({
    summary: 'This workstation’s Ed25519 public key (PEM) for the school server to trust; made once.',
    permission: 'sync.run',
    input: empty,
    output: workstationKeySchema,
  }),
  'sync.exportNow': channel({
    summary:
      'Export what the school server has not acknowledged, per profile, to the destinations (a job with progress; `jobs.cancel` stops it between bundles).',
    permission: 'sync.run',
    input: z
      .object({
        profile: profileSchema.optional(),
        /** A folder path or an http(s) URL instead of the configured destinations (the CLI's --to). */
        to: z.string().trim().min(1).max(TEXT_MAX.path).optional(),
        jobId: z.string().max(TEXT_MAX.id).optional(),
      })
      .strict(),
    output: exportRunSchema,
  }),
  'sync.runScheduled': channel({
    summary: 'The host’s hook (app close): export when the schedule says so; nothing otherwise.',
    permission: 'session',
    input: z.object({ trigger: z.enum(['onClose']) }).strict(),
    output: z.object({ ran: z.boolean(), run: exportRunSchema.nullable() }),
  }),
  'sync.importReceipt': channel({
    summary: 'Read a receipt signed by the school server and mark the ranges it covers acknowledged.',
    permission: 'sync.run',
    input: receiptFileInput,
    output: z.object({ acknowledged: z.array(exportedBundleSchema) }),
  }),
  'sync.importUpdate': channel({
    summary: 'Apply a signed roster update from the school server through the roster import; each applies once.',
    permission: 'sync.run',
    input: receiptFileInput.extend({ jobId: z.string().max(TEXT_MAX.id).optional() }).strict(),
    output: appliedUpdateSchema,
  }),
  'sync.riskElsewhere': channel({
    summary: 'For these 学号: who is at risk on another workstation (the latest risk digest from the school server; entries about this workstation left out).',
    permission: 'keyattention.read',
    input: z.object({ studentNos: z.array(z.string().trim().min(1).max(TEXT_MAX.id)).max(500) }).strict(),
    output: z.object({ digestCreatedAt: z.string().nullable(), entries: z.array(riskElsewhereSchema) }),
  }),
  'sync.riskOfMyCases': channel({
    summary: 'Students of this workstation’s open cases who are at risk on another workstation (the workbench list).',
    permission: 'cases.status',
    input: empty,
    output: z.object({
      digestCreatedAt: z.string().nullable(),
      rows: z.array(z.object({ studentId: z.string(), studentNo: z.string(), name: z.string(), entries: z.array(riskElsewhereSchema) })),
    }),
  }),
  'sync.history': channel({
    summary: 'Exported bundles (newest first) and applied server updates.',
    permission: 'sync.run',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ bundles: z.array(historyBundleSchema), updates: z.array(appliedUpdateSchema) }),
  }),
  'sync.status': channel({
    summary: 'Since when nothing was acknowledged, and what waits to be sent (the workbench card).',
    permission: 'sync.run',
    input: empty,
    output: z.object({
      configured: z.boolean(),
      schedule: syncScheduleSchema,
      lastAcknowledgedAt: z.string().nullable(),
      /** Core clock minus the last acknowledgement, so a test clock moves it too. */
      msSinceAcknowledged: z.number().nullable(),
      lastSentAt: z.string().nullable(),
      waiting: z.number().int(),
    }),
  }),
} as const;

/** The reasons (AppError details.reason) the sync core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const SYNC_ERROR_REASONS = [
  'syncBadRecipient',
  'syncBadServerKey',
  'syncBadUrl',
  'syncDailyNeedsTime',
  'syncNotConfigured',
  'syncNoDestination',
  'syncExportRunning',
  'syncReceiptInvalid',
  'syncReceiptOtherWorkstation',
  'syncUpdateInvalid',
  'syncInboundInvalid',
  'syncReturnNotForThisWorkstation',
  'syncUpdateNoStudentNo',
  'updateAlreadyApplied',
] as const;
