/**
 * The kinds of records the store holds, one per domain (roughly one per folder of src-main/core).
 * A committed write names the kinds it touched (`store.changed`); a read channel names the kinds
 * its answer depends on (channel-kinds.ts). The renderer refetches a query when the two meet.
 */
export const ENTITY_KINDS = [
  'students',
  'assessments',
  'alerts',
  'census',
  'reports',
  'cases',
  'notes',
  'access',
  'calendar',
  'groups',
  'activities',
  'network',
  'attachments',
  'crisis',
  'referrals',
  'followups',
  'keyAttention',
  'family',
  'leadership',
  'approvals',
  'archive',
  'sync',
  'training',
  'courses',
  'accounts',
  'settings',
  'backup',
  'audit',
] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];
