import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { idColumn, recordedByAndAt, studentRef } from './columns';
import { FAMILY_CONTACT_TARGETS, FAMILY_CONTACT_WAYS } from '../../../../src-shared/contract/family';

/**
 * 家校沟通记录: one contact with a student's family. Append-only (a correction is a new record).
 * People are kept as the register entry's id (工作网络, no foreign key: the register is a yearly
 * list and an entry may be replaced) plus the name as it was, so the log reads the same later.
 */
export const familyContacts = sqliteTable(
  'family_contacts',
  {
    id: idColumn(),
    studentId: studentRef(),
    contactedAt: text('contacted_at').notNull(),
    way: text('way', { enum: FAMILY_CONTACT_WAYS }).notNull(),
    targetKind: text('target_kind', { enum: FAMILY_CONTACT_TARGETS }).notNull(),
    targetPersonId: text('target_person_id'),
    targetName: text('target_name').notNull(),
    targetRelation: text('target_relation'),
    /** Who made the contact when not the recorder (a 班主任 of the register); null = the recorder. */
    contactorPersonId: text('contactor_person_id'),
    contactorName: text('contactor_name'),
    purpose: text('purpose').notNull(),
    summary: text('summary').notNull(),
    followUp: text('follow_up'),
    ...recordedByAndAt(),
  },
  (t) => [index('family_contacts_student').on(t.studentId, t.contactedAt), index('family_contacts_recorder').on(t.recordedBy, t.contactedAt)],
);
