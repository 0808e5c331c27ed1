import type { PartialHandlerMap } from '../handler-types';
import {
  addDecision,
  approvals,
  completeDecision,
  decisionById,
  escalate,
  escalationById,
  forEvent,
  openDecisions,
  recordApproval,
} from './leadership-service';
import { readWorkReport, recordDelivery, saveWorkReport } from './work-report-text';

type LeadershipChannelNames =
  | 'leadership.forEvent'
  | 'leadership.escalate'
  | 'leadership.addDecision'
  | 'leadership.completeDecision'
  | 'leadership.openDecisions'
  | 'leadership.approvals'
  | 'leadership.recordApproval'
  | 'leadership.workReport'
  | 'leadership.saveWorkReport'
  | 'leadership.recordDelivery';

/** Handlers of the leadership-group channels; every write goes through the unit of work. */
export const leadershipHandlers: PartialHandlerMap<LeadershipChannelNames> = {
  'leadership.forEvent': ({ vault }, input) => forEvent(vault.requireStore().db, input.eventId),

  'leadership.escalate': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => escalate(tx, input, clock.now()));
    return escalationById(store.db, row.id);
  },

  'leadership.addDecision': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => addDecision(tx, input, clock.now()));
    return decisionById(store.db, row.id);
  },

  'leadership.completeDecision': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => completeDecision(tx, input.decisionId, input.note, clock.now()));
    return decisionById(store.db, row.id);
  },

  'leadership.openDecisions': ({ vault, clock }) => ({ rows: openDecisions(vault.requireStore().db, clock.now()) }),

  'leadership.approvals': ({ vault }) => approvals(vault.requireStore().db),

  'leadership.recordApproval': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    return store.uow.run(vault.actor(), (tx) => recordApproval(tx, input, clock.now()));
  },

  'leadership.workReport': ({ vault }, input) => readWorkReport(vault.requireStore().db, input),

  'leadership.saveWorkReport': ({ vault }, input) => {
    const store = vault.requireStore();
    const { progress, problems, suggestions, ...key } = input;
    store.uow.run(vault.actor(), (tx) => saveWorkReport(tx, key, { progress, problems, suggestions }, vault.now()));
    return readWorkReport(store.db, key);
  },

  'leadership.recordDelivery': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    const { period, department, ...delivery } = input;
    store.uow.run(vault.actor(), (tx) => recordDelivery(tx, { period, department }, delivery, clock.now()));
    return readWorkReport(store.db, { period, department });
  },
};
