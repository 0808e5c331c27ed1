import { z } from 'zod';
import { isSubstantialNote } from './actions';
import { instrumentIdSchema } from './assessments';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';

/**
 * The critical result reaching the person with the student (issue 14 items 3 and 18): the
 * findings of a form when student mode ends, 稍后处理 with its reason, and the header's count.
 */

export const criticalFindingSchema = z.object({
  code: z.string(),
  level: z.enum(['CRITICAL', 'URGENT']),
  item: z.number().int().nullable(),
  /** The item as the student saw it (null when the instrument has no wording loaded). */
  itemText: z.string().nullable(),
  answer: z.union([z.number(), z.null(), z.literal('NA')]),
  /** The option the student chose, in the form's words. */
  answerText: z.string().nullable(),
  /** The alert the finding raised (null while the form is not handed in). */
  alertId: z.string().nullable(),
  acknowledged: z.boolean(),
});

export const criticalFindingsSchema = z.object({
  assessmentId: z.string(),
  instrument: instrumentIdSchema,
  status: z.enum(['in_progress', 'complete']),
  /** Not handed in: scored from the answers given so far, no alert raised yet. */
  provisional: z.boolean(),
  student: z.object({ id: z.string(), studentNo: z.string(), name: z.string() }),
  /** The student's open (or closing) crisis event, where 立即开启危机事件 leads instead. */
  openEvent: z.object({ id: z.string(), eventNo: z.string() }).nullable(),
  findings: z.array(criticalFindingSchema),
});

export const criticalResultChannels = {
  'alerts.counts': channel({
    summary: 'Unacknowledged CRITICAL and URGENT alerts the caller may see (counts only, for the header).',
    permission: 'alerts.read',
    input: empty,
    output: z.object({ critical: z.number().int(), urgent: z.number().int() }),
  }),
  'assessments.criticalFindings': channel({
    summary: 'The CRITICAL and URGENT findings of one assessment with item, answer and alert (shown when student mode ends; the view is audited).',
    permission: 'assessments.clinical',
    input: idInput('assessmentId'),
    output: criticalFindingsSchema,
  }),
  'alerts.defer': channel({
    summary: '稍后处理: the reason is kept as a follow-up task for the caller; the alerts stay unacknowledged (audited).',
    permission: 'alerts.acknowledge',
    input: z
      .object({
        assessmentId: idSchema,
        reason: z
          .string()
          .trim()
          .min(2)
          .max(TEXT_MAX.remark)
          .refine((value) => isSubstantialNote(value), { message: 'safetyActionNoteEmpty' }),
      })
      .strict(),
    output: z.object({ taskId: z.string(), alertIds: z.array(z.string()), dueAt: z.string() }),
  }),
} as const;
