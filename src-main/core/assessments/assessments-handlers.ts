import { AppError } from '../../../src-shared/contract/errors';
import type { InstrumentId } from '../../../src-shared/instruments/types';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { requireStudentForCaller, studentScopeFor } from '../students/scope';
import { findStudent, inScope } from '../students/student-service';
import { acknowledgeAlerts, listAlerts } from './alert-service';
import {
  enterPaperAssessment,
  finishAssessment,
  listStudentAssessments,
  saveAnswer,
  startAssessment,
  studentForm,
  toDetail,
  toSummary,
} from './assessment-service';
import { configureInstrument, instrumentSetting, listInstrumentSettings, saveWording } from './instrument-settings';
import { requireRow } from '../store/require-row';

type AssessmentChannelNames =
  | 'assessments.start'
  | 'assessments.enterPaper'
  | 'assessments.listForStudent'
  | 'assessments.get'
  | 'studentMode.enter'
  | 'studentMode.form'
  | 'studentMode.answer'
  | 'studentMode.finish'
  | 'studentMode.exit'
  | 'instruments.list'
  | 'instruments.configure'
  | 'instruments.loadWording'
  | 'alerts.list'
  | 'alerts.acknowledge'
  | 'alerts.acknowledgeMany';

/** Whether a student is within the caller's reach (an alert of a student out of scope looks absent). */
function studentInScope(ctx: CallContext): (studentId: string) => boolean {
  const { db } = ctx.vault.requireStore();
  const scope = studentScopeFor(db, ctx.vault.requireSession());
  return (studentId) => {
    const student = findStudent(db, studentId);
    return student !== undefined && inScope(student, scope);
  };
}

function studentModeAssessment(ctx: CallContext) {
  const id = ctx.vault.studentModeAssessmentId;
  if (!id) throw new AppError('CONFLICT', { reason: 'notInStudentMode' });
  return requireRow(ctx.vault.requireStore().db, 'assessment', id);
}

export const assessmentsHandlers: PartialHandlerMap<AssessmentChannelNames> = {
  'assessments.start': (ctx, input) => {
    const student = requireStudentForCaller(ctx, input.studentId);
    const store = ctx.vault.requireStore();
    const row = store.uow.run(ctx.vault.actor(), (tx) => startAssessment(tx, student.id, input.instrument, ctx.vault.now()));
    return { assessmentId: row.id };
  },

  'assessments.enterPaper': (ctx, input) => {
    const student = requireStudentForCaller(ctx, input.studentId);
    const store = ctx.vault.requireStore();
    const { row } = store.uow.run(ctx.vault.actor(), (tx) => enterPaperAssessment(tx, { ...input, studentId: student.id }, ctx.vault.now()));
    return toDetail(row);
  },

  'assessments.listForStudent': (ctx, input) => {
    const student = requireStudentForCaller(ctx, input.studentId);
    return listStudentAssessments(ctx.vault.requireStore().db, student.id).map(toSummary);
  },

  'assessments.get': (ctx, input) => {
    const store = ctx.vault.requireStore();
    const row = requireRow(store.db, 'assessment', input.id);
    requireStudentForCaller(ctx, row.studentId);
    store.uow.run(ctx.vault.actor(), (tx) => tx.record('view', 'assessments', row.id, { instrument: row.instrument }));
    return toDetail(row);
  },

  'studentMode.enter': (ctx, input) => {
    const store = ctx.vault.requireStore();
    const row = requireRow(store.db, 'assessment', input.assessmentId);
    requireStudentForCaller(ctx, row.studentId);
    if (row.status !== 'in_progress') throw new AppError('CONFLICT', { reason: 'assessmentComplete' });
    store.uow.run(ctx.vault.actor(), (tx) => tx.record('enter-student-mode', 'assessments', row.id, {}));
    ctx.vault.studentModeAssessmentId = row.id;
    return studentForm(store.db, row);
  },

  'studentMode.form': (ctx) => studentForm(ctx.vault.requireStore().db, studentModeAssessment(ctx)),

  'studentMode.answer': (ctx, input) => {
    const row = studentModeAssessment(ctx);
    const store = ctx.vault.requireStore();
    const updated = store.uow.run(ctx.vault.actor(), (tx) => saveAnswer(tx, row, input.item, input.value, ctx.vault.now()));
    ctx.markActive();
    return { position: updated.position, answered: (updated.responses as unknown[]).filter((v) => v !== null).length };
  },

  'studentMode.finish': (ctx) => {
    const row = studentModeAssessment(ctx);
    const store = ctx.vault.requireStore();
    const { row: done, unanswered } = store.uow.run(ctx.vault.actor(), (tx) => finishAssessment(tx, row, ctx.vault.now()));
    return { status: done.status, unanswered };
  },

  'studentMode.exit': async (ctx, input) => {
    const row = studentModeAssessment(ctx);
    if (!(await ctx.vault.verifyOwnPassword(input.password))) {
      ctx.vault.requireStore().uow.run(ctx.vault.actor(), (tx) => tx.record('student-mode-exit-refused', 'assessments', row.id, {}));
      throw new AppError('VALIDATION', { reason: 'currentPasswordWrong', issues: [{ path: ['password'], code: 'custom', message: 'currentPasswordWrong' }] });
    }
    ctx.vault.studentModeAssessmentId = null;
    ctx.vault.requireStore().uow.run(ctx.vault.actor(), (tx) => tx.record('exit-student-mode', 'assessments', row.id, {}));
    return { assessmentId: row.id, status: row.status };
  },

  'instruments.list': ({ vault }) => listInstrumentSettings(vault.requireStore().db),

  'instruments.configure': ({ vault }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => configureInstrument(tx, input.instrument, input, vault.now()));
    return instrumentSetting(store.db, input.instrument);
  },

  'instruments.loadWording': ({ vault }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => saveWording(tx, input.instrument as InstrumentId, input.wording, vault.now()));
    return instrumentSetting(store.db, input.instrument);
  },

  'alerts.list': (ctx, input) => {
    if (input.studentId) requireStudentForCaller(ctx, input.studentId);
    return listAlerts(ctx.vault.requireStore().db, input);
  },

  'alerts.acknowledge': (ctx, input) => {
    const { vault } = ctx;
    const store = vault.requireStore();
    // The older free-text form is action 其他 with that text as its note (the contract checked it says something).
    const ack = input.actionTaken !== undefined ? { action: 'other' as const, note: input.actionTaken } : { action: input.action!, note: input.note };
    const inScopeOf = studentInScope(ctx);
    store.uow.run(vault.actor(), (tx) => acknowledgeAlerts(tx, [input.alertId], ack, vault.now(), inScopeOf));
    return listAlerts(store.db, { status: 'all' }).find((a) => a.id === input.alertId)!;
  },

  'alerts.acknowledgeMany': (ctx, input) => {
    const { vault } = ctx;
    const store = vault.requireStore();
    const inScopeOf = studentInScope(ctx);
    store.uow.run(vault.actor(), (tx) => acknowledgeAlerts(tx, input.alertIds, { action: input.action, note: input.note }, vault.now(), inScopeOf));
    const wanted = new Set(input.alertIds);
    return listAlerts(store.db, { status: 'all' }).filter((a) => wanted.has(a.id));
  },
};
