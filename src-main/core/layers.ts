/**
 * How the core depends: the one place that states the order of src-main/core (issue 20 item 8).
 * tests/unit/build/core-layers.test.ts reads every import of the core and holds the code to it.
 *
 * - The kernel (KERNEL) is below everything: the store and its table definitions
 *   (store/schema/<domain>.ts, so reading another domain's table is not a dependency on it), the
 *   unit of work, keys, jobs, util, the handler types and the vault. Any domain may import it.
 * - Domains are the other folders. Each sits in one layer of CORE_LAYERS, listed bottom → top; a
 *   domain imports only domains of LOWER layers, never one of its own layer or above, so the
 *   domain graph has no cycle. When a low domain needs something from a higher one, the higher
 *   one calls down instead (it passes a function in, or owns the channel), and pure helpers
 *   several domains need move down (util/, shared-reads/, settings/, accounts/).
 * - A domain's public modules, the only ones another domain may import: files named
 *   `*-service.ts`, the `*-timeline.ts` contributions to the student file's timeline, and the few
 *   modules PUBLIC_MODULES names. Everything else in a folder is that domain's own.
 * - The composition root (COMPOSITION_ROOT: handlers.ts, core.ts, the worker) is above everything
 *   and may import anything.
 */

/** Folders and top-level files (as `@name`) below every domain. */
export const KERNEL = ['store', 'util', 'jobs', 'keys', '@handler-types', '@vault', '@layers'] as const;

/** Above every domain: where the channels of all domains are put together. */
export const COMPOSITION_ROOT = ['@handlers', '@core', 'worker'] as const;

/** Bottom → top. A domain may import only domains of the layers before its own. */
export const CORE_LAYERS: readonly (readonly string[])[] = [
  // Foundations: settings (key/value, crisis levels), accounts, record access, attachments,
  // courses, table reads several domains share, and the timeline framework.
  ['settings', 'accounts', 'access', 'attachments', 'courses', 'shared-reads', 'timeline'],
  // The student register, and what only needs accounts or settings.
  ['students', 'archive', 'approvals', 'activities'],
  ['followups', 'network', 'notes', 'calendar', 'groups', 'audit', 'auth'],
  ['assessments', 'keyattention', 'referrals', 'backup'],
  ['crisis', 'reports', 'family'],
  // Cases; work that follows people (moves tasks, steps, cases between holders); leadership reports.
  ['cases', 'handover', 'leadership'],
  ['roster', 'statistics', 'print'],
  ['census', 'sync', 'training'],
  // Compositions of many domains: the student file's timeline, the getting-started list.
  ['student-timeline', 'getting-started'],
];

/** Modules other domains may import besides `*-service.ts` and `*-timeline.ts` (folder → file names). */
export const PUBLIC_MODULES: Readonly<Record<string, readonly string[]>> = {
  access: ['case-access', 'break-glass-handlers'],
  archive: ['archiving'],
  assessments: ['instrument-settings'],
  audit: ['audit-chain', 'audit-verify'],
  backup: ['schedule'],
  calendar: ['term'],
  crisis: ['templates', 'timers'],
  family: ['register-person'],
  followups: ['followup-common'],
  handover: ['department-move'],
  keyattention: ['census-feed', 'removal'],
  leadership: ['work-report-text'],
  network: ['person-label'],
  notes: ['note-template'],
  referrals: ['links'],
  roster: ['mapping', 'roster-import', 'row-values'],
  settings: ['crisis-levels'],
  'shared-reads': ['events-under-way'],
  statistics: ['periods'],
  students: ['scope', 'search-index'],
  sync: ['sync-config'],
  timeline: ['timeline'],
};

/**
 * The kernel's remaining imports of domains (file → module, paths under src-main/core without
 * `.ts`). Shrink-only: the test fails when one is added, and when a listed one is gone (delete it
 * here). The unit of work appends to the audit chain, the vault creates the first account and
 * reads settings and the workstation key, and the sync table types a column
 * with the bundle format.
 */
export const KERNEL_USES_OF_DOMAINS: readonly (readonly [string, string])[] = [
  ['store/unit-of-work', 'audit/audit-chain'],
  ['store/schema/sync', 'sync/bundle/inbound-format'],
  ['vault', 'accounts/account-service'],
  ['vault', 'settings/settings-service'],
  ['vault', 'sync/sync-config'],
];
