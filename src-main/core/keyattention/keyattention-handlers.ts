import { isDepartmentScoped } from '../../../src-shared/permissions';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { todayOf } from '../followups/followup-common';
import { studentScopeFor } from '../students/scope';
import type { WriteContext } from '../store/unit-of-work';
import { requireStudent } from '../students/student-service';
import {
  addEntry,
  changeLevel,
  entryHistory,
  isTopLevel,
  listEntries,
  removeEntry,
  requireEntry,
  reviewEntry,
  updateEntry,
  type EntryRow,
  type Projection,
} from './keyattention-service';

type KeyAttentionChannelNames =
  | 'keyattention.list'
  | 'keyattention.add'
  | 'keyattention.changeLevel'
  | 'keyattention.update'
  | 'keyattention.review'
  | 'keyattention.remove'
  | 'keyattention.history'
  | 'keyattention.forStudent'
  | 'keyattention.dueReviews';

function viewer({ vault }: CallContext) {
  const session = vault.requireSession();
  const scope = studentScopeFor(vault.requireStore().db, session);
  // The projection is chosen here, in the core: a liaison's rows are built without the reason.
  const projection: Projection = isDepartmentScoped(session.roles) ? 'liaison' : 'clinical';
  return { session, scope, projection };
}

function entryOut(ctx: CallContext, row: EntryRow) {
  return listEntries(ctx.vault.requireStore().db, { entryIds: [row.id] }, { kind: 'all' }, 'clinical', ctx.vault.now())[0];
}

/** Writes that set a level say whether the student now stands at the top level (propose a crisis event). */
function withProposal(ctx: CallContext, row: EntryRow) {
  return { entry: entryOut(ctx, row), proposeCrisis: isTopLevel(ctx.vault.requireStore().db, row.level) };
}

function write<T>(ctx: CallContext, fn: (tx: WriteContext, at: string) => T): T {
  const at = ctx.vault.now();
  return ctx.vault.requireStore().uow.run(ctx.vault.actor(), (tx) => fn(tx, at));
}

export const keyAttentionHandlers: PartialHandlerMap<KeyAttentionChannelNames> = {
  'keyattention.list': (ctx, input) => {
    const { scope, projection } = viewer(ctx);
    const now = ctx.vault.now();
    const rows = listEntries(ctx.vault.requireStore().db, input, scope, projection, now);
    if (projection === 'clinical' && rows.length) write(ctx, (tx) => tx.record('view', 'key_attention', null, { rows: rows.length, level: input.level ?? null }));
    return { now, today: todayOf(now), rows };
  },

  'keyattention.add': (ctx, input) => withProposal(ctx, write(ctx, (tx, at) => addEntry(tx, { ...input, source: 'manual' }, at))),

  'keyattention.changeLevel': (ctx, input) => withProposal(ctx, write(ctx, (tx, at) => changeLevel(tx, input.entryId, input.level, input.reason, at))),

  'keyattention.update': (ctx, input) => entryOut(ctx, write(ctx, (tx, at) => updateEntry(tx, input.entryId, input, at))),

  'keyattention.review': (ctx, input) => entryOut(ctx, write(ctx, (tx, at) => reviewEntry(tx, input.entryId, input.note, at))),

  'keyattention.remove': (ctx, input) => entryOut(ctx, write(ctx, (tx, at) => removeEntry(tx, input.entryId, input.reason, at))),

  'keyattention.history': (ctx, input) => {
    const db = ctx.vault.requireStore().db;
    const entry = requireEntry(db, input.entryId);
    const rows = entryHistory(db, entry.id);
    write(ctx, (tx) => tx.record('view', 'key_attention', entry.id, { history: rows.length }));
    return rows;
  },

  'keyattention.forStudent': (ctx, input) => {
    const { scope, projection } = viewer(ctx);
    const db = ctx.vault.requireStore().db;
    requireStudent(db, input.studentId, scope);
    return listEntries(db, { studentId: input.studentId, status: 'active' }, scope, projection, ctx.vault.now())[0] ?? null;
  },

  'keyattention.dueReviews': (ctx) => {
    const { session } = viewer(ctx);
    const now = ctx.vault.now();
    const today = todayOf(now);
    // The director watches every review; anyone else the entries they are responsible for.
    const counselorId = session.roles.includes('director') ? undefined : session.accountId;
    const rows = listEntries(ctx.vault.requireStore().db, { status: 'active', dueBy: today, counselorId }, { kind: 'all' }, 'clinical', now);
    return { now, today, rows };
  },
};
