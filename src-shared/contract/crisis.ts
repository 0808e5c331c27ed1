import { z } from 'zod';
import { attachmentContentSchema, attachmentRefSchema, attachmentSchema, attachmentUploadSchema } from './attachments';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { accountRefSchema } from './refs';

/** A level of the school's scheme (default 一级 red / 二级 orange / 三级 yellow), with its follow-up cadence. */
export const crisisLevelSchema = z
  .object({
    key: z.string().trim().min(1).max(TEXT_MAX.levelKey),
    label: z.string().trim().min(1).max(TEXT_MAX.label),
    color: z.string().trim().min(1).max(TEXT_MAX.label),
    /** Days between follow-up contacts (and key-attention reviews) at this level. */
    cadenceDays: z.number().int().min(1).max(365),
  })
  .strict();
export type CrisisLevel = z.infer<typeof crisisLevelSchema>;

export const DEFAULT_CRISIS_LEVELS: CrisisLevel[] = [
  { key: '1', label: '一级', color: 'red', cadenceDays: 7 },
  { key: '2', label: '二级', color: 'orange', cadenceDays: 14 },
  { key: '3', label: '三级', color: 'gold', cadenceDays: 30 },
];

/** One step of a crisis template. */
export const crisisTemplateStepSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,39}$/),
    title: z.string().trim().min(1).max(TEXT_MAX.title),
    /** Who owns it: a role of permissions.ts (e.g. counselor, director, liaison). */
    ownerRole: z.string().trim().min(1).max(TEXT_MAX.label),
    /** Minutes after discovery (T0); null for ongoing steps. */
    dueMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 365)
      .nullable(),
    /** Level keys the step applies to; empty = every level. */
    levels: z.array(z.string().max(TEXT_MAX.levelKey)).max(10),
  })
  .strict();

export const crisisTemplateDefinitionSchema = z
  .object({
    steps: z.array(crisisTemplateStepSchema).min(1).max(60),
    /** 发现即办 steps (dueMinutes 0) are due this many minutes after discovery; absent = 15. */
    discoveryGraceMinutes: z.number().int().min(0).max(240).optional(),
  })
  .strict();
export type CrisisTemplateDefinition = z.infer<typeof crisisTemplateDefinitionSchema>;

/** The level scheme as it is saved: at least one level, keys unique (the core checks uniqueness too). */
export const crisisLevelsSchema = z
  .array(crisisLevelSchema)
  .min(1)
  .max(8)
  .refine((levels) => new Set(levels.map((l) => l.key)).size === levels.length, { message: 'crisisDuplicateLevelKey' });

export const CRISIS_EVENT_STATUSES = ['open', 'closing', 'closed'] as const;
export const CRISIS_STEP_STATUSES = ['open', 'done', 'not_applicable'] as const;
export const CRISIS_EVENT_SOURCES = ['manual', 'alert', 'report', 'case', 'key_attention'] as const;

/** A person of the work network (工作网络), e.g. 保卫处值班人员 without an account: name, description, phone. */
const networkRefSchema = z.object({ id: z.string(), name: z.string(), label: z.string(), phone: z.string().nullable() });

export const crisisTemplateSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  definition: crisisTemplateDefinitionSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type CrisisTemplate = z.infer<typeof crisisTemplateSchema>;

/** One checklist step with its timer computed by the core at `now`. */
export const crisisStepSchema = z.object({
  id: z.string(),
  key: z.string(),
  position: z.number().int(),
  title: z.string(),
  ownerRole: z.string(),
  assignedTo: accountRefSchema.nullable(),
  dueMinutes: z.number().int().nullable(),
  levels: z.array(z.string()),
  status: z.enum(CRISIS_STEP_STATUSES),
  /** False when the event's current level excludes the step: kept, but out of the checklist. */
  applicable: z.boolean(),
  doneBy: accountRefSchema.nullable(),
  doneAt: z.string().nullable(),
  /** Clinical content: null for those without crisis.manage. */
  note: z.string().nullable(),
  naReason: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  remainingMs: z.number().nullable(),
  attachments: z.array(attachmentSchema),
  /** When a level drop excluded this step while it was overdue: it stays in the checklist (and overdue) until done or not applicable. */
  overdueAtLevelChange: z.string().nullable(),
  /** The register person the step was given to (someone without an account). */
  assigneePerson: networkRefSchema.nullable().optional(),
  /** Who actually did it, as the staff member who recorded the step said (doneBy is the recorder). */
  doneByPerson: networkRefSchema.nullable().optional(),
});
export type CrisisStep = z.infer<typeof crisisStepSchema>;

