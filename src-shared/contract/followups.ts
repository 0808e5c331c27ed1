import { z } from 'zod';

/** 复学 evidence checklist. */
export const returnEvidenceSchema = z
  .object({
    hospitalCertificate: z.boolean(),
    centerAssessment: z.boolean(),
    guardianUndertaking: z.boolean(),
    supportPlan: z.boolean(),
  })
  .strict();
export type ReturnEvidence = z.infer<typeof returnEvidenceSchema>;

/** Channels: filled in by the follow-ups module (tasks, leave and return, postvention). */
export const followupChannels = {};
