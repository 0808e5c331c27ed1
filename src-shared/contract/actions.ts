import { z } from 'zod';
import { TEXT_MAX } from './limits';
import { idSchema } from './schemas';

/**
 * What was done about a safety signal: an alert's acknowledgement, a report's triage closing, a
 * census interview outcome recorded with its alerts. One short structured list everywhere, so an
 * acknowledgement always says something a director can read ("..", "无" are not actions).
 */
export const SAFETY_ACTIONS = [
  'interviewed', // 已约谈
  'crisisOpened', // 已开启危机事件
  'referred', // 已转介
  'guardianNotified', // 已通知监护人
  'noFurtherAction', // 评估后无需进一步处理
  'other', // 其他
] as const;
export type SafetyAction = (typeof SAFETY_ACTIONS)[number];

/** Actions whose note is required: the action alone does not say enough. */
export const SAFETY_ACTIONS_NEEDING_NOTE: readonly SafetyAction[] = ['other', 'noFurtherAction'];

/** A note must say something: at least two characters that are letters, digits or CJK. */
export function isSubstantialNote(note: string | null | undefined): boolean {
  if (!note) return false;
  const meaningful = note.replace(/[\s\p{P}\p{S}]/gu, '');
  if (meaningful.length < 2) return false;
  return !/^(无|没有|none|n\/?a|na|no|nil|null|-+)$/iu.test(meaningful);
}

/** The note of a safety action: free text, trimmed, bounded. */
export const safetyNoteSchema = z.string().trim().max(TEXT_MAX.note);

/** What a superRefine hands its checks: somewhere to add an issue. */
type IssueSink = { addIssue: (issue: { code: 'custom'; path: (string | number)[]; message: string }) => void };

/**
 * The note rule of a structured action, for schemas that embed `{ action, note }` among other
 * fields (call it from their superRefine): required and substantial for 其他 and
 * 评估后无需进一步处理, and when given at all it must say something.
 */
export function checkSafetyActionNote(
  value: { action?: string; note?: string },
  ctx: IssueSink,
  needingNote: readonly string[] = SAFETY_ACTIONS_NEEDING_NOTE,
): void {
  if (value.action === undefined) return;
  if (needingNote.includes(value.action) && !isSubstantialNote(value.note)) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'safetyActionNoteRequired' });
  } else if (value.note !== undefined && value.note.length > 0 && !isSubstantialNote(value.note)) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'safetyActionNoteEmpty' });
  }
}

/** The `{ action, note }` fields of inputs that still take a deprecated free text instead (checked by checkActionOrLegacyText). */
export const actionOrLegacyTextFields = { action: z.enum(SAFETY_ACTIONS).optional(), note: safetyNoteSchema.optional() };

/**
 * The rule of inputs that take a structured `{ action, note }` or, deprecated, one free-text field
 * instead (an alert's `actionTaken`, a report's `triageNote`): not both, the text must say
 * something, and without the text an action is required (with its note rule).
 */
export function checkActionOrLegacyText<K extends string>(
  textField: K,
  value: { action?: string; note?: string } & { [P in K]?: string },
  ctx: IssueSink,
): void {
  const text: string | undefined = value[textField];
  if (text !== undefined) {
    if (value.action !== undefined || value.note !== undefined) ctx.addIssue({ code: 'custom', path: [textField], message: 'safetyActionOrText' });
    else if (!isSubstantialNote(text)) ctx.addIssue({ code: 'custom', path: [textField], message: 'safetyActionNoteEmpty' });
    return;
  }
  if (value.action === undefined) {
    ctx.addIssue({ code: 'custom', path: ['action'], message: 'safetyActionRequired' });
    return;
  }
  checkSafetyActionNote(value, ctx);
}

/** `{ action, note }`: the note is required (and must say something) for 其他 and 评估后无需进一步处理. */
export const safetyActionSchema = z
  .object({
    action: z.enum(SAFETY_ACTIONS),
    note: safetyNoteSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => checkSafetyActionNote(value, ctx));
export type SafetyActionInput = z.infer<typeof safetyActionSchema>;

/**
 * A decision on a request waiting for approval (a case's close, a key-attention removal, a trainee's
 * report closing): approve, or decline with a note that says why.
 */
export const decisionInputSchema = z
  .object({ requestId: idSchema, approve: z.boolean(), note: safetyNoteSchema.optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.approve && !isSubstantialNote(v.note)) ctx.addIssue({ code: 'custom', path: ['note'], message: 'decisionNoteRequired' });
  });
