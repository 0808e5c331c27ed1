import type { PartialHandlerMap } from '../handler-types';
import { studentScopeFor } from './scope';
import { studentIndex } from './search-index';
import { createStudent, listItems, requireStudent, studentFacets, toStudent } from './student-service';

type StudentChannelNames = 'students.search' | 'students.facets' | 'students.get' | 'students.create';

export const studentsHandlers: PartialHandlerMap<StudentChannelNames> = {
  'students.search': ({ vault }, input) => {
    const store = vault.requireStore();
    const { total, ids } = studentIndex(store).search(input, studentScopeFor(store.db, vault.requireSession()));
    return { total, rows: listItems(store.db, ids) };
  },

  'students.facets': ({ vault }) => {
    const { db } = vault.requireStore();
    return studentFacets(db, studentScopeFor(db, vault.requireSession()));
  },

  'students.get': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = requireStudent(store.db, input.id, studentScopeFor(store.db, vault.requireSession()));
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'students', row.id, {}));
    return toStudent(row);
  },

  'students.create': ({ vault }, input) => {
    const store = vault.requireStore();
    return toStudent(store.uow.run(vault.actor(), (tx) => createStudent(tx, input, 'manual', vault.now())));
  },
};
