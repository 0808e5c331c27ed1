import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, idColumn, requiredAccountRef, requiredRef, studentRef, timestamps } from './columns';
import type { NoteRiskCheck, NoteTopic } from '../../../../src-shared/contract/notes';
import { cases } from './cases';
import { NOTE_MODES, NOTE_STATUSES } from '../../../../src-shared/contract/notes';

/**
 * 咨询记录. States: draft -> signed (locked), or draft -> awaiting_cosign -> signed for a trainee;
 * a director may unlock a signed note (with a reason) back to `unlocked`, which is edited and signed
 * again. A trigger refuses any change of the body while the note is locked.
 */
export const sessionNotes = sqliteTable(
  'session_notes',
  {
    id: idColumn(),
    caseId: requiredRef('case_id', () => cases.id),
    studentId: studentRef(),
    authorId: requiredAccountRef('author_id'),
    appointmentId: text('appointment_id'),
    /** When the session took place (UTC). */
    sessionAt: text('session_at').notNull(),
    mode: text('mode', { enum: NOTE_MODES }).notNull(),
    minutes: integer('minutes').notNull(),
    /** Free tags (named topics before the plan's list arrived; the name is kept). */
    topics: text('topics', { mode: 'json' }).$type<string[]>().notNull(),
    /** The plan's counseling topics (NOTE_TOPICS), each once; empty only on a draft. */
    topicCategories: text('topic_categories', { mode: 'json' }).$type<NoteTopic[]>().notNull().default([]),
    /** The words of 其他, set only when `other` is among the categories. */
    topicOther: text('topic_other'),
    /** Sections of the template in force when the note was written, keyed by section id. */
    body: text('body', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    riskCheck: text('risk_check', { mode: 'json' }).$type<NoteRiskCheck>(),
    status: text('status', { enum: NOTE_STATUSES }).notNull(),
    /** Sign by this time (UTC) or the note shows as overdue on the author's workbench. */
    signDueAt: text('sign_due_at').notNull(),
    signedBy: accountRef('signed_by'),
    signedAt: text('signed_at'),
    /** The supervisor who must co-sign (trainee authors); null when no co-signature is needed. */
    cosignerId: accountRef('cosigner_id'),
    cosignedAt: text('cosigned_at'),
    unlockedBy: accountRef('unlocked_by'),
    unlockedAt: text('unlocked_at'),
    unlockReason: text('unlock_reason'),
    ...timestamps(),
  },
  (t) => [
    index('session_notes_case').on(t.caseId, t.sessionAt),
    index('session_notes_author').on(t.authorId, t.status),
    index('session_notes_cosigner').on(t.cosignerId, t.status),
    // The director's co-sign queue (workbench) reads every note awaiting co-signature, oldest first.
    index('session_notes_status').on(t.status, t.signedAt),
    // A student's file lists their notes (timeline): without this a decade's notes are scanned.
    index('session_notes_student').on(t.studentId, t.sessionAt),
    // Statistics read every note of a period: this index holds all they need, so the scan never
    // reads the rows (topic_categories sits after the body, whose long texts overflow their page).
    index('session_notes_statistics').on(t.sessionAt, t.studentId, t.mode, t.minutes, t.id, t.topicCategories),
  ],
);

/** 补充记录: the only way to add to a locked note. Never changed or deleted (trigger). */
export const noteAddenda = sqliteTable(
  'note_addenda',
  {
    id: idColumn(),
    noteId: requiredRef('note_id', () => sessionNotes.id),
    authorId: requiredAccountRef('author_id'),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('note_addenda_note').on(t.noteId)],
);
