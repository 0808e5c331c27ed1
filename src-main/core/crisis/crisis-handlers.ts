import { toAttachment, requireAttachment } from '../attachments/attachment-service';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import type { WriteContext } from '../store/unit-of-work';
import {
  approveClose,
  assertEventInScope,
  assignees,
  assignStep,
  board,
  boardPage,
  completeStep,
  eventDetail,
  markNotApplicable,
  mayManage,
  openEvent,
  overdueFor,
  rejectClose,
  reopenStep,
  requestClose,
  requireEvent,
  requireStep,
  setLevel,
  STEP_ATTACHMENT_OWNER,
  stepResult,
  summaries,
} from './event-service';
import { readCrisisLevels, writeCrisisLevels } from '../settings/crisis-levels';
import { openOnce } from './one-open-event';
import { listTemplates, currentTemplate, saveTemplate } from './templates';

type CrisisChannelNames =
  | 'crisis.templates'
  | 'crisis.saveTemplate'
  | 'crisis.levels'
  | 'crisis.setLevels'
  | 'crisis.open'
  | 'crisis.get'
  | 'crisis.board'
  | 'crisis.openForStudent'
  | 'crisis.completeStep'
  | 'crisis.markNotApplicable'
  | 'crisis.reopenStep'
  | 'crisis.assignStep'
  | 'crisis.assignees'
  | 'crisis.stepAttachment'
  | 'crisis.setLevel'
  | 'crisis.requestClose'
  | 'crisis.approveClose'
  | 'crisis.rejectClose'
  | 'crisis.overdue'
  | 'crisis.summaries'
  | 'crisis.recordPrint';

/** The event page after a change, read (and its view audited) in the same transaction. */
function writeThenDetail(ctx: CallContext, eventId: string, write: (tx: WriteContext, now: string) => void) {
  const { vault, clock } = ctx;
  const session = vault.requireSession();
  return vault.requireStore().uow.run(vault.actor(), (tx) => {
    write(tx, vault.now());
    return eventDetail(tx.db, session, requireEvent(tx.db, eventId), clock.now());
  });
}

export const crisisHandlers: PartialHandlerMap<CrisisChannelNames> = {
  'crisis.templates': ({ vault }) => {
    const store = vault.requireStore();
    if (listTemplates(store.db).length === 0) store.uow.run(vault.actor(), (tx) => currentTemplate(tx, vault.now()));
    return listTemplates(store.db);
  },

  'crisis.saveTemplate': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => saveTemplate(tx, input, vault.now())),

  'crisis.levels': ({ vault }) => readCrisisLevels(vault.requireStore().db),

  'crisis.setLevels': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => writeCrisisLevels(tx, input.levels, vault.now())),

  'crisis.open': ({ vault }, input) => {
    const session = vault.requireSession();
    const store = vault.requireStore();
    return openOnce(store.db, input.studentId, () => store.uow.run(vault.actor(), (tx) => openEvent(tx, session, input, vault.now())));
  },

  'crisis.openForStudent': ({ vault, clock }, input) => {
    const session = vault.requireSession();
    const store = vault.requireStore();
    const now = clock.now();
    // The board's rows for this student (liaisons: their department only), events not yet closed.
    const events = board(store.db, session, { studentId: input.studentId, status: 'open' }, now);
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'crisis_board', null, { rows: events.length, studentId: input.studentId }));
    return { events };
  },

  'crisis.get': ({ vault, clock }, input) => {
    const session = vault.requireSession();
    return vault.requireStore().uow.run(vault.actor(), (tx) => {
      const detail = eventDetail(tx.db, session, requireEvent(tx.db, input.id, mayManage(session)), clock.now());
      tx.record('view', 'crisis_events', input.id, { content: detail.content });
      return detail;
    });
  },

  'crisis.board': ({ vault, clock }, input) => {
    const session = vault.requireSession();
    const store = vault.requireStore();
    const now = clock.now();
    const { rows, closedTotal } = boardPage(store.db, session, input, now);
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'crisis_board', null, { rows: rows.length, department: input.department ?? null }));
    return { now: now.toISOString(), rows, ...(closedTotal === undefined ? {} : { closedTotal }) };
  },

  'crisis.completeStep': ({ vault, clock }, input) => {
    const session = vault.requireSession();
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => completeStep(tx, session, input, vault.now()));
    return stepResult(store.db, session, input.stepId, clock.now());
  },

  'crisis.markNotApplicable': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => markNotApplicable(tx, input.stepId, input.reason, vault.now()));
    return stepResult(store.db, vault.requireSession(), input.stepId, clock.now());
  },

  'crisis.reopenStep': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => reopenStep(tx, input.stepId, input.reason, vault.now()));
    return stepResult(store.db, vault.requireSession(), input.stepId, clock.now());
  },

  'crisis.assignStep': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => assignStep(tx, input.stepId, input.accountId, vault.now(), input.personId ?? null));
    return stepResult(store.db, vault.requireSession(), input.stepId, clock.now());
  },

  'crisis.assignees': ({ vault }) => assignees(vault.requireStore().db),

  'crisis.stepAttachment': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = requireAttachment(store.db, input.attachmentId, STEP_ATTACHMENT_OWNER);
    const { event } = requireStep(store.db, row.ownerId);
    assertEventInScope(store.db, vault.requireSession(), event);
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'attachments', row.id, { ownerEntity: STEP_ATTACHMENT_OWNER, ownerId: row.ownerId }));
    return { ...toAttachment(row), contentBase64: row.contentBase64 };
  },

  'crisis.setLevel': (ctx, input) => writeThenDetail(ctx, input.id, (tx, now) => setLevel(tx, input.id, input.level, input.reason, now)),

  'crisis.requestClose': (ctx, input) => writeThenDetail(ctx, input.id, (tx, now) => requestClose(tx, input.id, input.summary, now)),

  'crisis.approveClose': (ctx, input) => writeThenDetail(ctx, input.id, (tx, now) => approveClose(tx, input.id, now)),

  'crisis.rejectClose': (ctx, input) => writeThenDetail(ctx, input.id, (tx, now) => rejectClose(tx, input.id, input.reason, now)),

  'crisis.overdue': ({ vault, clock }) => {
    const now = clock.now();
    return { now: now.toISOString(), steps: overdueFor(vault.requireStore().db, vault.requireSession(), now) };
  },

  'crisis.summaries': ({ vault }, input) => {
    const store = vault.requireStore();
    const rows = summaries(store.db, input.year);
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'crisis_summaries', null, { year: input.year ?? null }));
    return { levels: readCrisisLevels(store.db), rows };
  },

  'crisis.recordPrint': ({ vault }, input) => {
    const store = vault.requireStore();
    const event = requireEvent(store.db, input.id);
    store.uow.run(vault.actor(), (tx) => tx.record('print', 'crisis_events', event.id, { document: 'crisis-report', eventNo: event.eventNo }));
    return { recorded: true as const };
  },
};
