import { asc, eq } from 'drizzle-orm';
import { listStudentAssessments, toSummary } from '../assessments/assessment-service';
import { cases } from '../store/schema/cases';
import { readCrisisLevels } from '../settings/crisis-levels';
import { crisisEvents } from '../store/schema/crisis';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { readNoteTemplate } from '../notes/note-template';
import { readSettings } from '../settings/settings-service';
import { studentScopeFor } from '../students/scope';
import { requireStudent, toStudent } from '../students/student-service';
import { peopleLookup, printableCase } from './case-print';
import { requireRow } from '../store/require-row';

/** Who printed, when, for whom: the parts every printout shares. */
function printHeader(ctx: CallContext, studentId: string) {
  const store = ctx.vault.requireStore();
  const session = ctx.vault.requireSession();
  const student = requireStudent(store.db, studentId, studentScopeFor(store.db, session));
  return {
    printedAt: ctx.clock.now().toISOString(),
    printedBy: { id: session.accountId, displayName: session.displayName },
    schoolName: readSettings(store.db).schoolName,
    student: toStudent(student),
    noteSections: readNoteTemplate(store.db).sections,
  };
}

function crisisSummary(ctx: CallContext, studentId: string) {
  const { db } = ctx.vault.requireStore();
  // The summary only: number, level, state, dates, owner. The description and closing summary stay in the event.
  const rows = db.select().from(crisisEvents).where(eq(crisisEvents.studentId, studentId)).orderBy(asc(crisisEvents.discoveredAt)).all();
  const levels = readCrisisLevels(db);
  const person = peopleLookup(
    db,
    rows.map((r) => r.ownerId),
  );
  return rows.map((r) => ({
    id: r.id,
    eventNo: r.eventNo,
    level: r.level,
    levelLabel: levels.find((l) => l.key === r.level)?.label ?? r.level,
    status: r.status,
    discoveredAt: r.discoveredAt,
    closedAt: r.closedAt,
    owner: person(r.ownerId),
  }));
}

/** Printable case files: each call is the print, read through the case gate and audited as `print`. */
export const printHandlers: PartialHandlerMap<'print.caseFile' | 'print.case'> = {
  'print.caseFile': (ctx, input) => {
    const store = ctx.vault.requireStore();
    const session = ctx.vault.requireSession();
    const head = printHeader(ctx, input.studentId);
    const now = ctx.clock.now();
    const printed = store.db
      .select()
      .from(cases)
      .where(eq(cases.studentId, head.student.id))
      .orderBy(asc(cases.openedAt), asc(cases.caseNo))
      .all()
      .map((kase) => printableCase(store, session, kase, { breakGlassReason: input.breakGlassReason, now, restrictInsteadOfAsking: true }));
    const assessments = listStudentAssessments(store.db, head.student.id)
      .filter((a) => a.status === 'complete')
      .map(toSummary)
      .sort((a, b) => (a.completedAt ?? a.startedAt).localeCompare(b.completedAt ?? b.startedAt));
    const crisis = crisisSummary(ctx, head.student.id);
    store.uow.run(ctx.vault.actor(), (tx) =>
      tx.record('print', 'students', head.student.id, {
        document: 'case-file',
        cases: printed.length,
        restricted: printed.filter((c) => c.content === 'restricted').length,
        breakGlass: printed.filter((c) => c.access === 'break_glass').length,
        notes: printed.reduce((sum, c) => sum + c.notes.length, 0),
        assessments: assessments.length,
        crisisEvents: crisis.length,
      }),
    );
    return { ...head, cases: printed, assessments, crisisEvents: crisis };
  },

  'print.case': (ctx, input) => {
    const store = ctx.vault.requireStore();
    const session = ctx.vault.requireSession();
    const kase = requireRow(store.db, 'case', input.caseId);
    const head = printHeader(ctx, kase.studentId);
    const printed = printableCase(store, session, kase, { breakGlassReason: input.breakGlassReason, now: ctx.clock.now(), restrictInsteadOfAsking: false });
    store.uow.run(ctx.vault.actor(), (tx) =>
      tx.record('print', 'cases', kase.id, {
        document: 'case',
        studentId: kase.studentId,
        content: printed.content,
        access: printed.access,
        notes: printed.notes.length,
      }),
    );
    return { ...head, case: printed };
  },
};
