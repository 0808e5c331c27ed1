import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { NOTE_TOPICS, type NoteRiskCheck, type NoteTopic } from '../../../src-shared/contract/notes';
import { type Role, isDirector, isTraineeOnly } from '../../../src-shared/permissions';
import { caseRelation, openCaseContent, type CaseRef } from '../access/case-access';
import { assertCaseNotArchived } from '../archive/archiving';
import { cases } from '../store/schema/cases';
import { accounts } from '../store/schema/kernel';
import type { OpenStore } from '../store/open-store';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import { readNoteTemplate, signDueFrom } from './note-template';
import { findNote, type NoteRow } from './note-views';

export { addendaOf } from './note-views';
import { noteAddenda, sessionNotes } from '../store/schema/notes';
import { requireRow } from '../store/require-row';

type CaseRow = typeof cases.$inferSelect;
type Mode = NoteRow['mode'];

export interface NoteDraft {
  sessionAt: string;
  mode: Mode;
  minutes: number;
  topics: string[];
  /** The plan's topics; absent from callers written before them (then none, or unchanged). */
  topicCategories?: NoteTopic[];
  topicOther?: string | null;
  body: Record<string, string>;
  riskCheck?: NoteRiskCheck | null;
}

export function requireNote(db: Db, id: string): NoteRow {
  const row = findNote(db, id);
  if (!row) throw new AppError('NOT_FOUND', { reason: 'noteNotFound' });
  return row;
}

/** Notes of an archived case are read-only (the database refuses too; this gives the sentence). */
function assertCaseWritable(db: Db, caseId: string): void {
  assertCaseNotArchived(requireRow(db, 'case', caseId, 'noteCaseNotFound'));
}

/** Clean up the free-form fields: trimmed topics without repeats, sections only as the template knows them. */
function normalized(draft: Partial<NoteDraft>, allowedSections: ReadonlySet<string>): Partial<NoteDraft> {
  const out: Partial<NoteDraft> = { ...draft };
  if (draft.sessionAt !== undefined) out.sessionAt = new Date(draft.sessionAt).toISOString();
  if (draft.topics !== undefined) out.topics = [...new Set(draft.topics.map((t) => t.trim()).filter(Boolean))];
  // The plan's order, each once, whatever order the caller sent.
  if (draft.topicCategories !== undefined) out.topicCategories = NOTE_TOPICS.filter((key) => draft.topicCategories!.includes(key));
  if (draft.topicOther !== undefined) out.topicOther = draft.topicOther?.trim() || null;
  if (draft.body !== undefined) {
    const unknown = Object.keys(draft.body).filter((key) => !allowedSections.has(key));
    if (unknown.length > 0) throw new AppError('VALIDATION', { reason: 'noteUnknownSection', section: unknown[0] });
    out.body = draft.body;
  }
  return out;
}

/** The words of 其他 are kept only while 其他 is chosen. */
function otherText(categories: readonly NoteTopic[], text: string | null | undefined): string | null {
  return categories.includes('other') ? (text ?? null) : null;
}

function templateSectionIds(db: Db): Set<string> {
  return new Set(readNoteTemplate(db).sections.map((s) => s.id));
}

/** Only the case's counselor writes its notes (the director may too). */
export function createNote(store: OpenStore, session: Session, input: NoteDraft & { caseId: string; appointmentId?: string | null }, now: Date): NoteRow {
  const kase = requireRow(store.db, 'case', input.caseId, 'noteCaseNotFound');
  if (!isDirector(session.roles) && kase.counselorId !== session.accountId) throw new AppError('FORBIDDEN', { reason: 'noteNotCaseCounselor' });
  assertCaseNotArchived(kase);
  if (kase.status === 'closed' || kase.status === 'archived') throw new AppError('CONFLICT', { reason: 'noteCaseClosed' });
  const draft = normalized(input, templateSectionIds(store.db)) as NoteDraft;
  const at = now.toISOString();
  const { signDueHours } = readNoteTemplate(store.db);
  return store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.insert(
      sessionNotes,
      {
        id: randomUUID(),
        caseId: kase.id,
        studentId: kase.studentId,
        authorId: session.accountId,
        appointmentId: input.appointmentId ?? null,
        sessionAt: draft.sessionAt,
        mode: draft.mode,
        minutes: draft.minutes,
        topics: draft.topics,
        topicCategories: draft.topicCategories ?? [],
        topicOther: otherText(draft.topicCategories ?? [], draft.topicOther),
        body: draft.body,
        riskCheck: draft.riskCheck ?? null,
        status: 'draft',
        signDueAt: signDueFrom(draft.sessionAt, signDueHours),
        createdAt: at,
        updatedAt: at,
      },
      { details: { caseId: kase.id } },
    ),
  );
}

/** A note can change only while it is a draft or unlocked, and only by its author. */
function assertEditable(row: NoteRow, session: Session): void {
  if (row.status === 'signed' || row.status === 'awaiting_cosign') throw new AppError('CONFLICT', { reason: 'noteLocked' });
  if (row.authorId !== session.accountId) throw new AppError('FORBIDDEN', { reason: 'noteNotAuthor' });
}

