import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accountRef, idColumn, requiredRef, studentRef, timestamps } from './columns';
import type { KeyAttentionResponsible } from '../../../../src-shared/contract/keyattention';
import { KEY_ATTENTION_HISTORY_KINDS, KEY_ATTENTION_SOURCES, KEY_ATTENTION_STATUSES } from '../../../../src-shared/contract/keyattention';

/** 重点关注学生库: one entry per student while on the list; `level` is a key of the level scheme. */
export const keyAttention = sqliteTable(
  'key_attention',
  {
    id: idColumn(),
    studentId: studentRef(),
    level: text('level').notNull(),
    /** Why the student is on the list (clinical content). */
    reason: text('reason').notNull(),
    responsible: text('responsible', { mode: 'json' }).$type<KeyAttentionResponsible>().notNull(),
    cadenceDays: integer('cadence_days').notNull(),
    nextReviewOn: text('next_review_on').notNull(),
    lastReviewedAt: text('last_reviewed_at'),
    /** When the student was (last) put on the list: what the cadence counts from before a first review. */
    listedAt: text('listed_at'),
    status: text('status', { enum: KEY_ATTENTION_STATUSES }).notNull(),
    source: text('source', { enum: KEY_ATTENTION_SOURCES }).notNull(),
    addedBy: accountRef('added_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('key_attention_student').on(t.studentId),
    index('key_attention_review').on(t.status, t.nextReviewOn),
    // The removed entries, most recently changed first, read page by page (显示已移出): without it a
    // decade's ~10,000 removed entries were all read and sorted for each page of 200 (issue 19).
    index('key_attention_changed').on(t.status, t.updatedAt),
  ],
);

/** Every level change, review and removal, with its reason. */
export const keyAttentionHistory = sqliteTable(
  'key_attention_history',
  {
    id: idColumn(),
    entryId: requiredRef('entry_id', () => keyAttention.id),
    studentId: studentRef(),
    kind: text('kind', { enum: KEY_ATTENTION_HISTORY_KINDS }).notNull(),
    fromLevel: text('from_level'),
    toLevel: text('to_level'),
    reason: text('reason').notNull(),
    /** A removal's reason from the short list (KEY_ATTENTION_REMOVAL_REASONS); `reason` holds the note. */
    reasonCode: text('reason_code'),
    changedBy: accountRef('changed_by'),
    changedAt: text('changed_at').notNull(),
  },
  // By entry with the columns statistics read for each entry's last membership change (the list at a
  // period's end), so that figure reads the index alone; by student too: a student's timeline reads
  // their history (a scan of every history row without it).
  (t) => [
    index('key_attention_history_entry').on(t.entryId, t.changedAt, t.kind, t.studentId),
    index('key_attention_history_student').on(t.studentId, t.changedAt),
  ],
);
