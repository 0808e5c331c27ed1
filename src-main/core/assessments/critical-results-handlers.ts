import type { PartialHandlerMap } from '../handler-types';
import { studentScopeFor } from '../students/scope';
import { requireStudent } from '../students/student-service';
import { criticalFindings, deferCriticalFindings, openSevereAlertCounts } from './critical-results';
import { requireRow } from '../store/require-row';

type CriticalResultChannelNames = 'alerts.counts' | 'assessments.criticalFindings' | 'alerts.defer';

export const criticalResultHandlers: PartialHandlerMap<CriticalResultChannelNames> = {
  'alerts.counts': ({ vault }) => {
    const { db } = vault.requireStore();
    return openSevereAlertCounts(db, studentScopeFor(db, vault.requireSession()));
  },

  'assessments.criticalFindings': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = requireRow(store.db, 'assessment', input.assessmentId);
    requireStudent(store.db, row.studentId, studentScopeFor(store.db, vault.requireSession()));
    // Item answers are clinical: seeing them is a view, as in assessments.get.
    store.uow.run(vault.actor(), (tx) => tx.record('view-critical-findings', 'assessments', row.id, { instrument: row.instrument }));
    return criticalFindings(store.db, row);
  },

  'alerts.defer': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = requireRow(store.db, 'assessment', input.assessmentId);
    requireStudent(store.db, row.studentId, studentScopeFor(store.db, vault.requireSession()));
    return store.uow.run(vault.actor(), (tx) => deferCriticalFindings(tx, row, input.reason, vault.now()));
  },
};
