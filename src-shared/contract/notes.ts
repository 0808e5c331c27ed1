import { z } from 'zod';
import { RISK_LEVELS } from './cases';

export const NOTE_MODES = ['in_person', 'phone', 'online'] as const;
export const NOTE_STATUSES = ['draft', 'awaiting_cosign', 'signed', 'unlocked'] as const;

/** The risk re-check asked at every session. */
export const noteRiskCheckSchema = z
  .object({
    level: z.enum(RISK_LEVELS),
    suicidalIdeation: z.boolean(),
    selfHarm: z.boolean(),
    comment: z.string().max(2000).nullable().optional(),
  })
  .strict();
export type NoteRiskCheck = z.infer<typeof noteRiskCheckSchema>;

/** Channels: filled in by the notes module. */
export const noteChannels = {};
