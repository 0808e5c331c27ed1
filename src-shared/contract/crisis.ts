import { z } from 'zod';

/** A level of the school's scheme (default 一级 red / 二级 orange / 三级 yellow), with its follow-up cadence. */
export const crisisLevelSchema = z
  .object({
    key: z.string().trim().min(1).max(16),
    label: z.string().trim().min(1).max(32),
    color: z.string().trim().min(1).max(32),
    /** Days between follow-up contacts (and key-attention reviews) at this level. */
    cadenceDays: z.number().int().min(1).max(365),
  })
  .strict();
export type CrisisLevel = z.infer<typeof crisisLevelSchema>;

export const DEFAULT_CRISIS_LEVELS: CrisisLevel[] = [
  { key: '1', label: '一级', color: 'red', cadenceDays: 7 },
  { key: '2', label: '二级', color: 'orange', cadenceDays: 14 },
  { key: '3', label: '三级', color: 'gold', cadenceDays: 30 },
];

/** One step of a crisis template. */
export const crisisTemplateStepSchema = z
  .object({
    key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/),
    title: z.string().trim().min(1).max(200),
    /** Who owns it: a role of permissions.ts (e.g. counselor, director, liaison). */
    ownerRole: z.string().trim().min(1).max(32),
    /** Minutes after discovery (T0); null for ongoing steps. */
    dueMinutes: z.number().int().min(0).max(60 * 24 * 365).nullable(),
    /** Level keys the step applies to; empty = every level. */
    levels: z.array(z.string().max(16)).max(10),
  })
  .strict();

export const crisisTemplateDefinitionSchema = z.object({ steps: z.array(crisisTemplateStepSchema).min(1).max(60) }).strict();
export type CrisisTemplateDefinition = z.infer<typeof crisisTemplateDefinitionSchema>;

/** Channels: filled in by the crisis module. */
export const crisisChannels = {};
