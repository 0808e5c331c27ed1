import { eq } from 'drizzle-orm';
import type { CaseDetail } from '../../../src-shared/contract/cases';
import { openCaseContent } from '../access/case-access';
import type { PartialHandlerMap } from '../handler-types';
import { accounts } from '../store/schema/kernel';
import { requireStudentForCaller } from '../students/scope';
import type { Db } from '../store/unit-of-work';
import { assertMayManage, assignableCounselors, caseRow, listCases, reassignCase, studentCaseStatus } from './case-service';
import { caseCloseRisk, decideCaseClose, pendingCaseClose, setCaseStatusGuarded } from './case-closing';
import { submitIntake } from './intake-service';
import { intakes } from '../store/schema/cases';
import { requireRow } from '../store/require-row';

type CaseChannelNames =
  | 'cases.intake'
  | 'cases.counselors'
  | 'cases.list'
  | 'cases.get'
  | 'cases.setStatus'
  | 'cases.reassign'
  | 'cases.forStudent'
  | 'cases.studentStatus'
  | 'cases.decideClose';

function intakeOf(db: Db, caseId: string): CaseDetail['intake'] {
  const row = db.select().from(intakes).where(eq(intakes.caseId, caseId)).get();
  if (!row) return null;
  const author = db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, row.conductedBy)).get();
  return {
    id: row.id,
    reportId: row.reportId,
    consent: row.consent as unknown as Record<string, unknown>,
    concerns: row.concerns,
    otherConcern: row.otherConcern,
    history: row.history,
    riskAssessmentId: row.riskAssessmentId,
    impression: row.impression,
    disposition: row.disposition,
    conductedBy: author ?? { id: row.conductedBy, displayName: row.conductedBy },
    conductedAt: row.conductedAt,
  };
}

export const casesHandlers: PartialHandlerMap<CaseChannelNames> = {
  'cases.intake': (ctx, input) => {
    const student = requireStudentForCaller(ctx, input.studentId);
    const store = ctx.vault.requireStore();
    const done = store.uow.run(ctx.vault.actor(), (tx) => submitIntake(tx, { ...input, studentId: student.id }, ctx.vault.now()));
    return { caseId: done.kase.id, caseNo: done.kase.caseNo, riskLevel: done.riskLevel, assessmentId: done.assessmentId, alertsRaised: done.alertsRaised };
  },

  'cases.counselors': ({ vault }) => assignableCounselors(vault.requireStore().db),

  'cases.list': ({ vault }, input) => {
    const { db } = vault.requireStore();
    return listCases(db, { counselorId: input.scope === 'mine' ? vault.requireSession().accountId : undefined, status: input.status });
  },

  /** The header and the intake pass the one clinical gate (assignment, supervision, director, or break-glass). */
  'cases.get': (ctx, input) => {
    const store = ctx.vault.requireStore();
    const kase = requireRow(store.db, 'case', input.id);
    const conductedBy = store.db.select({ by: intakes.conductedBy }).from(intakes).where(eq(intakes.caseId, kase.id)).get()?.by;
    const access = openCaseContent(
      store,
      ctx.vault.requireSession(),
      kase,
      { entity: 'cases', entityId: kase.id },
      { breakGlassReason: input.breakGlassReason, authorIds: conductedBy ? [conductedBy] : [], now: ctx.clock.now() },
    );
    const open = kase.status !== 'closed' && kase.status !== 'archived';
    return {
      ...caseRow(store.db, kase.id),
      pendingClose: pendingCaseClose(store.db, kase.id),
      closingReason: kase.closingReason,
      closingSummary: kase.closingSummary,
      intake: intakeOf(store.db, kase.id),
      access: access.relation,
      closeRisk: open ? caseCloseRisk(store.db, kase) : null,
    };
  },

  'cases.setStatus': ({ vault }, input) => {
    const store = vault.requireStore();
    const kase = requireRow(store.db, 'case', input.id);
    const session = vault.requireSession();
    assertMayManage(session, kase);
    // A close at risk needs the director's approval: checked inside the write (case-closing.ts).
    store.uow.run(vault.actor(), (tx) => setCaseStatusGuarded(tx, session, kase.id, input, vault.now()));
    return { ...caseRow(store.db, kase.id), pendingClose: pendingCaseClose(store.db, kase.id) };
  },

  'cases.decideClose': ({ vault }, input) => {
    const store = vault.requireStore();
    const kase = store.uow.run(vault.actor(), (tx) => decideCaseClose(tx, input.requestId, input, vault.now()));
    return { ...caseRow(store.db, kase.id), pendingClose: pendingCaseClose(store.db, kase.id) };
  },

  'cases.reassign': ({ vault }, input) => {
    const store = vault.requireStore();
    const kase = requireRow(store.db, 'case', input.id);
    assertMayManage(vault.requireSession(), kase);
    store.uow.run(vault.actor(), (tx) => reassignCase(tx, kase, input.counselorId, vault.now()));
    return caseRow(store.db, kase.id);
  },

  'cases.forStudent': (ctx, input) => listCases(ctx.vault.requireStore().db, { studentId: requireStudentForCaller(ctx, input.studentId).id }),

  'cases.studentStatus': (ctx, input) => studentCaseStatus(ctx.vault.requireStore().db, requireStudentForCaller(ctx, input.studentId).id),
};
