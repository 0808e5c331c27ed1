import { z } from 'zod';

/** Stanley-Brown safety plan: six sections, each a list of short entries. */
export const SAFETY_PLAN_SECTIONS = ['warningSigns', 'copingStrategies', 'distractions', 'helpers', 'professionals', 'safeEnvironment'] as const;
const entries = z.array(z.string().trim().min(1).max(500)).max(20);
export const safetyPlanSectionsSchema = z
  .object({
    warningSigns: entries,
    copingStrategies: entries,
    distractions: entries,
    helpers: entries,
    professionals: entries,
    safeEnvironment: entries,
  })
  .strict();
export type SafetyPlanSections = z.infer<typeof safetyPlanSectionsSchema>;

export const DISCLOSURE_TRIGGERS = ['danger_to_self', 'danger_to_others', 'minor_abuse', 'legal_duty', 'other'] as const;

/** Channels: filled in by the referrals module (referrals, safety plans, disclosures, notifications). */
export const referralChannels = {};
