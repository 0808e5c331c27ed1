import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { SUPERVISION_FORMATS, TRAINING_AUDIENCES } from '../../../../src-shared/contract/training';
import { accounts } from './kernel';

/** 培训: one session for one audience of the network (issue 17 item 3). Not clinical. */
export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** Calendar date (YYYY-MM-DD) in the school's zone. */
    date: text('date').notNull(),
    audience: text('audience', { enum: TRAINING_AUDIENCES }).notNull(),
    trainer: text('trainer').notNull(),
    hours: real('hours').notNull(),
    location: text('location'),
    department: text('department'),
    createdBy: text('created_by').references(() => accounts.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
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
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    personKey: text('person_key').notNull(),
    accountId: text('account_id').references(() => accounts.id),
    /** An entry of the network register (its own module; no foreign key across modules). */
    registerPersonId: text('register_person_id'),
    /** The name as listed on the day. */
    name: text('name').notNull(),
    attended: integer('attended', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
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
    id: text('id').primaryKey(),
    date: text('date').notNull(),
    supervisorAccountId: text('supervisor_account_id').references(() => accounts.id),
    supervisorName: text('supervisor_name').notNull(),
    format: text('format', { enum: SUPERVISION_FORMATS }).notNull(),
    hours: real('hours').notNull(),
    /** Account ids of the counselors supervised. */
    supervisees: text('supervisees', { mode: 'json' }).$type<string[]>().notNull(),
    createdBy: text('created_by').references(() => accounts.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('supervision_sessions_date').on(t.date)],
);