export function updateNote(store: OpenStore, session: Session, id: string, patch: Partial<NoteDraft>, now: Date): NoteRow {
  const row = requireNote(store.db, id);
  assertCaseWritable(store.db, row.caseId);
  assertEditable(row, session);
  // A note keeps the sections it was written with, even after the template changed.
  const allowed = new Set([...templateSectionIds(store.db), ...Object.keys(row.body)]);
  const draft = normalized(patch, allowed);
  const { signDueHours } = readNoteTemplate(store.db);
  const topicsChange = draft.topicCategories !== undefined || draft.topicOther !== undefined;
  const categories = draft.topicCategories ?? row.topicCategories;
  const changes: Partial<typeof sessionNotes.$inferInsert> = {
    ...(topicsChange && { topicCategories: categories, topicOther: otherText(categories, draft.topicOther !== undefined ? draft.topicOther : row.topicOther) }),
    ...(draft.sessionAt !== undefined && { sessionAt: draft.sessionAt }),
    ...(draft.mode !== undefined && { mode: draft.mode }),
    ...(draft.minutes !== undefined && { minutes: draft.minutes }),
    ...(draft.topics !== undefined && { topics: draft.topics }),
    ...(draft.body !== undefined && { body: draft.body }),
    ...(draft.riskCheck !== undefined && { riskCheck: draft.riskCheck }),
    // A draft's deadline follows its session time; an unlocked note keeps the one its unlock set.
    ...(draft.sessionAt !== undefined && row.status === 'draft' && { signDueAt: signDueFrom(draft.sessionAt, signDueHours) }),
    updatedAt: now.toISOString(),
  };
  return store.uow.run({ accountId: session.accountId }, (tx) => tx.update(sessionNotes, row.id, changes, { details: { caseId: row.caseId } }));
}

/** A trainee (without a licensed role besides) needs a supervisor's co-signature. */
function needsCosign(roles: readonly Role[]): boolean {
  return isTraineeOnly(roles);
}

function activeSupervisorOf(db: Db, accountId: string): string | null {
  const me = db.select({ supervisorId: accounts.supervisorId }).from(accounts).where(eq(accounts.id, accountId)).get();
  if (!me?.supervisorId) return null;
  const supervisor = db.select().from(accounts).where(eq(accounts.id, me.supervisorId)).get();
  if (!supervisor || supervisor.disabled || !(supervisor.roles as Role[]).includes('supervisor')) return null;
  return supervisor.id;
}

/**
 * 签名: the author locks the note. A trainee's note waits for the supervisor. The risk re-check
 * is required, and when it differs from the case's risk level the case follows it.
 */
export function signNote(store: OpenStore, session: Session, id: string, now: Date): NoteRow {
  const row = requireNote(store.db, id);
  assertCaseWritable(store.db, row.caseId);
  if (row.status === 'signed') throw new AppError('CONFLICT', { reason: 'noteAlreadySigned' });
  if (row.status === 'awaiting_cosign') throw new AppError('CONFLICT', { reason: 'noteAwaitingCosign' });
  if (row.authorId !== session.accountId) throw new AppError('FORBIDDEN', { reason: 'noteNotAuthor' });
  if (!row.riskCheck) throw new AppError('CONFLICT', { reason: 'noteRiskCheckRequired' });
  if (!Object.values(row.body).some((text) => text.trim().length > 0)) throw new AppError('CONFLICT', { reason: 'noteBodyEmpty' });
  // The center reports its sessions by the plan's topics: a signed note names at least one.
  if (row.topicCategories.length === 0) throw new AppError('CONFLICT', { reason: 'noteTopicRequired' });
  if (row.topicCategories.includes('other') && !row.topicOther) throw new AppError('CONFLICT', { reason: 'noteTopicOtherRequired' });
  const cosignerId = needsCosign(session.roles) ? activeSupervisorOf(store.db, session.accountId) : null;
  if (needsCosign(session.roles) && !cosignerId) throw new AppError('CONFLICT', { reason: 'noteNoSupervisor' });
  const kase = requireRow(store.db, 'case', row.caseId, 'noteCaseNotFound');
  const at = now.toISOString();
  return store.uow.run({ accountId: session.accountId }, (tx) => {
    const signed = tx.update(
      sessionNotes,
      row.id,
      { status: cosignerId ? 'awaiting_cosign' : 'signed', signedBy: session.accountId, signedAt: at, cosignerId, cosignedAt: null, updatedAt: at },
      { action: 'sign', details: { caseId: row.caseId, cosign: cosignerId !== null } },
    );
    const level = row.riskCheck!.level;
    if (level !== kase.riskLevel) {
      tx.update(cases, kase.id, { riskLevel: level, updatedAt: at }, { action: 'risk-change', details: { from: kase.riskLevel, to: level, noteId: row.id } });
    }
    return signed;
  });
}

