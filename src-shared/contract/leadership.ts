import { z } from 'zod';
import { channel } from './define';
import { personRefSchema } from './family';
import { empty, idInput, idSchema } from './schemas';
import { statisticsPeriodSchema } from './statistics';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema, optionalText } from './refs';

/** A leadership decision's task: open until done. */
export const LEADERSHIP_DECISION_STATUSES = ['open', 'done'] as const;

/**
 * 领导小组 in the loop (工作方案 二(一)、二(二)): the escalation of a top-level crisis event
 * (启动应急预案) with its decisions tracked to done, the group's approval (审定) of the crisis
 * template and level scheme versions, and the written part of the work report with its delivery.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const pastInstant = z.iso.datetime({ offset: true });
const personRef = z.object({ personId: z.string().nullable(), name: z.string() });

export const leadershipDecisionSchema = z.object({
  id: z.string(),
  escalationId: z.string(),
  eventId: z.string(),
  text: z.string(),
  assignee: personRef,
  dueOn: z.string().nullable(),
  status: z.enum(LEADERSHIP_DECISION_STATUSES),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  doneRecordedBy: accountRefSchema.nullable(),
  createdBy: accountRefSchema.nullable(),
  createdAt: z.string(),
});
export type LeadershipDecision = z.infer<typeof leadershipDecisionSchema>;

export const leadershipEscalationSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  /** When the emergency plan was started (启动应急预案). */
  planStartedAt: z.string(),
  /** Who decided (e.g. 组长 of the leadership group, from the register). */
  decidedBy: personRef,
  /** The level of the event when it was escalated. */
  level: z.string(),
  note: z.string().nullable(),
  recordedBy: accountRefSchema.nullable(),
  createdAt: z.string(),
});
export type LeadershipEscalation = z.infer<typeof leadershipEscalationSchema>;

/** A decision still open, with its event, for the event page and the director's workbench. */
export const openDecisionSchema = leadershipDecisionSchema.extend({
  eventNo: z.string(),
  level: z.string(),
  student: z.object({ id: z.string(), studentNo: z.string(), name: z.string() }),
  overdue: z.boolean(),
});
export type OpenDecision = z.infer<typeof openDecisionSchema>;

export const APPROVAL_SUBJECTS = ['crisis_template', 'crisis_levels'] as const;

export const leadershipApprovalSchema = z.object({
  id: z.string(),
  subject: z.enum(APPROVAL_SUBJECTS),
  /** The template version's id, or the level scheme's content digest. */
  subjectRef: z.string(),
  approvedOn: z.string(),
  meeting: z.string(),
  minutesRef: z.string().nullable(),
  recordedBy: accountRefSchema.nullable(),
  createdAt: z.string(),
});
export type LeadershipApproval = z.infer<typeof leadershipApprovalSchema>;

/** Work-report periods: a semester or a school year (the written part follows the figures' period). */
export const workReportPeriodSchema = z.discriminatedUnion('kind', [statisticsPeriodSchema.options[1], statisticsPeriodSchema.options[2]]);
const reportKey = { period: workReportPeriodSchema, department: z.string().trim().min(1).max(TEXT_MAX.department).nullable().optional() };

export const WORK_REPORT_DELIVERY_WAYS = ['meeting', 'written', 'email', 'other'] as const;

export const workReportDeliverySchema = z.object({
  id: z.string(),
  deliveredOn: z.string(),
  recipients: z.array(personRef),
  way: z.enum(WORK_REPORT_DELIVERY_WAYS),
  note: z.string().nullable(),
  recordedBy: accountRefSchema.nullable(),
  createdAt: z.string(),
});

export const workReportTextSchema = z.object({
  id: z.string().nullable(),
  periodKey: z.string(),
  progress: z.string(),
  problems: z.string(),
  suggestions: z.string(),
  updatedBy: accountRefSchema.nullable(),
  updatedAt: z.string().nullable(),
  deliveries: z.array(workReportDeliverySchema),
});
export type WorkReportText = z.infer<typeof workReportTextSchema>;

const reportSection = z.string().trim().max(TEXT_MAX.document);

