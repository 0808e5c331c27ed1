import { z } from 'zod';
import { assessmentChannels } from './assessments';
import { crisisChannels } from './crisis';
import { criticalResultChannels } from './critical-results';
import { referralChannels } from './referrals';
import { followupChannels, handoverSuccessorsSchema } from './followups';
import { keyAttentionChannels } from './keyattention';
import { familyChannels } from './family';
import { leadershipChannels } from './leadership';
import { activityChannels } from './activities';
import { trainingChannels } from './training';
import { courseChannels } from './courses';
import { networkChannels } from './network';
import { calendarChannels } from './calendar';
import { caseChannels } from './cases';
import { censusChannels } from './census';
import { groupChannels } from './groups';
import { noteChannels } from './notes';
import { reportChannels } from './reports';
import { auditLogChannels } from './auditlog';
import { printChannels } from './print';
import { archiveChannels } from './archive';
import { statisticsChannels } from './statistics';
import { syncChannels } from './sync';
import { backupChannels } from './backup';
import { gettingStartedChannels } from './getting-started';
import { channel } from './define';
import { rosterChannels } from './roster';
import { studentChannels } from './students';
import {
  accountSchema,
  departmentSchema,
  displayNameSchema,
  empty,
  idSchema,
  passwordSchema,
  recoveryCodeSchema,
  roleSchema,
  rolesSchema,
  sessionSchema,
  settingsPatchSchema,
  settingsSchema,
  usernameSchema,
} from './schemas';
import { TEXT_MAX } from './limits';

