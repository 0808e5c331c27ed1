import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, idColumn, requiredAccountRef, studentRef, timestamps } from './columns';
import { BREAK_GLASS_REVIEWS } from '../../../../src-shared/contract/notes';

/**
 * 紧急查阅 (break-glass): a clinician opened clinical content outside their assignment, with a
 * stated reason. Each access waits in the director's review queue to be marked justified or not.
 */
export const breakGlassAccesses = sqliteTable(
  'break_glass_accesses',
  {
    id: idColumn(),
    accountId: requiredAccountRef('account_id'),
    studentId: studentRef(),
    /** What was opened: entity name and id (e.g. session_notes / case id). */
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    reason: text('reason').notNull(),
    accessedAt: text('accessed_at').notNull(),
    review: text('review', { enum: BREAK_GLASS_REVIEWS }).notNull(),
    reviewedBy: accountRef('reviewed_by'),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
    ...timestamps(),
  },
  (t) => [index('break_glass_review').on(t.review, t.accessedAt), index('break_glass_account').on(t.accountId, t.entity, t.entityId)],
);
