import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './kernel';
import { students } from './students';
import { BREAK_GLASS_REVIEWS } from '../../../../src-shared/contract/notes';

/**
 * 紧急查阅 (break-glass): a clinician opened clinical content outside their assignment, with a
 * stated reason. Each access waits in the director's review queue to be marked justified or not.
 */
export const breakGlassAccesses = sqliteTable(
  'break_glass_accesses',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    /** What was opened: entity name and id (e.g. session_notes / case id). */
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    reason: text('reason').notNull(),
    accessedAt: text('accessed_at').notNull(),
    review: text('review', { enum: BREAK_GLASS_REVIEWS }).notNull(),
    reviewedBy: text('reviewed_by').references(() => accounts.id),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('break_glass_review').on(t.review, t.accessedAt), index('break_glass_account').on(t.accountId, t.entity, t.entityId)],
);
