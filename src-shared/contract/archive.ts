import { z } from 'zod';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { accountRefSchema } from './refs';

/** A destruction request's way: asked, decided, then carried out (or withdrawn). */
export const DESTRUCTION_STATUSES = ['pending', 'approved', 'rejected', 'carried_out', 'cancelled'] as const;

/**
 * What retention and destruction count in, per student:
 * - `case`: the case with its intake, session notes, addenda, attachments, linked appointments,
 *   waitlist entries, break-glass accesses, and referrals/safety plans/disclosures made in the case;
 * - `assessment`: one assessment with its alerts;
 * - `report`: one 上报 with its alerts;
 * - `crisis`: one crisis event with its steps, notifications, level changes, and the referrals,
 *   safety plans, disclosures, follow-up tasks and leave/return records made for it;
 * - `care`: everything else kept about the student (key-attention entry and history, census
 *   follow-ups, group memberships, appointments, waitlist entries, follow-up tasks, leave records
 *   and referrals not tied to a case or event); its id is the student's id.
 * Group session notes describe the whole group and are not destroyed per student.
 */
export const RECORD_KINDS = ['case', 'assessment', 'report', 'crisis', 'care'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const ARCHIVE_AFTER_DAYS = { min: 0, max: 3650, default: 30 } as const;
export const RETENTION_YEARS = { min: 1, max: 100, default: 10 } as const;

const retentionYears = z.number().int().min(RETENTION_YEARS.min).max(RETENTION_YEARS.max);

export const archiveSettingsSchema = z
  .object({
    afterDays: z.number().int().min(ARCHIVE_AFTER_DAYS.min).max(ARCHIVE_AFTER_DAYS.max),
    retention: z.object({ case: retentionYears, assessment: retentionYears, report: retentionYears, crisis: retentionYears, care: retentionYears }).strict(),
  })
  .strict();
export type ArchiveSettings = z.infer<typeof archiveSettingsSchema>;

const reasonSchema = z.string().trim().min(2).max(TEXT_MAX.shortReason);
const recordRefSchema = z.object({ kind: z.enum(RECORD_KINDS), id: idSchema }).strict();
export type RecordRef = z.infer<typeof recordRefSchema>;

const studentRefSchema = z.object({ id: z.string(), studentNo: z.string(), name: z.string(), department: z.string().nullable() });

export const archivedCaseSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  student: studentRefSchema,
  counselor: accountRefSchema,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
});
export type ArchivedCase = z.infer<typeof archivedCaseSchema>;

/** A record in the due list: its kind, id, a label without content (case no, instrument, event no) and its date. */
export const dueRecordSchema = z.object({ kind: z.enum(RECORD_KINDS), id: z.string(), label: z.string(), date: z.string().nullable() });
export type DueRecord = z.infer<typeof dueRecordSchema>;

/**
 * Why a student's records may not be destroyed now, whatever their age (issue 14 item 12): the
 * student is still at risk or still in care. Each refuses a request and its carrying out.
 */
export const RISK_HOLD_REASONS = ['openCrisisEvent', 'unacknowledgedAlert', 'activeKeyAttention', 'openCase', 'openFollowupTask'] as const;
export type RiskHoldReason = (typeof RISK_HOLD_REASONS)[number];

export const dueStudentSchema = z.object({
  student: studentRefSchema,
  leftAt: z.string(),
  records: z.array(dueRecordSchema),
  /** Records of this student held back by a legal hold (not in `records`). */
  heldCount: z.number().int(),
  /** Non-empty: the student is held back (no request, no carrying out) for these reasons. */
  heldBack: z.array(z.enum(RISK_HOLD_REASONS)),
});
export type DueStudent = z.infer<typeof dueStudentSchema>;

export const legalHoldSchema = z.object({
  id: z.string(),
  student: studentRefSchema,
  recordKind: z.enum(RECORD_KINDS).nullable(),
  recordId: z.string().nullable(),
  reason: z.string(),
  placedBy: accountRefSchema,
  placedAt: z.string(),
  releasedBy: accountRefSchema.nullable(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
});
export type LegalHold = z.infer<typeof legalHoldSchema>;

export const destructionApprovalSchema = z.object({
  account: accountRefSchema,
  roles: z.array(z.string()),
  at: z.string(),
  decision: z.enum(['approve', 'reject']),
  note: z.string().nullable(),
});

export const destructionRequestSchema = z.object({
  id: z.string(),
  student: studentRefSchema,
  records: z.array(recordRefSchema),
  reason: z.string(),
  status: z.enum(DESTRUCTION_STATUSES),
  requestedBy: accountRefSchema,
  requestedAt: z.string(),
  approvals: z.array(destructionApprovalSchema),
  carriedOutAt: z.string().nullable(),
});
export type DestructionRequest = z.infer<typeof destructionRequestSchema>;

export const destructionRecordSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  studentId: z.string(),
  studentNo: z.string(),
  counts: z.record(z.string(), z.number().int()),
  ids: z.array(z.string()),
  reason: z.string(),
  approvedBy: z.array(accountRefSchema),
  destroyedBy: accountRefSchema,
  destroyedAt: z.string(),
});
export type DestructionRecord = z.infer<typeof destructionRecordSchema>;

