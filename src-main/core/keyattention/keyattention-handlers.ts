import { isDepartmentScoped, isDirector } from '../../../src-shared/permissions';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { todayOf } from '../util/local-day';
import { studentScopeFor } from '../students/scope';
import type { WriteContext } from '../store/unit-of-work';
import { requireStudent } from '../students/student-service';
import {
  addEntry,
  changeLevel,
  entryHistory,
  isTopLevel,
  countEntries,
  listEntries,
  requireEntry,
  reviewEntry,
  updateEntry,
  type EntryRow,
  type Projection,
  type Removal,
} from './keyattention-service';
import { decideRemoval, removalRequests, takeOffList } from './removal';
import type { KeyAttentionRemovalReason } from '../../../src-shared/contract/keyattention';

type KeyAttentionChannelNames =
  | 'keyattention.list'
  | 'keyattention.add'
  | 'keyattention.changeLevel'
  | 'keyattention.update'
  | 'keyattention.review'
  | 'keyattention.remove'
  | 'keyattention.history'
  | 'keyattention.forStudent'
  | 'keyattention.dueReviews'
  | 'keyattention.removalRequests'
  | 'keyattention.decideRemoval';

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
    const { limit, ...filter } = input;
    const db = ctx.vault.requireStore().db;
    // A limit pages the removed entries only; the entries under attention are always all listed.
    const paged = filter.status === 'removed' && limit !== undefined;
    const rows = listEntries(db, { ...filter, ...(paged ? { removedLimit: limit } : {}) }, scope, projection, now);
    if (projection === 'clinical' && rows.length)
      write(ctx, (tx) => tx.record('view', 'key_attention', null, { rows: rows.length, level: input.level ?? null }));
    return { now, today: todayOf(now), rows, ...(paged ? { total: countEntries(db, filter, scope, now) } : {}) };
  },

  'keyattention.add': (ctx, input) =>
    withProposal(
      ctx,
      write(ctx, (tx, at) => addEntry(tx, { ...input, source: 'manual' }, at)),
    ),

  'keyattention.changeLevel': (ctx, input) =>
    withProposal(
      ctx,
      write(ctx, (tx, at) => changeLevel(tx, input.entryId, input.level, input.reason, at)),
    ),

  'keyattention.update': (ctx, input) =>
    entryOut(
      ctx,
      write(ctx, (tx, at) => updateEntry(tx, input.entryId, input, at)),
    ),

  'keyattention.review': (ctx, input) =>
    entryOut(
      ctx,
      write(ctx, (tx, at) => reviewEntry(tx, input.entryId, input.note, at)),
    ),

  'keyattention.remove': (ctx, input) => {
    // `{ entryId, reason: code, note }`, or the older free text as 其他 with it as the note (the contract checked both).
    const removal: Removal =
      input.note !== undefined ? { reasonCode: input.reason as KeyAttentionRemovalReason, note: input.note } : { reasonCode: 'other', note: input.reason };
    const session = ctx.vault.requireSession();
    const outcome = write(ctx, (tx, at) => takeOffList(tx, session, input.entryId, removal, at));
    return entryOut(ctx, 'removed' in outcome ? outcome.removed : requireEntry(ctx.vault.requireStore().db, input.entryId));
  },

  'keyattention.removalRequests': (ctx, input) => {
    const session = ctx.vault.requireSession();
    const db = ctx.vault.requireStore().db;
    // The director sees every request; anyone else the ones they asked for.
    const requests = removalRequests(db, {
      status: input.status === 'pending' ? 'pending' : undefined,
      requestedBy: isDirector(session.roles) ? undefined : session.accountId,
    });
    const entries = new Map(
      listEntries(db, { entryIds: [...new Set(requests.map((r) => r.entryId))] }, { kind: 'all' }, 'clinical', ctx.vault.now()).map((e) => [e.id, e]),
    );
    return requests.filter((r) => entries.has(r.entryId)).map((r) => ({ ...r, entry: entries.get(r.entryId)! }));
  },

  'keyattention.decideRemoval': (ctx, input) =>
    entryOut(
      ctx,
      write(ctx, (tx, at) => decideRemoval(tx, input.requestId, input, at)),
    ),

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
    const counselorId = isDirector(session.roles) ? undefined : session.accountId;
    const rows = listEntries(ctx.vault.requireStore().db, { status: 'active', dueBy: today, counselorId }, { kind: 'all' }, 'clinical', now);
    return { now, today, rows };
  },
};