export const crisisStudentSchema = z.object({ id: z.string(), studentNo: z.string(), name: z.string(), department: z.string().nullable() });

/** A row of the crisis board. */
export const crisisEventRowSchema = z.object({
  id: z.string(),
  eventNo: z.string(),
  student: crisisStudentSchema,
  level: z.string(),
  status: z.enum(CRISIS_EVENT_STATUSES),
  discoveredAt: z.string(),
  owner: accountRefSchema.nullable(),
  stepsDone: z.number().int(),
  stepsTotal: z.number().int(),
  overdueSteps: z.number().int(),
  /** How long the most overdue step is overdue (0 when none). */
  mostOverdueMs: z.number(),
  /** The earliest deadline among open checklist steps not yet overdue (null when none): the board's second sort key. */
  nextDueAt: z.string().nullable(),
});
export type CrisisEventRow = z.infer<typeof crisisEventRowSchema>;

export const crisisLevelChangeSchema = z.object({
  id: z.string(),
  fromLevel: z.string().nullable(),
  toLevel: z.string(),
  /** Null for those without crisis.manage. */
  reason: z.string().nullable(),
  changedBy: accountRefSchema.nullable(),
  changedAt: z.string(),
});

export const crisisEventDetailSchema = z.object({
  event: crisisEventRowSchema.extend({
    source: z.enum(CRISIS_EVENT_SOURCES),
    caseId: z.string().nullable(),
    alertId: z.string().nullable(),
    reportId: z.string().nullable(),
    templateVersion: z.number().int(),
    /** Clinical content (null without crisis.manage). */
    description: z.string().nullable(),
    summary: z.string().nullable(),
    closeRequestedBy: accountRefSchema.nullable(),
    closeRequestedAt: z.string().nullable(),
    approvedBy: accountRefSchema.nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
  }),
  steps: z.array(crisisStepSchema),
  levelChanges: z.array(crisisLevelChangeSchema),
  /** Whom to notify: the student's guardians and the department's 辅导员; null without crisis.manage. */
  contacts: z
    .object({
      guardians: z.array(z.object({ name: z.string(), relation: z.string().nullable(), phone: z.string().nullable() })),
      departmentCounselor: z.string().nullable(),
    })
    .nullable(),
  /** Whether clinical content was included (crisis.manage). */
  content: z.boolean(),
  /** The core's clock when this was read: the renderer's live timers count from it. */
  now: z.string(),
});
export type CrisisEventDetail = z.infer<typeof crisisEventDetailSchema>;

export const crisisOverdueStepSchema = z.object({
  stepId: z.string(),
  eventId: z.string(),
  eventNo: z.string(),
  student: crisisStudentSchema,
  level: z.string(),
  title: z.string(),
  ownerRole: z.string(),
  dueAt: z.string(),
  overdueMs: z.number(),
});

const reasonSchema = z.string().trim().min(2).max(TEXT_MAX.reason);
/** A step and the reason given, for the two step changes that need one (not applicable, reopen). */
const stepWithReasonInput = z.object({ stepId: idSchema, reason: reasonSchema }).strict();
const noteSchema = z.string().trim().max(TEXT_MAX.longNote);