/** Setup, sign-in, accounts, settings, audit. */
const foundationChannels = {
  'app.status': channel({
    allowInStudentMode: true,
    summary: 'Whether the workstation is set up and unlocked, and who is signed in.',
    permission: 'public',
    allowDuringPasswordChange: true,
    input: empty,
    output: z.object({
      initialized: z.boolean(),
      locked: z.boolean(),
      version: z.string(),
      session: sessionSchema.nullable(),
      /** Set while the screen is handed to a student: the window shows only the questionnaire. */
      studentMode: z.boolean(),
    }),
  }),
  'setup.initialize': channel({
    summary: 'First run: create the encrypted store, the first administrator and the recovery code.',
    permission: 'public',
    input: z
      .object({
        schoolName: z.string().trim().min(1).max(TEXT_MAX.shortName),
        /** Optional: this workstation's name (e.g. 1号工作站), editable later in settings. */
        workstationName: z.string().trim().min(1).max(TEXT_MAX.workstationName).optional(),
        admin: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
        adminIsDirector: z.boolean().default(true),
        /** Overrides `adminIsDirector` (the CLI's `--roles`); must include admin. */
        adminRoles: rolesSchema.refine((roles) => roles.includes('admin'), { message: 'mustIncludeAdmin' }).optional(),
      })
      .strict(),
    output: z.object({ recoveryCode: z.string() }),
  }),
  'auth.signIn': channel({
    summary: 'Unlock the store with an account password and start a session.',
    permission: 'public',
    input: z.object({ username: usernameSchema, password: z.string().min(1).max(TEXT_MAX.password) }).strict(),
    output: sessionSchema,
  }),
  'auth.lock': channel({
    allowInStudentMode: true,
    summary: 'Close the store, drop the key and end the session.',
    permission: 'public',
    allowDuringPasswordChange: true,
    input: empty,
    output: z.object({ locked: z.literal(true) }),
  }),
  'auth.touch': channel({
    allowInStudentMode: true,
    summary: 'The user is active: postpone the idle lock.',
    permission: 'session',
    allowDuringPasswordChange: true,
    input: empty,
    output: z.object({ idleLockAt: z.string() }),
  }),
  'auth.changePassword': channel({
    summary: "Change the signed-in account's own password (rewraps its key slot).",
    permission: 'session',
    allowDuringPasswordChange: true,
    input: z.object({ currentPassword: z.string().min(1).max(TEXT_MAX.password), newPassword: passwordSchema }).strict(),
    output: sessionSchema,
  }),
  'auth.recoveryAccounts': channel({
    summary: 'With the recovery code, list the administrator accounts whose password can be reset.',
    permission: 'public',
    input: z.object({ recoveryCode: recoveryCodeSchema }).strict(),
    output: z.object({ admins: z.array(z.object({ username: z.string(), displayName: z.string() })) }),
  }),
  'auth.recover': channel({
    summary: 'With the recovery code, set a new password for an administrator and sign in.',
    permission: 'public',
    input: z.object({ recoveryCode: recoveryCodeSchema, username: usernameSchema, newPassword: passwordSchema }).strict(),
    output: sessionSchema,
  }),
  'accounts.list': channel({
    summary: 'All accounts with roles and state.',
    permission: 'accounts.manage',
    input: empty,
    output: z.array(accountSchema),
  }),
  'accounts.create': channel({
    summary: 'Create an account; the person must change the initial password at first sign-in.',
    permission: 'accounts.manage',
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        roles: rolesSchema,
        password: passwordSchema,
        department: departmentSchema.optional(),
        supervisorId: idSchema.nullable().optional(),
      })
      .strict(),
    output: accountSchema,
  }),
  'accounts.counselors': channel({
    summary: 'Enabled accounts with a clinical role, to assign work to (names only, no account details).',
    permission: 'census.manage',
    input: empty,
    output: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(roleSchema) })),
  }),
  'accounts.update': channel({
    summary: "Change an account's display name, roles, department or (for a trainee) supervisor.",
    permission: 'accounts.manage',
    input: z
      .object({
        accountId: idSchema,
        displayName: displayNameSchema.optional(),
        roles: rolesSchema.optional(),
        department: departmentSchema.optional(),
        supervisorId: idSchema.nullable().optional(),
      })
      .strict(),
    output: accountSchema,
  }),
  'accounts.resetPassword': channel({
    summary: 'Give an account a new temporary password (a new key slot); it must be changed at next sign-in.',
    permission: 'accounts.manage',
    input: z.object({ accountId: idSchema, newPassword: passwordSchema }).strict(),
    output: accountSchema,
  }),
  'accounts.setDisabled': channel({
    summary:
      'Disable an account (its key slot is removed; its open work goes to the successors given per kind, the rest shows as 无人负责) or enable it again (needs a password reset).',
    permission: 'accounts.manage',
    input: z.object({ accountId: idSchema, disabled: z.boolean(), successors: handoverSuccessorsSchema.optional() }).strict(),
    output: accountSchema,
  }),
  'settings.get': channel({
    summary: 'Workstation settings.',
    permission: 'session',
    input: empty,
    output: settingsSchema,
  }),
  'settings.update': channel({
    summary: 'Change workstation settings.',
    permission: 'settings.manage',
    input: settingsPatchSchema,
    output: settingsSchema,
  }),
  'system.about': channel({
    summary: 'Version, data folder, schema version and encryption state.',
    permission: 'session',
    input: empty,
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      encrypted: z.boolean(),
      cipher: z.string(),
      workstationId: z.string(),
    }),
  }),
  'audit.verify': channel({
    summary: 'Walk the hash-chained audit log and report the first broken event.',
    permission: 'audit.verify',
    input: empty,
    output: z.object({
      intact: z.boolean(),
      checked: z.number().int(),
      firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
    }),
  }),
} as const;

/**
 * Every channel the renderer, the browser shell and the CLI may call, declared once.
 * Names are `domain.verb`; the main process, the core and the typed client all read this map.
 */
export const channels = {
  ...foundationChannels,
  ...studentChannels,
  ...rosterChannels,
  ...assessmentChannels,
  ...criticalResultChannels,
  ...censusChannels,
  ...reportChannels,
  ...caseChannels,
  ...noteChannels,
  ...calendarChannels,
  ...groupChannels,
  ...activityChannels,
  ...trainingChannels,
  ...courseChannels,
  ...networkChannels,
  ...crisisChannels,
  ...referralChannels,
  ...followupChannels,
  ...keyAttentionChannels,
  ...familyChannels,
  ...leadershipChannels,
  ...backupChannels,
  ...syncChannels,
  ...statisticsChannels,
  ...archiveChannels,
  ...printChannels,
  ...auditLogChannels,
  ...gettingStartedChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** A channel's input after parsing (defaults filled, text trimmed): what the core's handlers and services receive. */
export type ParsedChannelInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** Events the core pushes to the renderer: in events.ts, which the renderer's start-up script can import alone. */
export { events, EVENT_NAMES, isEventName, type Events, type EventName, type EventPayload } from './events';