export const leadershipChannels = {
  'leadership.forEvent': channel({
    summary: "A crisis event's escalation to the leadership group and its decisions; `eligible` when the event is at the scheme's highest level.",
    permission: 'leadership.manage',
    input: idInput('eventId'),
    output: z.object({
      eligible: z.boolean(),
      topLevel: z.string(),
      escalation: leadershipEscalationSchema.nullable(),
      decisions: z.array(leadershipDecisionSchema),
    }),
  }),
  'leadership.escalate': channel({
    summary: 'Record the escalation of a highest-level crisis event to the leadership group: when the emergency plan was started and who decided.',
    permission: 'leadership.manage',
    input: z.object({ eventId: idSchema, planStartedAt: pastInstant, decidedBy: personRefSchema, note: optionalText(TEXT_MAX.description) }).strict(),
    output: leadershipEscalationSchema,
  }),
  'leadership.addDecision': channel({
    summary: 'Add a decision of the leadership group and who carries it out (a register person).',
    permission: 'leadership.manage',
    input: z.object({ escalationId: idSchema, text: text(TEXT_MAX.note), assignee: personRefSchema, dueOn: isoDateSchema.nullable().optional() }).strict(),
    output: leadershipDecisionSchema,
  }),
  'leadership.completeDecision': channel({
    summary: 'Mark a decision carried out, with a note.',
    permission: 'leadership.manage',
    input: z.object({ decisionId: idSchema, note: optionalText(TEXT_MAX.description) }).strict(),
    output: leadershipDecisionSchema,
  }),
  'leadership.openDecisions': channel({
    summary: 'Every decision of the leadership group not yet carried out, oldest first (the director’s workbench).',
    permission: 'leadership.manage',
    input: empty,
    output: z.object({ rows: z.array(openDecisionSchema) }),
  }),
  'leadership.approvals': channel({
    summary: 'The crisis template versions and the current level scheme, each with its approval by the leadership group or none (待审定).',
    permission: 'crisis.configure',
    input: empty,
    output: z.object({
      templates: z.array(
        z.object({ id: z.string(), version: z.number().int(), name: z.string(), createdAt: z.string(), approval: leadershipApprovalSchema.nullable() }),
      ),
      levels: z.object({ digest: z.string(), updatedAt: z.string().nullable(), labels: z.array(z.string()), approval: leadershipApprovalSchema.nullable() }),
    }),
  }),
  'leadership.recordApproval': channel({
    summary: "Record the leadership group's approval (审定) of a crisis template version or of the current level scheme: date, meeting, minutes reference.",
    permission: 'leadership.approve',
    input: z
      .object({
        subject: z.enum(APPROVAL_SUBJECTS),
        subjectRef: idSchema,
        approvedOn: isoDateSchema,
        meeting: text(TEXT_MAX.remark),
        minutesRef: optionalText(TEXT_MAX.remark),
      })
      .strict(),
    output: leadershipApprovalSchema,
  }),
  'leadership.workReport': channel({
    summary: 'The written part of the work report of a period (工作进展、存在问题、工作建议) and its deliveries to the leadership group.',
    permission: 'statistics.read',
    input: z.object(reportKey).strict(),
    output: workReportTextSchema,
  }),
  'leadership.saveWorkReport': channel({
    summary: 'Save the written part of the work report of a period.',
    permission: 'leadership.report',
    input: z.object({ ...reportKey, progress: reportSection, problems: reportSection, suggestions: reportSection }).strict(),
    output: workReportTextSchema,
  }),
  'leadership.recordDelivery': channel({
    summary: 'Record that the work report of a period was delivered to the leadership group: date, to whom, how.',
    permission: 'leadership.report',
    input: z
      .object({
        ...reportKey,
        deliveredOn: isoDateSchema,
        recipients: z.array(personRefSchema).min(1).max(30),
        way: z.enum(WORK_REPORT_DELIVERY_WAYS),
        note: optionalText(TEXT_MAX.shortReason),
      })
      .strict(),
    output: workReportTextSchema,
  }),
} as const;

/** The reasons (AppError details.reason) the leadership core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const LEADERSHIP_ERROR_REASONS = [
  'leadershipNotTopLevel',
  'leadershipEventClosed',
  'leadershipAlreadyEscalated',
  'leadershipInFuture',
  'leadershipEscalationNotFound',
  'leadershipDecisionNotFound',
  'leadershipDecisionDone',
  'leadershipApprovalSubjectNotFound',
  'leadershipLevelsChanged',
  'leadershipAlreadyApproved',
  'workReportNotWritten',
] as const;
