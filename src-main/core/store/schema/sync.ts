import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './kernel';
import type { RiskDigestEntry } from '../../sync/bundle/inbound-format';
import { BACKUP_TRIGGERS } from '../../../../src-shared/contract/backup';
import { BUNDLE_STATUSES } from '../../../../src-shared/contract/sync';

/**
 * One exported bundle: which profile, which outbox range, where it went, and whether the school
 * server has acknowledged it. Ranges are per profile and never overlap within a profile.
 */
export const exportBundles = sqliteTable(
  'export_bundles',
  {
    id: text('id').primaryKey(),
    profile: text('profile').notNull(),
    fromSeq: integer('from_seq').notNull(),
    toSeq: integer('to_seq').notNull(),
    eventCount: integer('event_count').notNull(),
    bytes: integer('bytes').notNull(),
    payloadSha256: text('payload_sha256').notNull(),
    fileName: text('file_name').notNull(),
    /** 'folder' | 'http' and the place, as configured (no credentials). */
    destinationKind: text('destination_kind'),
    destination: text('destination'),
    status: text('status', { enum: BUNDLE_STATUSES }).notNull(),
    error: text('error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    acknowledgedAt: text('acknowledged_at'),
    receiptId: text('receipt_id'),
    createdBy: text('created_by').references(() => accounts.id),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('export_bundles_profile').on(t.profile, t.toSeq)],
);

/** Update bundles from the school server (roster updates) already applied: each applies once. */
export const appliedUpdates = sqliteTable('applied_updates', {
  id: text('id').primaryKey(),
  bundleId: text('bundle_id').notNull().unique(),
  kind: text('kind').notNull(),
  summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  appliedBy: text('applied_by').references(() => accounts.id),
  appliedAt: text('applied_at').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Backups made from this workstation (the files themselves live outside the database). */
export const backupRuns = sqliteTable('backup_runs', {
  id: text('id').primaryKey(),
  fileName: text('file_name').notNull(),
  folder: text('folder').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  trigger: text('trigger', { enum: BACKUP_TRIGGERS }).notNull(),
  createdBy: text('created_by').references(() => accounts.id),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Items of the school server's inbound bundles applied here, one row per server sequence (the
 * unique seq makes a replay a no-op): a 院系 report (record_id: the report it became) or a roster update.
 */
export const inboundApplied = sqliteTable('inbound_applied', {
  id: text('id').primaryKey(),
  seq: integer('seq').notNull().unique(),
  itemId: text('item_id').notNull(),
  kind: text('kind').notNull(),
  bundleId: text('bundle_id').notNull(),
  recordId: text('record_id'),
  appliedAt: text('applied_at').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Risk digests from the school server (who is at risk on other workstations: 学号, level, open
 * event, counselor, workstation). The newest by the server's time is the one shown; older ones stay.
 */
export const riskDigests = sqliteTable(
  'risk_digests',
  {
    id: text('id').primaryKey(),
    bundleId: text('bundle_id').notNull(),
    digestCreatedAt: text('digest_created_at').notNull(),
    entries: text('entries', { mode: 'json' }).$type<RiskDigestEntry[]>().notNull(),
    receivedAt: text('received_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('risk_digests_created').on(t.digestCreatedAt)],
);
