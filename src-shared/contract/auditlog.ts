import { z } from 'zod';
import { channel } from './define';
import { empty, idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { accountRefSchema } from './refs';

/**
 * What an inspector asks for ("who viewed, who signed, who exported"), not the raw action
 * strings the modules record: the core maps every action to one of these.
 */
export const AUDIT_CATEGORIES = [
  'view',
  'create',
  'change',
  'sign',
  'unlock',
  'export',
  'print',
  'disclose',
  'break-glass',
  'sign-in',
  'failed-sign-in',
  'other',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200] as const;
/** An export for an inspection holds at most this many events (narrow the filter for more). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const instantSchema = z.iso.datetime({ offset: true });

/** The same filter drives the list and the export. `to` is exclusive. */
export const auditLogFilterSchema = z
  .object({
    actorId: idSchema.optional(),
    studentId: idSchema.optional(),
    categories: z.array(z.enum(AUDIT_CATEGORIES)).max(AUDIT_CATEGORIES.length).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
  })
  .strict();
export type AuditLogFilter = z.infer<typeof auditLogFilterSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** Null for the system itself (setup, migrations, scheduled jobs). */
  actor: accountRefSchema.nullable(),
  action: z.string(),
  category: z.enum(AUDIT_CATEGORIES),
  /** The table (record kind) or a pseudo-entity such as `channel`. */
  entity: z.string(),
  entityId: z.string().nullable(),
  /** A human name of the record where one exists: student name and 学号, case or event number, account name. */
  subject: z.string().nullable(),
  /** Ids, counts, field names, reasons of state changes: never clinical content. */
  details: z.record(z.string(), z.unknown()),
  /** Human names of the records the details point at, by id (so the screen never shows an id). */
  names: z.record(z.string(), z.string()).optional(),
  workstationId: z.string(),
  /** Written on this workstation (the others arrive with imports). */
  thisWorkstation: z.boolean(),
  /** The workstation's name (settings `workstationName`) when it is this one and has a name. */
  workstationName: z.string().optional(),
  /**
   * A bulk operation (a roster or census import, a destruction) shown as one entry: this entry is
   * its last event (the one with the counts); `rows` events in all, `matching` of them match the
   * filter. Its rows come from `auditlog.group`.
   */
  group: z.object({ bulk: z.string(), rows: z.number().int(), matching: z.number().int() }).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string(), at: z.string().nullable() }).nullable(),
});

/** Audit log: channels. */
export const auditLogChannels = {
  'auditlog.list': channel({
    summary: 'Browse the audit log, newest first: by person, student (events on any of their records), action category and time; paged.',
    permission: 'audit.read',
    input: auditLogFilterSchema.extend({
      page: z.number().int().min(1).max(1_000_000).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({
      total: z.number().int(),
      /**
       * True when counting stopped at `total` (twenty pages past the one asked for): more than
       * `total` entries match. The next pages still open; the count grows as one pages on.
       */
      totalCapped: z.boolean().optional(),
      page: z.number().int(),
      pageSize: z.number().int(),
      entries: z.array(auditEntrySchema),
    }),
  }),
  'auditlog.group': channel({
    summary: 'The events of one bulk operation (an entry with `group`) that match the filter, oldest first; paged.',
    permission: 'audit.read',
    input: auditLogFilterSchema.extend({
      bulk: z.string().uuid(),
      /** The seq of the group's entry: the operation's events sit together around it. */
      seq: z.number().int().min(1),
      page: z.number().int().min(1).max(1_000_000).default(1),
      pageSize: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), entries: z.array(auditEntrySchema) }),
  }),
  'auditlog.actors': channel({
    summary: 'Everyone who may appear in the audit log (disabled accounts too), for the person filter.',
    permission: 'audit.read',
    input: empty,
    output: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), disabled: z.boolean() })),
  }),
  'auditlog.students': channel({
    summary: 'Find a student for the audit filter by 学号, name or pinyin (basic data only).',
    permission: 'audit.read',
    input: z.object({ query: z.string().trim().max(TEXT_MAX.searchQuery) }).strict(),
    output: z.array(z.object({ id: z.string(), studentNo: z.string(), name: z.string(), department: z.string().nullable() })),
  }),
  'auditlog.verify': channel({
    summary: 'Walk the hash chain; report intact, or the first broken event with its sequence number and time (audited).',
    permission: 'audit.read',
    input: empty,
    output: auditVerificationSchema,
  }),
  'auditlog.export': channel({
    summary: 'The filtered audit log as .xlsx for an inspection (formula-neutral cells); the export itself is audited.',
    permission: 'audit.read',
    input: auditLogFilterSchema,
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
  }),
} as const;

/** The reasons (AppError details.reason) the auditlog core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const AUDITLOG_ERROR_REASONS = ['auditLogRangeInverted', 'auditLogStudentFilterClinical', 'auditLogExportTooLarge'] as const;
