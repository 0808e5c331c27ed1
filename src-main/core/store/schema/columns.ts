import { text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { accounts } from './kernel';
import { students } from './students';

/**
 * Column builders the table definitions share, so the columns most tables have (the id, the
 * student a row belongs to, the account that did something, when the row was written) are spelled
 * once. Each one keeps the SQL name, type, nullability and reference the columns had when they were
 * written out in full: the database schema is the same (drizzle-kit generates no migration).
 *
 * These are functions, not constants: drizzle binds a column builder to the one table it is
 * declared in, so every column needs a builder of its own.
 *
 * kernel.ts and students.ts do not use them: this module imports their tables (`accounts`,
 * `students`), and a table module importing it back would make an import cycle.
 */

/** `id`: the row's text primary key (a UUID made by the app). */
export function idColumn() {
  return text('id').primaryKey();
}

/** A required reference to another table's row: `<name> text NOT NULL REFERENCES <table>(id)`. */
export function requiredRef<TName extends string>(name: TName, target: () => AnySQLiteColumn) {
  return text(name).notNull().references(target);
}

/** `student_id`: the student the row belongs to (required). */
export function studentRef() {
  return requiredRef('student_id', () => students.id);
}

/** An account that did something (`created_by`, `done_by`, …): null when nobody is recorded. */
export function accountRef<TName extends string>(name: TName) {
  return text(name).references(() => accounts.id);
}

/** An account the row must name (`author_id`, `counselor_id`, `placed_by`, …). */
export function requiredAccountRef<TName extends string>(name: TName) {
  return requiredRef(name, () => accounts.id);
}

/** `created_at` and `updated_at` (UTC ISO text, both required): spread them into a table's columns. */
export function timestamps() {
  return {
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  };
}

/** `created_by` (the account that recorded the row, or null), then `created_at` and `updated_at`. */
export function createdByAndTimestamps() {
  return {
    createdBy: accountRef('created_by'),
    ...timestamps(),
  };
}

/** `created_by` and `created_at` alone: a row that is never edited after it is written (append-only). */
export function createdByAndAt() {
  return {
    createdBy: accountRef('created_by'),
    createdAt: text('created_at').notNull(),
  };
}

/** `recorded_by` (the staff member who entered what others decided or did) and `created_at`, on a row never edited. */
export function recordedByAndAt() {
  return {
    recordedBy: accountRef('recorded_by'),
    createdAt: text('created_at').notNull(),
  };
}
