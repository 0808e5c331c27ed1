import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { GENDERS, STUDENT_SOURCES, STUDENT_STATUSES } from '../../../../src-shared/contract/students';

export interface Guardian {
  name: string;
  phone: string | null;
  relation: string | null;
}

/** 学生: upserted by 学号 from the registrar's roster, or added by hand. */
export const students = sqliteTable(
  'students',
  {
    id: text('id').primaryKey(),
    studentNo: text('student_no').notNull().unique(),
    name: text('name').notNull(),
    /** Full pinyin without tones or spaces, lower case: 张三 -> zhangsan. */
    namePinyin: text('name_pinyin').notNull(),
    /** Pinyin initials: 张三 -> zs. */
    nameInitials: text('name_initials').notNull(),
    gender: text('gender', { enum: GENDERS }),
    birthDate: text('birth_date'),
    department: text('department'),
    major: text('major'),
    grade: text('grade'),
    className: text('class_name'),
    dorm: text('dorm'),
    phone: text('phone'),
    /** 辅导员: the department counselor, by name as the registrar lists it. */
    departmentCounselor: text('department_counselor'),
    guardians: text('guardians', { mode: 'json' }).$type<Guardian[]>().notNull(),
    status: text('status', { enum: STUDENT_STATUSES }).notNull(),
    /** When the student left school (graduated or withdrew): retention periods count from it. */
    leftAt: text('left_at'),
    source: text('source', { enum: STUDENT_SOURCES }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  // Name and pinyin search runs on the in-memory index (search-index.ts), so those columns need
  // no SQL index; each one cost every roster import row an index write.
  (t) => [index('students_department').on(t.department, t.grade, t.className)],
);
