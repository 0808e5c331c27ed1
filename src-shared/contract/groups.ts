import { z } from 'zod';
import { channel } from './define';
import { empty, idSchema } from './schemas';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema, createdByAndTimestamps } from './refs';

export const GROUP_THEMES = ['freshman_adaptation', 'interpersonal', 'stress', 'custom'] as const;
export const GROUP_STATUSES = ['planned', 'running', 'ended'] as const;

export const GROUP_NOTE_MAX = TEXT_MAX.document;

/** The fields of a group as a form edits them; the rules across fields are in `checkGroupFields`. */
export const groupFieldsSchema = z.object({
  name: z.string().trim().min(1).max(TEXT_MAX.shortName),
  theme: z.enum(GROUP_THEMES),
  /** The theme in words, when `theme` is `custom`. */
  customTheme: z.string().trim().max(TEXT_MAX.shortName).nullable().optional(),
  /** Clinical account ids; at least one. */
  leaders: z.array(idSchema).min(1, { message: 'groupLeadersRequired' }).max(10),
  status: z.enum(GROUP_STATUSES),
  startDate: isoDateSchema.nullable().optional(),
  endDate: isoDateSchema.nullable().optional(),
  description: z.string().trim().max(TEXT_MAX.description).nullable().optional(),
});
export type GroupFields = z.infer<typeof groupFieldsSchema>;

/** Rules across fields, shared by the create channel, the core's update and the form. */
export function checkGroupFields(fields: Pick<GroupFields, 'theme' | 'customTheme' | 'startDate' | 'endDate'>): { path: string; message: string } | null {
  if (fields.theme === 'custom' && !fields.customTheme?.trim()) return { path: 'customTheme', message: 'groupCustomThemeRequired' };
  if (fields.startDate && fields.endDate && fields.endDate < fields.startDate) return { path: 'endDate', message: 'groupEndBeforeStart' };
  return null;
}

const withGroupRules = <T extends z.ZodType<Pick<GroupFields, 'theme' | 'customTheme' | 'startDate' | 'endDate'>>>(schema: T) =>
  schema.superRefine((value, ctx) => {
    const problem = checkGroupFields(value);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });

export const groupCreateSchema = withGroupRules(groupFieldsSchema.strict());

/** What every clinician sees of a group: no members' names, no notes. */
export const groupListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  theme: z.enum(GROUP_THEMES),
  customTheme: z.string().nullable(),
  leaders: z.array(accountRefSchema),
  status: z.enum(GROUP_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  memberCount: z.number().int(),
  sessionCount: z.number().int(),
  /** Leaders and the director may open the group (members, sessions, notes). */
  canOpen: z.boolean(),
});
export type GroupListItem = z.infer<typeof groupListItemSchema>;

export const groupMemberSchema = z.object({
  studentId: z.string(),
  studentNo: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  className: z.string().nullable(),
  joinedAt: z.string(),
  /** Set when the student left: the membership is kept for the record. */
  leftAt: z.string().nullable(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupSessionSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  heldAt: z.string(),
  attendance: z.array(z.string()),
  note: z.string().nullable(),
  ...createdByAndTimestamps,
});
export type GroupSession = z.infer<typeof groupSessionSchema>;

export const groupDetailSchema = groupListItemSchema.extend({
  description: z.string().nullable(),
  members: z.array(groupMemberSchema),
  sessions: z.array(groupSessionSchema),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

const groupRef = { groupId: idSchema };

export const groupSessionFieldsSchema = z.object({
  heldAt: z.iso.datetime({ offset: true }),
  /** Student ids present: current members only. */
  attendance: z.array(idSchema).max(500),
  note: z.string().trim().max(GROUP_NOTE_MAX).nullable().optional(),
});

export const groupChannels = {
  'groups.list': channel({
    summary: 'Counseling groups (团体辅导): name, theme, leaders, member count; no members or notes.',
    permission: 'groups.manage',
    input: z.object({ status: z.enum(GROUP_STATUSES).optional() }).strict(),
    output: z.array(groupListItemSchema),
  }),
  'groups.leaderOptions': channel({
    summary: 'Enabled clinical accounts that may lead a group (names only).',
    permission: 'groups.manage',
    input: empty,
    output: z.array(accountRefSchema),
  }),
  'groups.get': channel({
    summary: "A group's details, members and sessions with their notes: leaders and the director only (audited).",
    permission: 'groups.manage',
    input: z.object(groupRef).strict(),
    output: groupDetailSchema,
  }),
  'groups.create': channel({
    summary: 'Create a group with its theme, leaders (clinical accounts) and dates.',
    permission: 'groups.manage',
    input: groupCreateSchema,
    output: groupDetailSchema,
  }),
  'groups.update': channel({
    summary: "Change a group's fields or status (leaders and the director).",
    permission: 'groups.manage',
    input: z.object({ ...groupRef, patch: groupFieldsSchema.partial().strict() }).strict(),
    output: groupDetailSchema,
  }),
  'groups.addMembers': channel({
    summary: 'Add students to a group (a student who had left joins again).',
    permission: 'groups.manage',
    input: z.object({ ...groupRef, studentIds: z.array(idSchema).min(1).max(200) }).strict(),
    output: groupDetailSchema,
  }),
  'groups.removeMember': channel({
    summary: 'A student leaves the group: the membership is kept with the date they left.',
    permission: 'groups.manage',
    input: z.object({ ...groupRef, studentId: idSchema }).strict(),
    output: groupDetailSchema,
  }),
  'groups.recordSession': channel({
    summary: 'Record a meeting of the group: when, who attended (members only), the group note. Numbered in order.',
    permission: 'groups.manage',
    input: groupSessionFieldsSchema.extend(groupRef).strict(),
    output: groupDetailSchema,
  }),
  'groups.updateSession': channel({
    summary: "Correct a meeting's time, attendance or note.",
    permission: 'groups.manage',
    input: z.object({ ...groupRef, sessionId: idSchema, patch: groupSessionFieldsSchema.partial().strict() }).strict(),
    output: groupDetailSchema,
  }),
} as const;

/** The reasons (AppError details.reason) the groups core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const GROUPS_ERROR_REASONS = [
  'groupNotFound',
  'groupNotLeader',
  'groupLeaderNotClinical',
  'groupMemberNotFound',
  'groupAttendeeNotMember',
  'groupSessionNotFound',
  'groupCustomThemeRequired',
  'groupEndBeforeStart',
] as const;
