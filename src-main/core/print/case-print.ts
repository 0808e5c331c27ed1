import { asc, eq, inArray } from 'drizzle-orm';
import type { PrintedCase } from '../../../src-shared/contract/print';
import { AppError } from '../../../src-shared/contract/errors';
import { caseRelation, openCaseContent, type CaseRef } from '../access/case-access';
import type { CaseRecord } from '../cases/case-service';
import { addendaOf } from '../notes/note-service';
import { intakes } from '../store/schema/cases';
import { sessionNotes } from '../store/schema/notes';
import { accounts } from '../store/schema/kernel';
import type { OpenStore } from '../store/open-store';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';

type Person = { id: string; displayName: string };

/** Display names for a set of accounts, looked up once. */
export function peopleLookup(db: Db, ids: Iterable<string | null | undefined>): (id: string | null | undefined) => Person | null {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  const found = new Map(
    (wanted.length ? db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, wanted)).all() : []).map(
      (p) => [p.id, p],
    ),
  );
  return (id) => (id ? (found.get(id) ?? { id, displayName: id }) : null);
}

function caseRef(kase: CaseRecord): CaseRef {
  return { id: kase.id, studentId: kase.studentId, counselorId: kase.counselorId };
}

function isBreakGlassRequired(error: unknown): boolean {
  return error instanceof AppError && error.code === 'FORBIDDEN' && error.details.reason === 'breakGlassRequired';
}

/** What any clinician may see of any case: that it exists, its number, state and counselor. */
function header(kase: CaseRecord, person: ReturnType<typeof peopleLookup>): Omit<PrintedCase, 'content' | 'access' | 'closingSummary' | 'intake' | 'notes'> {
  return {
    id: kase.id,
    caseNo: kase.caseNo,
    status: kase.status,
    riskLevel: kase.riskLevel,
    counselor: person(kase.counselorId)!,
    openedAt: kase.openedAt,
    closedAt: kase.closedAt,
    closingReason: kase.closingReason,
  };
}

/**
 * One case for a printout, through the one clinical gate. Only signed notes are printed (a draft
 * is not yet a record). Someone who is only the author (or supervises the author) of some notes
 * gets those notes, not the rest of the case. With `restrictInsteadOfAsking`, a case that would
 * need break-glass comes back listed without content instead of refusing the whole printout.
 */
export function printableCase(
  store: OpenStore,
  session: Session,
  kase: CaseRecord,
  options: { breakGlassReason?: string; now: Date; restrictInsteadOfAsking: boolean },
): PrintedCase {
  const { db } = store;
  const notes = db
    .select()
    .from(sessionNotes)
    .where(eq(sessionNotes.caseId, kase.id))
    .orderBy(asc(sessionNotes.sessionAt), asc(sessionNotes.createdAt))
    .all()
    .filter((n) => n.status === 'signed');
  const intake = db.select().from(intakes).where(eq(intakes.caseId, kase.id)).get();
  const addenda = addendaOf(
    db,
    notes.map((n) => n.id),
  );
  const person = peopleLookup(db, [
    kase.counselorId,
    intake?.conductedBy,
    ...notes.flatMap((n) => [n.authorId, n.signedBy, n.cosignerId]),
    ...addenda.map((a) => a.authorId),
  ]);
  const ref = caseRef(kase);
  const authorIds = [...new Set([...notes.map((n) => n.authorId), ...(intake ? [intake.conductedBy] : [])])];

  let relation: string;
  try {
    relation = openCaseContent(
      store,
      session,
      ref,
      { entity: 'cases', entityId: kase.id },
      { breakGlassReason: options.breakGlassReason, authorIds, now: options.now },
    ).relation;
  } catch (error) {
    if (options.restrictInsteadOfAsking && isBreakGlassRequired(error)) {
      return { ...header(kase, person), content: 'restricted', access: null, closingSummary: null, intake: null, notes: [] };
    }
    throw error;
  }
  // The gate let an author (or their supervisor) in: only what they wrote is theirs to print.
  const wholeCase = relation === 'break_glass' || caseRelation(db, session, ref) !== null;
  const mayRead = (authorId: string) => wholeCase || caseRelation(db, session, ref, [authorId]) !== null;
  const printedNotes = notes.filter((n) => mayRead(n.authorId));

  return {
    ...header(kase, person),
    content: wholeCase ? 'full' : 'partial',
    access: relation,
    closingSummary: wholeCase ? kase.closingSummary : null,
    intake:
      intake && mayRead(intake.conductedBy)
        ? {
            id: intake.id,
            reportId: intake.reportId,
            consent: intake.consent as unknown as Record<string, unknown>,
            concerns: intake.concerns,
            otherConcern: intake.otherConcern,
            history: intake.history,
            riskAssessmentId: intake.riskAssessmentId,
            impression: intake.impression,
            disposition: intake.disposition,
            conductedBy: person(intake.conductedBy)!,
            conductedAt: intake.conductedAt,
          }
        : null,
    notes: printedNotes.map((n) => ({
      id: n.id,
      sessionAt: n.sessionAt,
      mode: n.mode,
      minutes: n.minutes,
      topics: n.topics,
      topicCategories: n.topicCategories,
      topicOther: n.topicOther,
      body: n.body,
      author: person(n.authorId)!,
      signedBy: person(n.signedBy),
      signedAt: n.signedAt,
      cosigner: person(n.cosignerId),
      cosignedAt: n.cosignedAt,
      addenda: addenda.filter((a) => a.noteId === n.id).map((a) => ({ id: a.id, author: person(a.authorId)!, body: a.body, createdAt: a.createdAt })),
    })),
  };
}
