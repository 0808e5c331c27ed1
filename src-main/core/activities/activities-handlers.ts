import type { PartialHandlerMap } from '../handler-types';
import { addAttachment, removeAttachment, requireAttachment, toAttachment } from '../attachments/attachment-service';
import { ACTIVITY_ENTITY, createActivity, listActivities, toActivity, toActivityDetail, updateActivity } from './activity-service';
import { activityScopeFor, assertActivityInScope, scopedFields } from './activity-scope';
import { summarizeActivities } from './activity-summary';
import { requireRow } from '../store/require-row';

type ActivityChannelNames =
  | 'activities.list'
  | 'activities.get'
  | 'activities.create'
  | 'activities.update'
  | 'activities.addAttachment'
  | 'activities.getAttachment'
  | 'activities.removeAttachment';

/** Handlers of the activities channels. Activities are not clinical: reads are not audited as views. */
export const activitiesHandlers: PartialHandlerMap<ActivityChannelNames> = {
  'activities.list': ({ vault }, input) => {
    const { db } = vault.requireStore();
    const scope = activityScopeFor(db, vault.requireSession(), 'activities.read');
    const rows = listActivities(db, { ...input, ...(scope.kind === 'department' ? { department: scope.department } : {}) });
    return { rows: rows.map((row) => toActivity(db, row)), summary: summarizeActivities(rows) };
  },

  'activities.get': ({ vault }, input) => {
    const { db } = vault.requireStore();
    const row = requireRow(db, 'activity', input.id);
    assertActivityInScope(activityScopeFor(db, vault.requireSession(), 'activities.read'), row);
    return toActivityDetail(db, row);
  },

  'activities.create': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => {
      const scope = activityScopeFor(tx.db, vault.requireSession(), 'activities.manage');
      return createActivity(tx, scopedFields(scope, input, true), vault.now());
    });
    return toActivityDetail(store.db, row);
  },

  'activities.update': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => {
      const scope = activityScopeFor(tx.db, vault.requireSession(), 'activities.manage');
      const activity = requireRow(tx.db, 'activity', input.id);
      assertActivityInScope(scope, activity);
      return updateActivity(tx, activity, scopedFields(scope, input.patch, false), vault.now());
    });
    return toActivityDetail(store.db, row);
  },

  'activities.addAttachment': ({ vault }, input) => {
    const store = vault.requireStore();
    return store.uow.run(vault.actor(), (tx) => {
      const activity = requireRow(tx.db, 'activity', input.activityId);
      assertActivityInScope(activityScopeFor(tx.db, vault.requireSession(), 'activities.manage'), activity);
      return addAttachment(tx, { entity: ACTIVITY_ENTITY, id: activity.id }, input, vault.now());
    });
  },

  'activities.getAttachment': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = requireAttachment(store.db, input.attachmentId, ACTIVITY_ENTITY);
    assertActivityInScope(activityScopeFor(store.db, vault.requireSession(), 'activities.manage'), requireRow(store.db, 'activity', row.ownerId));
    store.uow.run(vault.actor(), (tx) => tx.record('export', 'attachments', row.id, { ownerEntity: row.ownerEntity, ownerId: row.ownerId }));
    return { ...toAttachment(row), contentBase64: row.contentBase64 };
  },

  // Activities have no locked state, so their attachments can always be taken off.
  'activities.removeAttachment': ({ vault }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => {
      const attachment = requireAttachment(tx.db, input.attachmentId, ACTIVITY_ENTITY);
      assertActivityInScope(activityScopeFor(tx.db, vault.requireSession(), 'activities.manage'), requireRow(tx.db, 'activity', attachment.ownerId));
      removeAttachment(tx, attachment);
    });
    return { removed: true as const };
  },
};
