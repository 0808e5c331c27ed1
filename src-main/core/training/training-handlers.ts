import { scopeFor } from '../../../src-shared/permissions';
import { listAccounts } from '../accounts/account-service';
import { readTerm } from '../calendar/term';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { semesterSpan } from '../statistics/periods';
import { createSupervision, listSupervisions, supervisionTotals, toSupervisions, updateSupervision } from './supervision-service';
import { createTraining, listTrainings, personHistory, setAttendance, toTrainingDetail, updateTraining } from './training-service';
import { requireRow } from '../store/require-row';

type TrainingChannelNames =
  | 'training.list'
  | 'training.get'
  | 'training.create'
  | 'training.update'
  | 'training.setAttendance'
  | 'training.personHistory'
  | 'training.accounts'
  | 'training.listSupervision'
  | 'training.createSupervision'
  | 'training.updateSupervision'
  | 'training.supervisionTotals';

/** A counselor or trainee (scope `own`) sees only the supervision they took part in; null = everything. */
function supervisionViewer({ vault }: CallContext): string | null {
  const session = vault.requireSession();
  return scopeFor(session.roles, 'supervision.read') === 'all' ? null : session.accountId;
}

/** Handlers of the training (培训) and supervision (督导) channels. Neither is clinical content. */
export const trainingHandlers: PartialHandlerMap<TrainingChannelNames> = {
  'training.list': ({ vault }, input) => listTrainings(vault.requireStore().db, input),

  'training.get': ({ vault }, input) => {
    const { db } = vault.requireStore();
    return toTrainingDetail(db, requireRow(db, 'training', input.id));
  },

  'training.create': ({ vault }, input) => {
    const store = vault.requireStore();
    const { attendees, ...fields } = input;
    const row = store.uow.run(vault.actor(), (tx) => createTraining(tx, fields, attendees ?? [], vault.now()));
    return toTrainingDetail(store.db, row);
  },

  'training.update': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => updateTraining(tx, requireRow(tx.db, 'training', input.id), input.patch, vault.now()));
    return toTrainingDetail(store.db, row);
  },

  'training.setAttendance': ({ vault }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => setAttendance(tx, requireRow(tx.db, 'training', input.id), input.attendees, vault.now()));
    return toTrainingDetail(store.db, requireRow(store.db, 'training', input.id));
  },

  'training.personHistory': ({ vault }, input) => personHistory(vault.requireStore().db, input.personKey),

  'training.accounts': ({ vault }) =>
    listAccounts(vault.requireStore().db)
      .filter((row) => !row.disabled)
      .map((row) => ({ id: row.id, displayName: row.displayName, roles: row.roles, department: row.department })),

  'training.listSupervision': (ctx, input) => {
    const { db } = ctx.vault.requireStore();
    return toSupervisions(db, listSupervisions(db, input, supervisionViewer(ctx)));
  },

  'training.createSupervision': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => createSupervision(tx, input, vault.now()));
    return toSupervisions(store.db, [row])[0]!;
  },

  'training.updateSupervision': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => updateSupervision(tx, requireRow(tx.db, 'supervision', input.id), input.patch, vault.now()));
    return toSupervisions(store.db, [row])[0]!;
  },

  'training.supervisionTotals': (ctx, input) => {
    const { db } = ctx.vault.requireStore();
    const span = semesterSpan(input.schoolYear, input.term, readTerm(db));
    return supervisionTotals(db, span, supervisionViewer(ctx));
  },
};
