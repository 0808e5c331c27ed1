import type { PartialHandlerMap } from '../handler-types';
import { requireStudentForCaller } from '../students/scope';
import { closeAtTriage, decideReportClose } from './closing-guard';
import { createReport, getReport, studentReports, triageQueue, type Closing } from './report-service';
import { requireRow } from '../store/require-row';

type ReportChannelNames = 'reports.create' | 'reports.triageQueue' | 'reports.get' | 'reports.close' | 'reports.forStudent' | 'reports.decideClose';

export const reportsHandlers: PartialHandlerMap<ReportChannelNames> = {
  'reports.create': (ctx, input) => {
    const student = requireStudentForCaller(ctx, input.studentId);
    const { row, alert } = ctx.vault.requireStore().uow.run(ctx.vault.actor(), (tx) => createReport(tx, { ...input, studentId: student.id }, ctx.vault.now()));
    return { id: row.id, alertRaised: alert !== null, alertLevel: alert?.level ?? null };
  },

  'reports.triageQueue': ({ vault }, input) => {
    const store = vault.requireStore();
    const queue = triageQueue(store.db, input.limit);
    // The queue shows observed signs: who looked at it is audited like a clinical view.
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'reports', null, { list: 'triageQueue', rows: queue.rows.length }));
    return queue;
  },

  'reports.get': ({ vault }, input) => {
    const store = vault.requireStore();
    const report = getReport(store.db, input.id);
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'reports', report.id, { studentId: report.student.id }));
    return report;
  },

  'reports.close': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = requireRow(store.db, 'report', input.id);
    const session = vault.requireSession();
    // The older free-text form is action 其他 with that text as its note (the contract checked it says something).
    const base = input.triageNote !== undefined ? { action: 'other' as const, note: input.triageNote } : { action: input.action!, note: input.note };
    const closing: Closing = { ...base, crisisEventId: input.crisisEventId, intakeId: input.intakeId, acknowledgeAlert: input.acknowledgeAlert };
    store.uow.run(vault.actor(), (tx) => closeAtTriage(tx, session, row.id, closing, vault.now()));
    return getReport(store.db, row.id);
  },

  'reports.decideClose': ({ vault }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    const row = store.uow.run(vault.actor(), (tx) => decideReportClose(tx, session, input.requestId, input, vault.now()));
    return getReport(store.db, row.id);
  },

  'reports.forStudent': (ctx, input) => {
    const student = requireStudentForCaller(ctx, input.studentId);
    const store = ctx.vault.requireStore();
    const list = studentReports(store.db, student.id);
    store.uow.run(ctx.vault.actor(), (tx) => tx.record('view', 'reports', null, { studentId: student.id, rows: list.length }));
    return list;
  },
};
