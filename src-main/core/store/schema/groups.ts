import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdByAndTimestamps, idColumn, requiredRef, studentRef, timestamps } from './columns';
import { GROUP_STATUSES, GROUP_THEMES } from '../../../../src-shared/contract/groups';

/** 团体辅导: a group with a theme and leaders (account ids). */
export const counselingGroups = sqliteTable('counseling_groups', {
  id: idColumn(),
  name: text('name').notNull(),
  theme: text('theme', { enum: GROUP_THEMES }).notNull(),
  customTheme: text('custom_theme'),
  leaders: text('leaders', { mode: 'json' }).$type<string[]>().notNull(),
  status: text('status', { enum: GROUP_STATUSES }).notNull(),
  startDate: text('start_date'),
  endDate: text('end_date'),
  description: text('description'),
  ...createdByAndTimestamps(),
});

export const groupMembers = sqliteTable(
  'group_members',
  {
    id: idColumn(),
    groupId: requiredRef('group_id', () => counselingGroups.id),
    studentId: studentRef(),
    joinedAt: text('joined_at').notNull(),
    leftAt: text('left_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('group_members_unique').on(t.groupId, t.studentId), index('group_members_student').on(t.studentId)],
);

/** One meeting of a group: who attended, and the group note (clinical content). */
export const groupSessions = sqliteTable(
  'group_sessions',
  {
    id: idColumn(),
    groupId: requiredRef('group_id', () => counselingGroups.id),
    number: integer('number').notNull(),
    heldAt: text('held_at').notNull(),
    /** Student ids present. */
    attendance: text('attendance', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
    ...createdByAndTimestamps(),
  },
  (t) => [uniqueIndex('group_sessions_number').on(t.groupId, t.number)],
);
