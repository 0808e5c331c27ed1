import { sessionCall, type PartialHandlerMap } from '../handler-types';
import { createDisclosure, decideDisclosure, listDisclosures, pendingDisclosures } from './disclosure-service';
import { addNotification, listNotifications } from './notification-service';
import { createReferral, readReferral, recordFeedback, recordReferralPrint, listReferrals, updateReferral } from './referral-service';
import { currentPlan, planHistory, readCrisisLines, readPlan, recordPlanPrint, savePlan, writeCrisisLines } from './safety-plan-service';

type ReferralChannelNames =
  | 'crisis.notifications.list'
  | 'crisis.notifications.add'
  | 'referrals.list'
  | 'referrals.get'
  | 'referrals.create'
  | 'referrals.update'
  | 'referrals.recordFeedback'
  | 'referrals.recordPrint'
  | 'safetyPlans.current'
  | 'safetyPlans.history'
  | 'safetyPlans.get'
  | 'safetyPlans.save'
  | 'safetyPlans.recordPrint'
  | 'crisis.lines'
  | 'crisis.setLines'
  | 'disclosures.create'
  | 'disclosures.decide'
  | 'disclosures.list'
  | 'disclosures.pending';

export const referralsHandlers: PartialHandlerMap<ReferralChannelNames> = {
  'crisis.notifications.list': (ctx, input) => {
    const { store, session } = sessionCall(ctx);
    return listNotifications(store, session, input.eventId);
  },
  'crisis.notifications.add': (ctx, { eventId, ...fields }) => {
    const { store, session, now } = sessionCall(ctx);
    return addNotification(store, session, { eventId, ...fields }, now);
  },
  'referrals.list': (ctx, input) => {
    const { store, session } = sessionCall(ctx);
    return listReferrals(store, session, input);
  },
  'referrals.get': (ctx, input) => {
    const { store, session } = sessionCall(ctx);
    return readReferral(store, session, input.id);
  },
  'referrals.create': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return createReferral(store, session, input, now);
  },
  'referrals.update': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return updateReferral(store, session, input.id, input.patch, now);
  },
  'referrals.recordFeedback': (ctx, { id, ...feedback }) => {
    const { store, session, now } = sessionCall(ctx);
    return recordFeedback(store, session, id, feedback, now);
  },
  'referrals.recordPrint': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return recordReferralPrint(store, session, input.id, now);
  },
  'safetyPlans.current': (ctx, input) => {
    const { store, session } = sessionCall(ctx);
    return currentPlan(store, session, input.studentId);
  },
  'safetyPlans.history': (ctx, input) => {
    const { store, session } = sessionCall(ctx);
    return planHistory(store, session, input.studentId);
  },
  'safetyPlans.get': (ctx, input) => {
    const { store, session } = sessionCall(ctx);
    return readPlan(store, session, input.id);
  },
  'safetyPlans.save': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return savePlan(store, session, input, now);
  },
  'safetyPlans.recordPrint': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return recordPlanPrint(store, session, input.id, now);
  },
  'crisis.lines': ({ vault }) => readCrisisLines(vault.requireStore().db),
  'crisis.setLines': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => writeCrisisLines(tx, input.lines, vault.now())),
  'disclosures.create': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return createDisclosure(store, session, input, now);
  },
  'disclosures.decide': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return decideDisclosure(store, session, input, now);
  },
  'disclosures.list': (ctx, input) => {
    const { store, session } = sessionCall(ctx);
    return listDisclosures(store, session, input);
  },
  'disclosures.pending': (ctx) => {
    const { store, session } = sessionCall(ctx);
    return pendingDisclosures(store, session);
  },
};
