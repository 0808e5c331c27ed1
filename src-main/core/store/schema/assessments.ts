import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idColumn, studentRef } from './columns';
import { SAFETY_ACTIONS } from '../../../../src-shared/contract/actions';
import { ALERT_LEVELS, ALERT_SOURCES, ASSESSMENT_MODES, ASSESSMENT_STATUSES } from '../../../../src-shared/contract/assessments';

/**
 * 测评: one administration of an instrument. `responses` are clinical content: only the
 * clinical services read them; liaison and leadership projections never select them.
 */
export const assessments = sqliteTable(
  'assessments',
  {
    id: idColumn(),
    studentId: studentRef(),
    instrument: text('instrument').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    mode: text('mode', { enum: ASSESSMENT_MODES }).notNull(),
    status: text('status', { enum: ASSESSMENT_STATUSES }).notNull(),
    responses: text('responses', { mode: 'json' }).$type<unknown[]>().notNull(),
    options: text('options', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The scorer's full result (scores, bands, flags, versions and switches used). */
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Where an on-screen form was left, so it can be resumed. */
    position: integer('position').notNull().default(0),
    administeredBy: text('administered_by'),
    /** 普查: the census batch a form was imported into, and a digest of its answers (re-importing the same file changes nothing). */
    censusBatchId: text('census_batch_id'),
    answersDigest: text('answers_digest'),
    startedAt: text('started_at').notNull(),
    completedAt: text('completed_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('assessments_student').on(t.studentId, t.instrument, t.completedAt),
    uniqueIndex('assessments_census_form').on(t.censusBatchId, t.studentId, t.instrument),
    // Also `assessments_census_screening` (migration 0023, hand-written: drizzle-kit cannot write an
    // expression index): statistics' census figures read screened and screen-positive per batch from
    // it alone, its expression being STATISTICS_SQL.censusForms' own (keep the two in step).
  ],
);

/**
 * 预警: raised by a critical answer. There is no delete path anywhere: an alert is closed only
 * by acknowledgment with the action taken.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: idColumn(),
    studentId: studentRef(),
    source: text('source', { enum: ALERT_SOURCES }).notNull(),
    assessmentId: text('assessment_id').references(() => assessments.id),
    /** Set when a report (上报) raised the alert; no foreign key so the report module can depend on alerts. */
    reportId: text('report_id'),
    item: integer('item'),
    code: text('code').notNull(),
    level: text('level', { enum: ALERT_LEVELS }).notNull(),
    createdAt: text('created_at').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: text('acknowledged_at'),
    /** The note of the acknowledgement (free text; older acknowledgements carry only this). */
    actionTaken: text('action_taken'),
    /** What was done, from the structured list (src-shared/contract/actions.ts). */
    ackAction: text('ack_action', { enum: SAFETY_ACTIONS }),
    /** The crisis event opened from this alert, when acknowledging it meant opening one. */
    crisisEventId: text('crisis_event_id'),
  },
  (t) => [index('alerts_open').on(t.acknowledgedAt, t.level), index('alerts_source').on(t.assessmentId, t.code)],
);

/** A school's licensed wording for an instrument shipped as scoring-only. */
export const instrumentWordings = sqliteTable('instrument_wordings', {
  id: idColumn(),
  wording: text('wording', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  loadedBy: text('loaded_by'),
  loadedAt: text('loaded_at').notNull(),
});