export const crisisOpenInputSchema = z
  .object({
    studentId: idSchema,
    caseId: idSchema.optional(),
    reportId: idSchema.optional(),
    alertId: idSchema.optional(),
    /** T0; defaults to now; never in the future. */
    discoveredAt: z.iso.datetime({ offset: true }).optional(),
    level: z.string().trim().min(1).max(TEXT_MAX.levelKey),
    description: z.string().trim().min(1).max(TEXT_MAX.longNote),
    ownerId: idSchema.optional(),
  })
  .strict();

export const crisisChannels = {
  'crisis.templates': channel({
    summary: 'Versions of the crisis protocol template, newest first (the default is saved as version 1 on first use).',
    permission: 'crisis.manage',
    input: empty,
    output: z.array(crisisTemplateSchema),
  }),
  'crisis.saveTemplate': channel({
    summary: 'Save the protocol template as a new version; events already open keep theirs.',
    permission: 'crisis.configure',
    input: z.object({ name: z.string().trim().min(1).max(TEXT_MAX.shortName).optional(), definition: crisisTemplateDefinitionSchema }).strict(),
    output: crisisTemplateSchema,
  }),
  'crisis.levels': channel({
    summary: 'The risk level scheme (highest first): labels, colours, follow-up cadence.',
    permission: 'session',
    input: empty,
    output: z.array(crisisLevelSchema),
  }),
  'crisis.setLevels': channel({
    summary: 'Save the risk level scheme (unique keys, at least one level).',
    permission: 'crisis.configure',
    input: z.object({ levels: crisisLevelsSchema }).strict(),
    output: z.array(crisisLevelSchema),
  }),
  'crisis.open': channel({
    summary: 'Open a crisis event (from a student file, case, report or alert): copies the current template and, from an alert, acknowledges it.',
    permission: 'crisis.manage',
    input: crisisOpenInputSchema,
    output: z.object({ id: z.string(), eventNo: z.string() }),
  }),
  'crisis.get': channel({
    summary: 'One event with its checklist, timers and level history (liaisons: level, status and their steps, no content).',
    permission: 'crisis.read',
    input: idInput('id'),
    output: crisisEventDetailSchema,
  }),
  'crisis.openForStudent': channel({
    summary: "The student's crisis events not yet closed (normally none or one), so every screen can lead to the open event instead of opening another.",
    permission: 'crisis.read',
    input: idInput('studentId'),
    output: z.object({ events: z.array(crisisEventRowSchema) }),
  }),
  'crisis.board': channel({
    summary: 'Open events by urgency: overdue first (most overdue first), then the next deadline, then level; liaisons see their own department.',
    permission: 'crisis.read',
    input: z
      .object({
        department: z.string().max(TEXT_MAX.department).optional(),
        studentId: idSchema.optional(),
        status: z.enum(['open', 'all']).default('open'),
        /** With `all`: how many closed events, the most recently closed first (default 100). Events not closed are always all there. */
        closedLimit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    output: z.object({
      now: z.string(),
      /** Every event not closed (by urgency), then with `all` the closed ones asked for, most recently closed first. */
      rows: z.array(crisisEventRowSchema),
      /** With `all`: how many closed events there are in all (more than shown: the screen offers the rest). */
      closedTotal: z.number().int().optional(),
    }),
  }),
  'crisis.completeStep': channel({
    summary: 'Mark a step done with a note and optional scanned forms (kept inside the encrypted database).',
    permission: 'crisis.read',
    input: z
      .object({
        stepId: idSchema,
        note: noteSchema.default(''),
        attachments: z.array(attachmentUploadSchema).max(5).default([]),
        /** The register person who did it (保卫处、校医院), when not the recorder. */
        doneByPersonId: idSchema.nullable().optional(),
      })
      .strict(),
    output: crisisStepSchema,
  }),
  'crisis.markNotApplicable': channel({
    summary: 'Mark a step not applicable, with the reason.',
    permission: 'crisis.manage',
    input: stepWithReasonInput,
    output: crisisStepSchema,
  }),
  'crisis.reopenStep': channel({
    summary: 'Reopen a step marked done or not applicable, with the reason.',
    permission: 'crisis.manage',
    input: stepWithReasonInput,
    output: crisisStepSchema,
  }),
  'crisis.assignStep': channel({
    summary: 'Give a step to a named person: an account, and/or a person of the work network without one (or take it back with null).',
    permission: 'crisis.manage',
    input: z.object({ stepId: idSchema, accountId: idSchema.nullable(), personId: idSchema.nullable().optional() }).strict(),
    output: crisisStepSchema,
  }),
  'crisis.assignees': channel({
    summary: 'Who a step can be given to: enabled clinical and liaison accounts.',
    permission: 'crisis.manage',
    input: empty,
    output: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()), department: z.string().nullable() })),
  }),
  'crisis.stepAttachment': channel({
    summary: "A step's attachment with its content, to save.",
    permission: 'crisis.manage',
    input: attachmentRefSchema,
    output: attachmentContentSchema,
  }),
  'crisis.setLevel': channel({
    summary: "Change an event's level with the reason; the steps that apply follow the level.",
    permission: 'crisis.manage',
    input: z.object({ id: idSchema, level: z.string().trim().min(1).max(TEXT_MAX.levelKey), reason: reasonSchema }).strict(),
    output: crisisEventDetailSchema,
  }),
  'crisis.requestClose': channel({
    summary: 'Ask the director to close the event, with the closing summary.',
    permission: 'crisis.manage',
    input: z.object({ id: idSchema, summary: z.string().trim().min(2).max(TEXT_MAX.longNote) }).strict(),
    output: crisisEventDetailSchema,
  }),
  'crisis.approveClose': channel({
    summary: 'The director approves closing the event.',
    permission: 'crisis.approve',
    input: idInput('id'),
    output: crisisEventDetailSchema,
  }),
  'crisis.rejectClose': channel({
    summary: 'The director sends the event back to open, with the reason.',
    permission: 'crisis.approve',
    input: z.object({ id: idSchema, reason: reasonSchema }).strict(),
    output: crisisEventDetailSchema,
  }),
  'crisis.overdue': channel({
    summary: "Overdue steps of the signed-in person (their roles' steps and steps given to them; the director sees all).",
    permission: 'crisis.read',
    input: empty,
    output: z.object({ now: z.string(), steps: z.array(crisisOverdueStepSchema) }),
  }),
  'crisis.summaries': channel({
    summary: 'De-identified counts of events by month, level and department (no names, no content).',
    permission: 'crisis.summary',
    input: z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict(),
    output: z.object({
      levels: z.array(crisisLevelSchema),
      rows: z.array(z.object({ month: z.string(), level: z.string(), department: z.string().nullable(), count: z.number().int(), open: z.number().int() })),
    }),
  }),
  'crisis.recordPrint': channel({
    summary: 'Record that the crisis report was printed (audit).',
    permission: 'crisis.manage',
    input: idInput('id'),
    output: z.object({ recorded: z.literal(true) }),
  }),
} as const;

/** The reasons (AppError details.reason) the crisis core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const CRISIS_ERROR_REASONS = [
  'crisisUnknownLevel',
  'crisisDuplicateLevelKey',
  'crisisLevelInUse',
  'crisisDuplicateStepKey',
  'crisisUnknownRole',
  'crisisOtherDepartment',
  'crisisEventClosed',
  'crisisEventNotFound',
  'crisisStudentNotFound',
  'crisisDiscoveredInFuture',
  'crisisOtherStudent',
  'crisisAlertNotFound',
  'crisisAlertAcknowledged',
  'crisisOwnerNotClinical',
  'crisisStepNotFound',
  'crisisStepNotOpen',
  'crisisStepOutsideLevel',
  'crisisStepNotYours',
  'crisisStepAlreadyOpen',
  'crisisAssigneeInvalid',
  'crisisAssigneeOtherDepartment',
  'crisisLevelUnchanged',
  'crisisEventNotOpen',
  'crisisCloseNotRequested',
  'crisisEventOpen',
  'crisisStepsOpen',
] as const;
