import { asc, eq, inArray } from 'drizzle-orm';
import type { Note, NoteSummary } from '../../../src-shared/contract/notes';
import { cases } from '../store/schema/cases';
import { accounts } from '../store/schema/kernel';
import type { Db } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { noteAddenda, sessionNotes } from '../store/schema/notes';

export type NoteRow = typeof sessionNotes.$inferSelect;

/** Unsigned (a draft, or unlocked for correction) after its deadline. */
export function isOverdue(row: Pick<NoteRow, 'status' | 'signDueAt'>, now: Date): boolean {
  return (row.status === 'draft' || row.status === 'unlocked') && row.signDueAt < now.toISOString();
}

/** Names of the people and students the rows mention, looked up once per list. */
function lookups(db: Db, rows: readonly NoteRow[], extraAccountIds: readonly string[] = []) {
  const accountIds = [
    ...new Set([...rows.flatMap((r) => [r.authorId, r.cosignerId, r.signedBy, r.unlockedBy]), ...extraAccountIds].filter((id): id is string => !!id)),
  ];
  const caseIds = [...new Set(rows.map((r) => r.caseId))];
  const studentIds = [...new Set(rows.map((r) => r.studentId))];
  const people = new Map(
    (accountIds.length
      ? db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, accountIds)).all()
      : []
    ).map((a) => [a.id, a]),
  );
  const caseNos = new Map(
    (caseIds.length ? db.select({ id: cases.id, caseNo: cases.caseNo }).from(cases).where(inArray(cases.id, caseIds)).all() : []).map((c) => [c.id, c.caseNo]),
  );
  const studentRows = new Map(
    (studentIds.length
      ? db.select({ id: students.id, studentNo: students.studentNo, name: students.name }).from(students).where(inArray(students.id, studentIds)).all()
      : []
    ).map((s) => [s.id, s]),
  );
  const person = (id: string | null) => (id ? (people.get(id) ?? { id, displayName: id }) : null);
  return {
    person,
    caseNo: (id: string) => caseNos.get(id) ?? '',
    student: (id: string) => studentRows.get(id) ?? { id, studentNo: '', name: '' },
  };
}

function summaryOf(row: NoteRow, look: ReturnType<typeof lookups>, now: Date): NoteSummary {
  return {
    id: row.id,
    caseId: row.caseId,
    caseNo: look.caseNo(row.caseId),
    student: look.student(row.studentId),
    author: look.person(row.authorId)!,
    sessionAt: row.sessionAt,
    mode: row.mode,
    status: row.status,
    signDueAt: row.signDueAt,
    overdue: isOverdue(row, now),
    cosigner: look.person(row.cosignerId),
    signedAt: row.signedAt,
  };
}

export function toSummaries(db: Db, rows: readonly NoteRow[], now: Date): NoteSummary[] {
  const look = lookups(db, rows);
  return rows.map((row) => summaryOf(row, look, now));
}

/** The addenda of these notes, oldest first (none for no notes). Content: only after the case-content gate. */
export function addendaOf(db: Db, noteIds: readonly string[]) {
  if (noteIds.length === 0) return [];
  return db.select().from(noteAddenda).where(inArray(noteAddenda.noteId, noteIds)).orderBy(asc(noteAddenda.createdAt)).all();
}

/** Notes with their content and addenda: callers must have passed the case-content gate. */
export function toNotes(db: Db, rows: readonly NoteRow[], now: Date): Note[] {
  if (rows.length === 0) return [];
  const addenda = addendaOf(
    db,
    rows.map((r) => r.id),
  );
  const look = lookups(
    db,
    rows,
    addenda.map((a) => a.authorId),
  );
  return rows.map((row) => ({
    ...summaryOf(row, look, now),
    appointmentId: row.appointmentId,
    minutes: row.minutes,
    topics: row.topics,
    topicCategories: row.topicCategories,
    topicOther: row.topicOther,
    body: row.body,
    riskCheck: row.riskCheck ?? null,
    signedBy: look.person(row.signedBy),
    cosignedAt: row.cosignedAt,
    unlockedBy: look.person(row.unlockedBy),
    unlockedAt: row.unlockedAt,
    unlockReason: row.unlockReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    addenda: addenda.filter((a) => a.noteId === row.id).map((a) => ({ id: a.id, author: look.person(a.authorId)!, body: a.body, createdAt: a.createdAt })),
  }));
}

export function findNote(db: Db, id: string): NoteRow | undefined {
  return db.select().from(sessionNotes).where(eq(sessionNotes.id, id)).get();
}
