import { z } from 'zod';

/** People responsible for a key-attention student: an account for the counselor, names for the others. */
export const keyAttentionResponsibleSchema = z
  .object({
    counselorId: z.string().nullable(),
    departmentCounselor: z.string().trim().max(64).nullable(),
    dormWatcher: z.string().trim().max(64).nullable(),
    peerCounselor: z.string().trim().max(64).nullable(),
  })
  .strict();
export type KeyAttentionResponsible = z.infer<typeof keyAttentionResponsibleSchema>;

/** Channels: filled in by the key-attention module. */
export const keyAttentionChannels = {};
