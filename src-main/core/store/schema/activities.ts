import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdByAndTimestamps, idColumn } from './columns';
import { ACTIVITY_KINDS, ORGANIZER_LEVELS } from '../../../../src-shared/contract/activities';

/** 心理健康教育活动 and trainings (心理委员/辅导员培训): counted in statistics later. */
export const educationActivities = sqliteTable(
  'education_activities',
  {
    id: idColumn(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    title: text('title').notNull(),
    /** Calendar date (YYYY-MM-DD) in the school's zone. */
    date: text('date').notNull(),
    organizer: text('organizer').notNull(),
    audience: text('audience'),
    department: text('department'),
    participants: integer('participants').notNull(),
    location: text('location'),
    description: text('description'),
    /** center, 院系 or class; null on activities recorded before levels existed (issue 17 item 5). */
    organizerLevel: text('organizer_level', { enum: ORGANIZER_LEVELS }),
    /** The organiser's entry in the network register (network_people), when there is one. */
    organizerPersonId: text('organizer_person_id'),
    className: text('class_name'),
    ...createdByAndTimestamps(),
  },
  (t) => [index('education_activities_date').on(t.date, t.kind), index('education_activities_department').on(t.department, t.date)],
);
