import { z } from 'zod';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema, studentWithClassSchema } from './refs';

/** 复学 evidence checklist. */
export const returnEvidenceSchema = z
  .object({
    hospitalCertificate: z.boolean(),
    centerAssessment: z.boolean(),
    guardianUndertaking: z.boolean(),
    supportPlan: z.boolean(),
  })
  .strict();
export type ReturnEvidence = z.infer<typeof returnEvidenceSchema>;

/** The four items a return (复学) needs, in the order the checklist shows them. */
export const RETURN_EVIDENCE_ITEMS = [
  'hospitalCertificate',
  'centerAssessment',
  'guardianUndertaking',
  'supportPlan',
] as const satisfies readonly (keyof ReturnEvidence)[];

export const FOLLOWUP_SOURCES = ['return_checkin', 'postvention', 'crisis_followup', 'key_attention_review', 'manual'] as const;
export const FOLLOWUP_STATUSES = ['open', 'done', 'cancelled'] as const;
export const LEAVE_STATUSES = ['on_leave', 'returned', 'return_refused'] as const;
export const RETURN_OUTCOMES = ['approved', 'deferred', 'not_approved'] as const;
/** Weekly check-ins after a return: at least four weeks (CRISIS.md step 7). */
export const RETURN_CHECKIN_WEEKS = { min: 4, max: 26, default: 4 } as const;
export const POSTVENTION_DUE_DAYS = { min: 1, max: 30, default: 3 } as const;

/** The missing evidence items of a checklist (empty when a return may be approved). */
export function missingReturnEvidence(evidence: ReturnEvidence): (keyof ReturnEvidence)[] {
  return RETURN_EVIDENCE_ITEMS.filter((item) => !evidence[item]);
}

export const followupStudentSchema = studentWithClassSchema;

/**
 * A follow-up task. Generated tasks carry a title of the form `i18n:<kind>[:<n>]`
 * (e.g. `i18n:returnCheckin:2`) that the renderer words in the user's language.
 */
