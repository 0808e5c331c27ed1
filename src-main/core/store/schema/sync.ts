import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndTimestamps, idColumn, timestamps } from './columns';
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
    id: idColumn(),
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
    createdBy: accountRef('created_by'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('export_bundles_profile').on(t.profile, t.toSeq)],
);

/** Update bundles from the school server (roster updates) already applied: each applies once. */
export const appliedUpdates = sqliteTable('applied_updates', {
  id: idColumn(),
  bundleId: text('bundle_id').notNull().unique(),
  kind: text('kind').notNull(),
  summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  appliedBy: accountRef('applied_by'),
  appliedAt: text('applied_at').notNull(),
  ...timestamps(),
});

/** Backups made from this workstation (the files themselves live outside the database). */
export const backupRuns = sqliteTable('backup_runs', {
  id: idColumn(),
  fileName: text('file_name').notNull(),
  folder: text('folder').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  trigger: text('trigger', { enum: BACKUP_TRIGGERS }).notNull(),
  ...createdByAndTimestamps(),
});

/**
 * Items of the school server's inbound bundles applied here, one row per server sequence (the
 * unique seq makes a replay a no-op): a 院系 report (record_id: the report it became) or a roster update.
 */
export const inboundApplied = sqliteTable('inbound_applied', {
  id: idColumn(),
  seq: integer('seq').notNull().unique(),
  itemId: text('item_id').notNull(),
  kind: text('kind').notNull(),
  bundleId: text('bundle_id').notNull(),
  recordId: text('record_id'),
  appliedAt: text('applied_at').notNull(),
  ...timestamps(),
});

/**
 * Risk digests from the school server (who is at risk on other workstations: 学号, level, open
 * event, counselor, workstation). The newest by the server's time is the one shown; older ones stay.
 */
export const riskDigests = sqliteTable(
  'risk_digests',
  {
    id: idColumn(),
    bundleId: text('bundle_id').notNull(),
    digestCreatedAt: text('digest_created_at').notNull(),
    entries: text('entries', { mode: 'json' }).$type<RiskDigestEntry[]>().notNull(),
    receivedAt: text('received_at').notNull(),
    ...timestamps(),
  },
  (t) => [index('risk_digests_created').on(t.digestCreatedAt)],
);
