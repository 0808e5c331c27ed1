import { z } from 'zod';

export const CASE_STATUSES = ['intake', 'active', 'on_hold', 'closed', 'archived'] as const;
export const RISK_LEVELS = ['none', 'low', 'moderate', 'high'] as const;
export const PRESENTING_CONCERNS = [
  'academic_adjustment',
  'emotion_regulation',
  'relationships',
  'stress',
  'career',
  'romance',
  'family',
  'sleep',
  'self_growth',
  'other',
] as const;
export const DISPOSITIONS = ['individual', 'group', 'refer_out', 'crisis', 'none'] as const;
export const CLOSING_REASONS = ['goals_met', 'student_ended', 'referred', 'graduated', 'no_contact', 'other'] as const;

/** 知情同意: the limits of confidentiality were explained; who consented, when; a guardian for a minor. */
export const intakeConsentSchema = z
  .object({
    confidentialityLimitsExplained: z.literal(true),
    consentedBy: z.string().trim().min(1).max(64),
    consentedAt: z.iso.datetime(),
    minor: z.boolean(),
    guardianName: z.string().trim().min(1).max(64).nullable().optional(),
    guardianRelation: z.string().trim().min(1).max(32).nullable().optional(),
    guardianPhone: z.string().trim().max(32).nullable().optional(),
    guardianConsentedAt: z.iso.datetime().nullable().optional(),
  })
  .strict();
export type IntakeConsent = z.infer<typeof intakeConsentSchema>;

/** Channels: filled in by the cases module. */
export const caseChannels = {};
