import type { CallContext, PartialHandlerMap } from '../handler-types';
import type { GroupRow } from './group-service';
import {
  addMembers,
  createGroup,
  groupDetail,
  leaderOptions,
  listGroups,
  recordSession,
  removeMember,
  requireOpenableGroup,
  updateGroup,
  updateSession,
} from './group-service';
import type { WriteContext } from '../store/unit-of-work';
import { requireRow } from '../store/require-row';

type GroupChannelNames =
  | 'groups.list'
  | 'groups.leaderOptions'
  | 'groups.get'
  | 'groups.create'
  | 'groups.update'
  | 'groups.addMembers'
  | 'groups.removeMember'
  | 'groups.recordSession'
  | 'groups.updateSession';

/**
 * Any change to an opened group: the group is checked (leader or director) inside the same
 * transaction as the write, and the detail returned reflects the committed state.
 */
function changeGroup(ctx: CallContext, groupId: string, write: (tx: WriteContext, group: GroupRow, at: string) => unknown) {
  const { vault } = ctx;
  const store = vault.requireStore();
  const session = vault.requireSession();
  const group = store.uow.run(vault.actor(), (tx) => {
    const row = requireOpenableGroup(tx.db, groupId, session);
    write(tx, row, vault.now());
    return row;
  });
  // Re-read without the leader check: a leader who just took themselves off still sees the result.
  return groupDetail(store.db, requireRow(store.db, 'group', group.id), session);
}

export const groupsHandlers: PartialHandlerMap<GroupChannelNames> = {
  'groups.list': ({ vault }, input) => listGroups(vault.requireStore().db, vault.requireSession(), input),

  'groups.leaderOptions': ({ vault }) => leaderOptions(vault.requireStore().db),

  'groups.get': ({ vault }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    const group = requireOpenableGroup(store.db, input.groupId, session);
    // The detail carries group notes (clinical content): the view is audited.
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'counseling_groups', group.id));
    return groupDetail(store.db, group, session);
  },

  'groups.create': ({ vault }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    const row = store.uow.run(vault.actor(), (tx) => createGroup(tx, input, vault.now()));
    return groupDetail(store.db, row, session);
  },

  'groups.update': (ctx, input) => changeGroup(ctx, input.groupId, (tx, group, at) => updateGroup(tx, group, input.patch, at)),

  'groups.addMembers': (ctx, input) => changeGroup(ctx, input.groupId, (tx, group, at) => addMembers(tx, group, input.studentIds, at)),

  'groups.removeMember': (ctx, input) => changeGroup(ctx, input.groupId, (tx, group, at) => removeMember(tx, group, input.studentId, at)),

  'groups.recordSession': (ctx, input) => changeGroup(ctx, input.groupId, (tx, group, at) => recordSession(tx, group, input, at)),

  'groups.updateSession': (ctx, input) => changeGroup(ctx, input.groupId, (tx, group, at) => updateSession(tx, group, input.sessionId, input.patch, at)),
};