export const followupTaskSchema = z.object({
  id: z.string(),
  student: followupStudentSchema,
  eventId: z.string().nullable(),
  source: z.enum(FOLLOWUP_SOURCES),
  title: z.string(),
  assignedTo: accountRefSchema.nullable(),
  dueAt: z.string(),
  status: z.enum(FOLLOWUP_STATUSES),
  /** Open and due before the core's now. */
  overdue: z.boolean(),
  doneBy: accountRefSchema.nullable(),
  doneAt: z.string().nullable(),
  /** What came of the contact (clinical); a liaison sees it only on tasks they completed. */
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type FollowupTask = z.infer<typeof followupTaskSchema>;

export const returnAssessmentSchema = z.object({
  id: z.string(),
  evidence: returnEvidenceSchema,
  outcome: z.enum(RETURN_OUTCOMES),
  note: z.string().nullable(),
  returnedOn: z.string().nullable(),
  assessedBy: accountRefSchema.nullable(),
  assessedAt: z.string(),
});

export const leaveRecordSchema = z.object({
  id: z.string(),
  student: followupStudentSchema,
  eventId: z.string().nullable(),
  startedOn: z.string(),
  expectedReturnOn: z.string().nullable(),
  reason: z.string(),
  applicationRef: z.string().nullable(),
  status: z.enum(LEAVE_STATUSES),
  assessments: z.array(returnAssessmentSchema),
  createdAt: z.string(),
});
export type LeaveRecord = z.infer<typeof leaveRecordSchema>;

export const postventionPeerSchema = followupStudentSchema.extend({
  dorm: z.string().nullable(),
  /** Why the student is a candidate: shares the dorm (宿舍), the class (班级), or both. */
  relations: z.array(z.enum(['dorm', 'class'])),
  /** Already has an open postvention task for this event. */
  hasOpenTask: z.boolean(),
});

/**
 * Open work a person can hold (issue 14 item 10): what is listed when their account is disabled,
 * what a successor takes over per kind, and what shows as 无人负责 while nobody has it.
 */
export const OPEN_WORK_KINDS = ['tasks', 'crisisSteps', 'crisisEvents', 'keyAttention', 'cases', 'censusFollowups'] as const;
export type OpenWorkKind = (typeof OPEN_WORK_KINDS)[number];
/** Why an item counts as nobody's: no one named, the one named is disabled, or a department step whose department has no liaison. */
export const UNOWNED_REASONS = ['noAssignee', 'assigneeDisabled', 'noDepartmentLiaison'] as const;

export const openWorkItemSchema = z.object({
  kind: z.enum(OPEN_WORK_KINDS),
  id: z.string(),
  /** Null when the viewer may not read students (an administrator without a clinical role). */
  student: z.object({ id: z.string(), studentNo: z.string(), name: z.string(), department: z.string().nullable() }).nullable(),
  /** A label without clinical content: event or case number, batch name, step or task title (`i18n:` titles as in tasks). */
  label: z.string(),
  eventId: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  assignee: accountRefSchema.nullable(),
  reason: z.enum(UNOWNED_REASONS).nullable(),
});
export type OpenWorkItem = z.infer<typeof openWorkItemSchema>;
export const openWorkGroupSchema = z.object({
  kind: z.enum(OPEN_WORK_KINDS),
  count: z.number().int(),
  overdue: z.number().int(),
  items: z.array(openWorkItemSchema),
});
export type OpenWorkGroup = z.infer<typeof openWorkGroupSchema>;

/** Per kind, who takes over a disabled account's open work; a kind left out (or null) becomes 无人负责. */
export const handoverSuccessorsSchema = z
  .object({
    tasks: idSchema.nullable().optional(),
    crisisSteps: idSchema.nullable().optional(),
    crisisEvents: idSchema.nullable().optional(),
    keyAttention: idSchema.nullable().optional(),
    cases: idSchema.nullable().optional(),
    censusFollowups: idSchema.nullable().optional(),
  } satisfies Record<OpenWorkKind, unknown>)
  .strict();
export type HandoverSuccessors = z.infer<typeof handoverSuccessorsSchema>;

const eventOrStudent = <T extends z.ZodObject>(schema: T) =>
  schema.refine((v: { eventId?: string; studentId?: string }) => Boolean(v.eventId || v.studentId), { message: 'eventOrStudent', path: ['studentId'] });

const listOutput = <T extends z.ZodType>(row: T) => z.object({ now: z.string(), rows: z.array(row) });

/** Channels: filled in by the follow-ups module (tasks, leave and return, postvention). */
export const followupChannels = {
  'followups.list': channel({
    summary: "Follow-up tasks, overdue first: mine by default; clinicians may list a student's or an event's tasks.",
    permission: 'followups.work',
    input: z
      .object({
        /** Only tasks assigned to me; defaults to true unless a student or an event is given. Liaisons always get only theirs. */
        mine: z.boolean().optional(),
        /** `all`: every task (also unassigned ones), overdue first, for the director's overview; wins over `mine`. Liaisons always get only theirs. */
        scope: z.enum(['mine', 'all']).optional(),
        studentId: idSchema.optional(),
        eventId: idSchema.optional(),
        status: z.enum(FOLLOWUP_STATUSES).optional(),
        overdueOnly: z.boolean().default(false),
        limit: z.number().int().min(1).max(1000).default(500),
      })
      .strict(),
    output: listOutput(followupTaskSchema),
  }),
  'followups.unowned': channel({
    summary:
      '无人负责: open work nobody has (no one named, a disabled account, a department without a liaison). The director sees all; others the steps of events they own.',
    permission: 'crisis.manage',
    input: empty,
    output: z.object({ now: z.string(), groups: z.array(openWorkGroupSchema) }),
  }),
  'followups.takeOver': channel({
    summary: 'Take an unowned item (or, as the director, give it to someone): audited; refused once someone has it.',
    permission: 'crisis.manage',
    input: z.object({ kind: z.enum(OPEN_WORK_KINDS), id: idSchema, accountId: idSchema.optional() }).strict(),
    output: z.object({ kind: z.enum(OPEN_WORK_KINDS), id: z.string(), assignee: accountRefSchema }),
  }),
  'accounts.openWork': channel({
    summary: "An account's open work by kind (tasks, crisis steps and events, key-attention, cases, census interviews), before it is disabled.",
    permission: 'accounts.manage',
    input: idInput('accountId'),
    output: z.object({ accountId: z.string(), total: z.number().int(), groups: z.array(openWorkGroupSchema) }),
  }),
  'followups.assignees': channel({
    summary: 'Enabled accounts a task can be assigned to (clinicians and department liaisons), names only.',
    permission: 'followups.work',
    input: empty,
    output: z.array(accountRefSchema.extend({ kind: z.enum(['clinical', 'liaison']), department: z.string().nullable() })),
  }),
  'followups.create': channel({
    summary: "Create a follow-up task by hand for a student, assigned to a clinician or a liaison of the student's department.",
    permission: 'crisis.manage',
    input: z
      .object({
        studentId: idSchema,
        eventId: idSchema.nullable().optional(),
        title: z.string().trim().min(1).max(TEXT_MAX.title),
        assignedTo: idSchema,
        dueAt: z.iso.datetime({ offset: true }),
      })
      .strict(),
    output: followupTaskSchema,
  }),
  'followups.complete': channel({
    summary: 'Complete an open task with a note: the assignee, or a clinician.',
    permission: 'followups.work',
    input: z.object({ taskId: idSchema, note: z.string().trim().max(TEXT_MAX.description).default('') }).strict(),
    output: followupTaskSchema,
  }),
  'followups.cancel': channel({
    summary: 'Cancel an open task with a reason (clinicians).',
    permission: 'crisis.manage',
    input: z.object({ taskId: idSchema, reason: z.string().trim().min(1).max(TEXT_MAX.shortReason) }).strict(),
    output: followupTaskSchema,
  }),
  'leave.record': channel({
    summary: "Record a leave of absence (休学); the student's status becomes leave.",
    permission: 'crisis.manage',
    input: z
      .object({
        studentId: idSchema,
        eventId: idSchema.nullable().optional(),
        startedOn: isoDateSchema,
        expectedReturnOn: isoDateSchema.nullable().optional(),
        reason: z.string().trim().min(1).max(TEXT_MAX.reason),
        applicationRef: z.string().trim().max(TEXT_MAX.reference).nullable().optional(),
      })
      .strict(),
    output: leaveRecordSchema,
  }),
  'leave.list': channel({
    summary: 'Leave records with their return assessments: of a student, of an event, or all current ones.',
    permission: 'crisis.manage',
    input: z.object({ studentId: idSchema.optional(), eventId: idSchema.optional(), status: z.enum(LEAVE_STATUSES).optional() }).strict(),
    output: z.array(leaveRecordSchema),
  }),
  'leave.assessReturn': channel({
    summary: 'Assess a return (复学): approval needs all four evidence items; it ends the leave and schedules weekly check-ins.',
    permission: 'crisis.manage',
    input: z
      .object({
        leaveId: idSchema,
        evidence: returnEvidenceSchema,
        outcome: z.enum(RETURN_OUTCOMES),
        note: z.string().trim().max(TEXT_MAX.description).default(''),
        returnedOn: isoDateSchema.nullable().optional(),
        checkinWeeks: z.number().int().min(RETURN_CHECKIN_WEEKS.min).max(RETURN_CHECKIN_WEEKS.max).default(RETURN_CHECKIN_WEEKS.default),
        /** Who makes the check-ins; default: the student's case counselor, else the assessor. */
        counselorId: idSchema.optional(),
      })
      .strict(),
    output: z.object({ leave: leaveRecordSchema, tasks: z.array(followupTaskSchema) }),
  }),
  'postvention.peers': channel({
    summary: 'Close peers to screen after a crisis (危机后干预): students of the same dorm or class.',
    permission: 'crisis.manage',
    input: eventOrStudent(z.object({ eventId: idSchema.optional(), studentId: idSchema.optional() }).strict()),
    output: z.object({ studentId: z.string(), peers: z.array(postventionPeerSchema) }),
  }),
  'postvention.screen': channel({
    summary: 'A screening task per chosen peer; peers with an open postvention task for the event are skipped.',
    permission: 'crisis.manage',
    input: eventOrStudent(
      z
        .object({
          eventId: idSchema.optional(),
          studentId: idSchema.optional(),
          peerIds: z.array(idSchema).min(1).max(200),
          dueInDays: z.number().int().min(POSTVENTION_DUE_DAYS.min).max(POSTVENTION_DUE_DAYS.max).default(POSTVENTION_DUE_DAYS.default),
          counselorId: idSchema.optional(),
        })
        .strict(),
    ),
    output: z.object({ created: z.array(followupTaskSchema), skipped: z.number().int() }),
  }),
} as const;

/** The reasons (AppError details.reason) the followups core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const FOLLOWUPS_ERROR_REASONS = [
  'handoverSuccessorInvalid',
  'handoverSuccessorNotClinical',
  'unownedAssignNotDirector',
  'unownedNotFound',
  'followupEventNotFound',
  'followupEventOtherStudent',
  'followupAssigneeInvalid',
  'followupAssigneeOtherDepartment',
  'followupTaskNotFound',
  'followupTaskNotOpen',
  'leaveAlreadyOpen',
  'leaveReturnBeforeStart',
  'leaveNotFound',
  'leaveAlreadyReturned',
  'returnEvidenceMissing',
  'returnDateRequired',
  'returnBeforeLeave',
] as const;
