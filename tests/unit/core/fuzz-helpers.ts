import type { z } from 'zod';
import type { Core } from '../../../src-main/core/core';
import type { Role } from '../../../src-shared/permissions';
import { ADMIN_PASSWORD, expectOk } from './helpers';

/** Shared by the bad-input suites: zod introspection of the contract and single-role sign-in. */

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[] };

export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema under optional/nullable/default/transform wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/** The fields of an object input, or null when the input is not a plain object schema. */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type !== 'object') return null;
  return (inner as unknown as { shape: Record<string, z.ZodType> }).shape;
}

export const FIRST_PASSWORD = 'fuzz first pw 01';
export const OWN_PASSWORD = 'fuzz own pw 0022';

/** Makes a single-role account (unless admin: admin01 without the director role) and signs in as it. */
export async function signInAsRole(core: Core, role: Role): Promise<void> {
  if (role === 'admin') return;
  const username = `f.${role}`;
  expectOk(
    await core.call('accounts.create', {
      username,
      displayName: `模糊${role}`,
      roles: [role],
      password: FIRST_PASSWORD,
      department: role === 'liaison' ? '院系A' : undefined,
    }),
  );
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username, password: FIRST_PASSWORD }));
  expectOk(await core.call('auth.changePassword', { currentPassword: FIRST_PASSWORD, newPassword: OWN_PASSWORD }));
}

export { ADMIN_PASSWORD };