export function cosignNote(store: OpenStore, session: Session, id: string, now: Date): NoteRow {
  const row = requireNote(store.db, id);
  assertCaseWritable(store.db, row.caseId);
  if (row.status !== 'awaiting_cosign') throw new AppError('CONFLICT', { reason: 'noteNotAwaitingCosign' });
  if (row.cosignerId !== session.accountId && !isDirector(session.roles)) throw new AppError('FORBIDDEN', { reason: 'noteNotCosigner' });
  const at = now.toISOString();
  return store.uow.run({ accountId: session.accountId }, (tx) =>
    // The director may co-sign in the supervisor's place; the column then names who did.
    tx.update(
      sessionNotes,
      row.id,
      { status: 'signed', cosignerId: session.accountId, cosignedAt: at, updatedAt: at },
      { action: 'cosign', details: { caseId: row.caseId } },
    ),
  );
}

/** 补充记录: the only way to add to a signed note; by its author, the case's counselor or the director. */
export function addAddendum(store: OpenStore, session: Session, id: string, body: string, now: Date): NoteRow {
  const row = requireNote(store.db, id);
  assertCaseWritable(store.db, row.caseId);
  if (row.status !== 'signed') throw new AppError('CONFLICT', { reason: 'noteAddendumNeedsSigned' });
  const kase = requireRow(store.db, 'case', row.caseId, 'noteCaseNotFound');
  if (!isDirector(session.roles) && row.authorId !== session.accountId && kase.counselorId !== session.accountId) {
    throw new AppError('FORBIDDEN', { reason: 'noteAddendumNotAllowed' });
  }
  const at = now.toISOString();
  store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.insert(
      noteAddenda,
      { id: randomUUID(), noteId: row.id, authorId: session.accountId, body, createdAt: at },
      { details: { noteId: row.id, caseId: row.caseId } },
    ),
  );
  return row;
}

/** The director reopens a signed note for its author to correct; the reason is kept and audited. */
export function unlockNote(store: OpenStore, session: Session, id: string, reason: string, now: Date): NoteRow {
  const row = requireNote(store.db, id);
  assertCaseWritable(store.db, row.caseId);
  if (row.status !== 'signed') throw new AppError('CONFLICT', { reason: 'noteUnlockNotSigned' });
  const at = now.toISOString();
  const { signDueHours } = readNoteTemplate(store.db);
  return store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.update(
      sessionNotes,
      row.id,
      { status: 'unlocked', unlockedBy: session.accountId, unlockedAt: at, unlockReason: reason, signDueAt: signDueFrom(at, signDueHours), updatedAt: at },
      { action: 'unlock', details: { caseId: row.caseId, reason } },
    ),
  );
}

function caseRef(kase: CaseRow): CaseRef {
  return { id: kase.id, studentId: kase.studentId, counselorId: kase.counselorId };
}

/** One note's content, through the gate (its author keeps access after the case moved on). */
export function readNote(store: OpenStore, session: Session, id: string, breakGlassReason: string | undefined, now: Date): NoteRow {
  const row = requireNote(store.db, id);
  const kase = requireRow(store.db, 'case', row.caseId, 'noteCaseNotFound');
  openCaseContent(store, session, caseRef(kase), { entity: 'session_notes', entityId: row.id }, { breakGlassReason, authorIds: [row.authorId], now });
  return row;
}

/**
 * A case's notes, through the gate. Someone who is only an author (or the supervisor of one) on
 * this case sees just those authors' notes, not the whole case.
 */
export function readCaseNotes(store: OpenStore, session: Session, caseId: string, breakGlassReason: string | undefined, now: Date): NoteRow[] {
  const kase = requireRow(store.db, 'case', caseId, 'noteCaseNotFound');
  const rows = store.db
    .select()
    .from(sessionNotes)
    .where(eq(sessionNotes.caseId, kase.id))
    .orderBy(desc(sessionNotes.sessionAt), desc(sessionNotes.createdAt))
    .all();
  const authorIds = [...new Set(rows.map((r) => r.authorId))];
  const access = openCaseContent(store, session, caseRef(kase), { entity: 'cases', entityId: kase.id }, { breakGlassReason, authorIds, now });
  if (access.relation === 'author' || access.relation === 'supervisor') {
    if (caseRelation(store.db, session, caseRef(kase)) === null)
      return rows.filter((r) => caseRelation(store.db, session, caseRef(kase), [r.authorId]) !== null);
  }
  return rows;
}

export function cosignQueue(db: Db, session: Session): NoteRow[] {
  const awaiting = eq(sessionNotes.status, 'awaiting_cosign');
  return db
    .select()
    .from(sessionNotes)
    .where(isDirector(session.roles) ? awaiting : and(awaiting, eq(sessionNotes.cosignerId, session.accountId)))
    .orderBy(asc(sessionNotes.signedAt))
    .all();
}

/** The author's own unsigned notes, oldest deadline first. */
export function myOpenNotes(db: Db, session: Session): NoteRow[] {
  return db
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.authorId, session.accountId), inArray(sessionNotes.status, ['draft', 'unlocked', 'awaiting_cosign'])))
    .orderBy(asc(sessionNotes.signDueAt))
    .all();
}
