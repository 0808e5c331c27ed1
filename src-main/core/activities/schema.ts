import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACTIVITY_KINDS } from '../../../src-shared/contract/activities';
import { accounts } from '../store/schema';

/** 心理健康教育活动 and trainings (心理委员/辅导员培训): counted in statistics later. */
export const educationActivities = sqliteTable(
  'education_activities',
  {
    id: text('id').primaryKey(),
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
    createdBy: text('created_by').references(() => accounts.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('education_activities_date').on(t.date, t.kind)],
);
