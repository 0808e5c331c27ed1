import { z } from 'zod';

/** An account named on a record (author, owner, approver, …): its id and display name, the same in every module. */
export const accountRefSchema = z.object({ id: z.string(), displayName: z.string() });

/** An optional free-text field of a form: trimmed, at most `max` characters, null clears it. */
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
