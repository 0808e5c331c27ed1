import type { CallContext, PartialHandlerMap } from '../handler-types';
import { archiveDueCases, searchArchive } from './archiving';
import { readArchiveSettings, writeArchiveSettings } from './archive-settings';
import { carryOut, decideDestruction, listDestructionRecords, listRequests, requestDestruction } from './destruction';
import { listHolds, placeHold, releaseHold } from './holds';
import { dueForDestruction } from './retention';

type ArchiveChannelNames =
  | 'archive.settings'
  | 'archive.setSettings'
  | 'archive.runDue'
  | 'archive.search'
  | 'archive.dueForDestruction'
  | 'archive.holds'
  | 'archive.placeHold'
  | 'archive.releaseHold'
  | 'archive.requestDestruction'
  | 'archive.destructionRequests'
  | 'archive.approveDestruction'
  | 'archive.rejectDestruction'
  | 'archive.carryOut'
  | 'archive.destructionRecords';

function parts(ctx: CallContext) {
  const session = ctx.vault.requireSession();
  return { store: ctx.vault.requireStore(), session, actor: { accountId: session.accountId }, now: ctx.clock.now() };
}

/** Archive: handlers. */
export const archiveHandlers: PartialHandlerMap<ArchiveChannelNames> = {
  'archive.settings': ({ vault }) => readArchiveSettings(vault.requireStore().db),
  'archive.setSettings': (ctx, input) => {
    const { store, actor, now } = parts(ctx);
    return store.uow.run(actor, (tx) => writeArchiveSettings(tx, input, now.toISOString()));
  },
  'archive.runDue': (ctx) => {
    const { store, actor, now } = parts(ctx);
    return { archived: archiveDueCases(store, actor, now) };
  },
  'archive.search': ({ vault }, input) => searchArchive(vault.requireStore().db, input),
  'archive.dueForDestruction': (ctx) => {
    const { store, now } = parts(ctx);
    return dueForDestruction(store.db, now);
  },
  'archive.holds': ({ vault }, input) => listHolds(vault.requireStore().db, input.includeReleased),
  'archive.placeHold': (ctx, input) => {
    const { store, actor, now } = parts(ctx);
    return placeHold(store, actor, input, now);
  },
  'archive.releaseHold': (ctx, input) => {
    const { store, actor, now } = parts(ctx);
    return releaseHold(store, actor, input.id, input.reason, now);
  },
  'archive.requestDestruction': (ctx, input) => {
    const { store, session, now } = parts(ctx);
    return requestDestruction(store, session, input, now);
  },
  'archive.destructionRequests': ({ vault }, input) => listRequests(vault.requireStore().db, input.status),
  'archive.approveDestruction': (ctx, input) => {
    const { store, session, now } = parts(ctx);
    return decideDestruction(store, session, input.id, 'approve', input.note ?? null, now);
  },
  'archive.rejectDestruction': (ctx, input) => {
    const { store, session, now } = parts(ctx);
    return decideDestruction(store, session, input.id, 'reject', input.note, now);
  },
  'archive.carryOut': (ctx, input) => {
    const { store, session, now } = parts(ctx);
    return carryOut(store, session, input.id, now);
  },
  'archive.destructionRecords': ({ vault }) => listDestructionRecords(vault.requireStore().db),
};
