import { AppError } from '../../../src-shared/contract/errors';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { studentScopeFor } from '../students/scope';
import { findStudent } from '../students/student-service';
import { requireEvent } from './followup-common';
import { assessReturn, listLeaves, recordLeave } from './leave-service';
import { postventionPeers, screenPeers } from './postvention';
import { cancelTask, checkAssignee, completeTask, getTasks, insertTask, listAssignees, listTasks, type TaskRow, type Viewer } from './task-service';
import type { WriteContext } from '../store/unit-of-work';
import type { FollowupTask } from '../../../src-shared/contract/followups';

type FollowupChannelNames =
  | 'followups.list'
  | 'followups.assignees'
  | 'followups.create'
  | 'followups.complete'
  | 'followups.cancel'
  | 'leave.record'
  | 'leave.list'
  | 'leave.assessReturn'
  | 'postvention.peers'
  | 'postvention.screen';

function viewerOf({ vault }: CallContext): Viewer {
  const session = vault.requireSession();
  return { accountId: session.accountId, roles: session.roles, scope: studentScopeFor(vault.requireStore().db, session) };
}

/** Completes or cancels a task as the caller (task-service checks they may), and returns it as they now see it. */
function closeTask(ctx: CallContext, close: (tx: WriteContext, viewer: Viewer, at: string) => TaskRow): FollowupTask {
  const store = ctx.vault.requireStore();
  const viewer = viewerOf(ctx);
  const at = ctx.vault.now();
  const row = store.uow.run(ctx.vault.actor(), (tx) => close(tx, viewer, at));
  return getTasks(store.db, [row.id], at, viewer)[0];
}

export const followupsHandlers: PartialHandlerMap<FollowupChannelNames> = {
  'followups.list': (ctx, input) => {
    const store = ctx.vault.requireStore();
    const now = ctx.vault.now();
    const rows = listTasks(store.db, viewerOf(ctx), input, now);
    // A student's or an event's tasks carry others' contact notes: who read them is audited.
    if ((input.studentId || input.eventId) && rows.some((r) => r.note)) {
      store.uow.run(ctx.vault.actor(), (tx) =>
        tx.record('view', 'followup_tasks', input.eventId ?? input.studentId ?? null, {
          studentId: input.studentId ?? null,
          eventId: input.eventId ?? null,
          rows: rows.length,
        }),
      );
    }
    return { now, rows };
  },

  'followups.assignees': ({ vault }) => listAssignees(vault.requireStore().db),

  'followups.create': (ctx, input) => {
    const store = ctx.vault.requireStore();
    const at = ctx.vault.now();
    const row = store.uow.run(ctx.vault.actor(), (tx) => {
      const student = findStudent(tx.db, input.studentId);
      if (!student) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
      if (input.eventId && requireEvent(tx.db, input.eventId).studentId !== student.id)
        throw new AppError('VALIDATION', { reason: 'followupEventOtherStudent' });
      checkAssignee(tx.db, input.assignedTo, student);
      return insertTask(tx, { ...input, source: 'manual' }, at);
    });
    return getTasks(store.db, [row.id], at)[0];
  },

  'followups.complete': (ctx, input) => closeTask(ctx, (tx, viewer, at) => completeTask(tx, viewer, input.taskId, input.note, at)),

  'followups.cancel': (ctx, input) => closeTask(ctx, (tx, viewer, at) => cancelTask(tx, viewer, input.taskId, input.reason, at)),

  'leave.record': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => recordLeave(tx, input, vault.now()));
    return listLeaves(store.db, { ids: [row.id] })[0];
  },

  'leave.list': ({ vault }, input) => {
    const store = vault.requireStore();
    const rows = listLeaves(store.db, input);
    // Leave reasons and return notes are clinical: reading them is audited.
    if (rows.length) store.uow.run(vault.actor(), (tx) => tx.record('view', 'leave_records', input.studentId ?? input.eventId ?? null, { rows: rows.length }));
    return rows;
  },

  'leave.assessReturn': ({ vault }, input) => {
    const store = vault.requireStore();
    const at = vault.now();
    const result = store.uow.run(vault.actor(), (tx) => assessReturn(tx, input, at));
    return {
      leave: listLeaves(store.db, { ids: [result.leave.id] })[0],
      tasks: getTasks(
        store.db,
        result.tasks.map((t) => t.id),
        at,
      ),
    };
  },

  'postvention.peers': ({ vault }, input) => postventionPeers(vault.requireStore().db, input),

  'postvention.screen': ({ vault }, input) => {
    const store = vault.requireStore();
    const at = vault.now();
    const result = store.uow.run(vault.actor(), (tx) => screenPeers(tx, input, at));
    return {
      created: getTasks(
        store.db,
        result.created.map((t) => t.id),
        at,
      ),
      skipped: result.skipped,
    };
  },
};
