import { z } from 'zod';
import { ROLES } from '../permissions';
import { TEXT_MAX } from './limits';

/** Field rules shared by every form and channel that takes them. */
export const PASSWORD_MIN_LENGTH = 10;

export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(TEXT_MAX.password);
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(TEXT_MAX.username)
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'usernameChars' })
  .transform((value) => value.toLowerCase());
export const displayNameSchema = z.string().trim().min(1).max(TEXT_MAX.personName);
export const roleSchema = z.enum(ROLES);
export const rolesSchema = z.array(roleSchema).min(1).max(ROLES.length);
export const idSchema = z.string().min(1).max(TEXT_MAX.id);
/**
 * A channel input that names one record and nothing else, e.g. `idInput('studentId')` = `{ studentId }`
 * (strict: any other field is refused).
 */
export function idInput<K extends string>(key: K) {
  return z.object({ [key]: idSchema } as { [P in K]: typeof idSchema }).strict();
}
export const recoveryCodeSchema = z.string().trim().min(16).max(TEXT_MAX.recoveryCode);

export const sessionSchema = z.object({
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  mustChangePassword: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  hasKeySlot: z.boolean(),
  /** 院系: scopes a liaison account to its department's students. */
  department: z.string().nullable(),
  /** 督导: the supervisor who co-signs this trainee's notes (trainee accounts only). */
  supervisorId: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const IDLE_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const;

export const settingsSchema = z.object({
  schoolName: z.string(),
  idleLockMinutes: z.number().int(),
  /** This workstation's name (e.g. 1号工作站), shown in the audit log; absent until named. */
  workstationName: z.string().optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z
  .object({
    schoolName: z.string().trim().min(1).max(TEXT_MAX.shortName),
    idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max),
    workstationName: z.string().trim().min(1).max(TEXT_MAX.workstationName),
  })
  .partial()
  .strict();

export const empty = z.object({}).strict();

export const departmentSchema = z.string().trim().max(TEXT_MAX.department).nullable();