/** Archive: channels. */
export const archiveChannels = {
  'archive.settings': channel({
    summary: 'The archive period (days after closing) and the retention years per record kind.',
    permission: 'session',
    input: empty,
    output: archiveSettingsSchema,
  }),
  'archive.setSettings': channel({
    summary: 'Change the archive period and the retention years (director).',
    permission: 'archive.manage',
    input: archiveSettingsSchema,
    output: archiveSettingsSchema,
  }),
  'archive.runDue': channel({
    summary: 'Move closed cases past the archive period into the archive; returns how many moved.',
    permission: 'session',
    input: empty,
    output: z.object({ archived: z.number().int() }),
  }),
  'archive.search': channel({
    summary: 'Find archived cases by 学号, name, case number or closing year; no content.',
    permission: 'archive.read',
    input: z
      .object({
        query: z.string().trim().max(TEXT_MAX.searchQuery).default(''),
        closedYear: z.number().int().min(1990).max(2200).optional(),
      })
      .strict(),
    output: z.array(archivedCaseSchema),
  }),
  'archive.dueForDestruction': channel({
    summary:
      'Students whose records are past retention, without the records under a legal hold or already requested; students at risk are listed as held back with the reasons.',
    permission: 'archive.manage',
    input: empty,
    output: z.array(dueStudentSchema),
  }),
  'archive.holds': channel({
    summary: 'Legal holds (法律保全), active first.',
    permission: 'archive.manage',
    input: z.object({ includeReleased: z.boolean().default(false) }).strict(),
    output: z.array(legalHoldSchema),
  }),
  'archive.placeHold': channel({
    summary: 'Place a legal hold on a student, or on one record of the student; a reason is required.',
    permission: 'archive.manage',
    input: z.object({ studentId: idSchema, record: recordRefSchema.optional(), reason: reasonSchema }).strict(),
    output: legalHoldSchema,
  }),
  'archive.releaseHold': channel({
    summary: 'Release a legal hold; a reason is required.',
    permission: 'archive.manage',
    input: z.object({ id: idSchema, reason: reasonSchema }).strict(),
    output: legalHoldSchema,
  }),
  'archive.requestDestruction': channel({
    summary: "Ask to destroy a student's records past retention (all due ones unless listed); needs two approvals.",
    permission: 'archive.manage',
    input: z.object({ studentId: idSchema, records: z.array(recordRefSchema).min(1).max(1000).optional(), reason: reasonSchema }).strict(),
    output: destructionRequestSchema,
  }),
  'archive.destructionRequests': channel({
    summary: 'Destruction requests, open ones (pending or approved) unless all are asked for.',
    permission: 'archive.approve',
    input: z.object({ status: z.enum(['open', 'all']).default('open') }).strict(),
    output: z.array(destructionRequestSchema),
  }),
  'archive.approveDestruction': channel({
    summary: 'Approve a destruction request: the director and one other distinct approver are needed.',
    permission: 'archive.approve',
    input: z.object({ id: idSchema, note: z.string().trim().max(TEXT_MAX.shortReason).optional() }).strict(),
    output: destructionRequestSchema,
  }),
  'archive.rejectDestruction': channel({
    summary: 'Reject a destruction request (with a note); it cannot be carried out.',
    permission: 'archive.approve',
    input: z.object({ id: idSchema, note: reasonSchema }).strict(),
    output: destructionRequestSchema,
  }),
  'archive.carryOut': channel({
    summary: 'Destroy the records of an approved request for good, leave a destruction record, and compact the database.',
    permission: 'archive.manage',
    input: idInput('id'),
    output: destructionRecordSchema,
  }),
  'archive.destructionRecords': channel({
    summary: 'What was destroyed, when, by whom and why (no content).',
    permission: 'archive.approve',
    input: empty,
    output: z.array(destructionRecordSchema),
  }),
} as const;

/** The reasons (AppError details.reason) the archive core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const ARCHIVE_ERROR_REASONS = [
  'caseArchived',
  'archiveStudentNotFound',
  'archiveRecordNotFound',
  'archiveHoldNotFound',
  'archiveHoldReleased',
  'archiveRequestNotFound',
  'archiveStudentAtRisk',
  'archiveRecordHeld',
  'archiveRecordNotDue',
  'archiveNothingDue',
  'archiveAlreadyRequested',
  'archiveRequestNotPending',
  'archiveAlreadyDecided',
  'archiveRequestNotApproved',
] as const;
