import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndTimestamps, idColumn, requiredRef, timestamps } from './columns';
import { SUPERVISION_FORMATS, TRAINING_AUDIENCES } from '../../../../src-shared/contract/training';

/** 培训: one session for one audience of the network (issue 17 item 3). Not clinical. */
export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    id: idColumn(),
    title: text('title').notNull(),
    /** Calendar date (YYYY-MM-DD) in the school's zone. */
    date: text('date').notNull(),
    audience: text('audience', { enum: TRAINING_AUDIENCES }).notNull(),
    trainer: text('trainer').notNull(),
    hours: real('hours').notNull(),
    location: text('location'),
    department: text('department'),
    ...createdByAndTimestamps(),
  },
  (t) => [index('training_sessions_date').on(t.date, t.audience)],
);

/**
 * One person on a session's attendance list. `personKey` names the person across sessions
 * (`account:<id>`, `register:<id>` or `name:<name>`), so a history is one indexed lookup.
 */
export const trainingAttendance = sqliteTable(
  'training_attendance',
  {
    id: idColumn(),
    sessionId: requiredRef('session_id', () => trainingSessions.id),
    personKey: text('person_key').notNull(),
    accountId: accountRef('account_id'),
    /** An entry of the network register (its own module; no foreign key across modules). */
    registerPersonId: text('register_person_id'),
    /** The name as listed on the day. */
    name: text('name').notNull(),
    attended: integer('attended', { mode: 'boolean' }).notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('training_attendance_person').on(t.sessionId, t.personKey), index('training_attendance_key').on(t.personKey)],
);

/**
 * 督导: who supervised whom, when, how and for how long. Deliberately without any content
 * column: what was discussed belongs to the case records, under their own access rules.
 */
export const supervisionSessions = sqliteTable(
  'supervision_sessions',
  {
    id: idColumn(),
    date: text('date').notNull(),
    supervisorAccountId: accountRef('supervisor_account_id'),
    supervisorName: text('supervisor_name').notNull(),
    format: text('format', { enum: SUPERVISION_FORMATS }).notNull(),
    hours: real('hours').notNull(),
    /** Account ids of the counselors supervised. */
    supervisees: text('supervisees', { mode: 'json' }).$type<string[]>().notNull(),
    ...createdByAndTimestamps(),
  },
  (t) => [index('supervision_sessions_date').on(t.date)],
);
