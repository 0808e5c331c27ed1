import { z } from 'zod';

/** An account named on a record (author, owner, approver, …): its id and display name, the same in every module. */
export const accountRefSchema = z.object({ id: z.string(), displayName: z.string() });

/** When a record was made and last changed (the store's timestamps columns), spread into outputs. */
export const timestamps = { createdAt: z.string(), updatedAt: z.string() };

/** Who made a record and when it was made and last changed (the store's createdByAndTimestamps columns), spread into outputs. */
export const createdByAndTimestamps = { createdBy: z.string().nullable(), ...timestamps };

/** An optional free-text field of a form: trimmed, at most `max` characters, null clears it. */
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** The student a record is about, with where to find them (院系, 班级), as every list that names one shows them. */
export const studentWithClassSchema = z.object({
  id: z.string(),
  studentNo: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  className: z.string().nullable(),
});
