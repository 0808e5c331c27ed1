import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accountRef, idColumn, requiredRef, studentRef, timestamps } from './columns';
import type { InstrumentId } from '../../../../src-shared/instruments/types';
import { CENSUS_FOLLOWUP_HISTORY_KINDS, CENSUS_FOLLOWUP_STATUSES, FOLLOWUP_OUTCOMES } from '../../../../src-shared/contract/census';

/** 普查批次: a cohort's census with the screening rules it was screened with (kept with the batch). */
export const censusBatches = sqliteTable('census_batches', {
  id: idColumn(),
  name: text('name').notNull().unique(),
  cohort: text('cohort').notNull(),
  /** 年级 in the roster that makes up the cohort (e.g. 2026级): the denominator of participation. */
  grade: text('grade'),
  periodStart: text('period_start'),
  periodEnd: text('period_end'),
  instruments: text('instruments', { mode: 'json' }).$type<InstrumentId[]>().notNull(),
  /** Options per instrument (cutoffs, UPI variant) at the time the batch was created. */
  rules: text('rules', { mode: 'json' }).$type<Record<string, Record<string, unknown>>>().notNull(),
  ...timestamps(),
});

/** 约谈名单: who must be interviewed after screening, by whom, and what came of it. */
export const censusFollowups = sqliteTable(
  'census_followups',
  {
    id: idColumn(),
    batchId: requiredRef('batch_id', () => censusBatches.id),
    studentId: studentRef(),
    /** 0 critical items, 1 UPI category 1, 2 SCL-90 positive, 3 UPI category 2. */
    urgency: integer('urgency').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    assignedTo: accountRef('assigned_to'),
    status: text('status', { enum: CENSUS_FOLLOWUP_STATUSES }).notNull(),
    outcome: text('outcome', { enum: FOLLOWUP_OUTCOMES }),
    note: text('note'),
    interviewedAt: text('interviewed_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('census_followups_unique').on(t.batchId, t.studentId),
    index('census_followups_assignee').on(t.assignedTo, t.status),
    // Statistics count a batch's interviews (listed, done) from this index alone, and the interview
    // list ranks a whole batch from it (followup-list.ts): no entry's row is read for either.
    index('census_followups_batch_status').on(t.batchId, t.status, t.studentId, t.urgency, t.id),
  ],
);

/**
 * 约谈记录的历史: every outcome recorded, every change of a recorded outcome (with its reason) and
 * every reopening by a re-imported form, as new rows. The list entry above holds the current state;
 * this table keeps what it was, so no outcome is ever lost by a later one.
 */
export const censusFollowupHistory = sqliteTable(
  'census_followup_history',
  {
    id: idColumn(),
    followupId: requiredRef('followup_id', () => censusFollowups.id),
    kind: text('kind', { enum: CENSUS_FOLLOWUP_HISTORY_KINDS }).notNull(),
    outcome: text('outcome', { enum: FOLLOWUP_OUTCOMES }),
    previousOutcome: text('previous_outcome', { enum: FOLLOWUP_OUTCOMES }),
    note: text('note'),
    /** Why a recorded outcome was changed, or which reasons raised the urgency on reopening. */
    reason: text('reason'),
    urgency: integer('urgency'),
    previousUrgency: integer('previous_urgency'),
    /** Extra facts: the alerts acknowledged with it, the key-attention decision. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    actorId: text('actor_id'),
    at: text('at').notNull(),
  },
  (t) => [index('census_followup_history_followup').on(t.followupId, t.at)],
);
