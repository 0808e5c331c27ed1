import type { PartialHandlerMap } from '../handler-types';
import { createCourse, listCourses, toCourse, updateCourse } from './course-service';
import { requireRow } from '../store/require-row';

type CourseChannelNames = 'courses.list' | 'courses.create' | 'courses.update';

/** Handlers of the courses (心理健康教育课程) channels: counts, no student names. */
export const coursesHandlers: PartialHandlerMap<CourseChannelNames> = {
  'courses.list': ({ vault }, input) => {
    const store = vault.requireStore();
    return listCourses(store.db, input).map((row) => toCourse(store.sqlite, row));
  },

  'courses.create': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => createCourse(tx, input, vault.now()));
    return toCourse(store.sqlite, row);
  },

  'courses.update': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => updateCourse(tx, requireRow(tx.db, 'course', input.id), input.patch, vault.now()));
    return toCourse(store.sqlite, row);
  },
};
