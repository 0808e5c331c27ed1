import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndTimestamps, idColumn } from './columns';
import { NETWORK_LEVELS, NETWORK_ROLES } from '../../../../src-shared/contract/network';
import { students } from './students';

/**
 * 工作网络: who is who in the school's four levels, per school year. Entries are never deleted
 * (reports and crisis steps name them): a person who leaves gets `retired_at`.
 */
export const networkPeople = sqliteTable(
  'network_people',
  {
    id: idColumn(),
    /** 2026-2027. */
    schoolYear: text('school_year').notNull(),
    level: text('level', { enum: NETWORK_LEVELS }).notNull(),
    role: text('role', { enum: NETWORK_ROLES }).notNull(),
    name: text('name').notNull(),
    office: text('office'),
    phone: text('phone'),
    department: text('department'),
    grade: text('grade'),
    className: text('class_name'),
    /** The roster student (every 心理委员 is one). */
    studentId: text('student_id').references(() => students.id),
    accountId: accountRef('account_id'),
    termFrom: text('term_from'),
    termTo: text('term_to'),
    note: text('note'),
    retiredAt: text('retired_at'),
    ...createdByAndTimestamps(),
  },
  (t) => [index('network_people_year').on(t.schoolYear, t.department, t.className), index('network_people_student').on(t.studentId)],
);
