import { randomUUID } from 'node:crypto';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { betweenDays } from '../store/date-range';
import type { Activity, ActivityDetail, ActivityFields, ActivityKind } from '../../../src-shared/contract/activities';
import { countAttachments, listAttachments } from '../attachments/attachment-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { educationActivities } from '../store/schema/activities';
import { blankTextAsNull } from '../util/blank-text';

export type ActivityRow = typeof educationActivities.$inferSelect;

export const ACTIVITY_ENTITY = 'education_activities';

export function toActivity(db: Db, row: ActivityRow): Activity {
  return { ...row, attachmentCount: countAttachments(db, { entity: ACTIVITY_ENTITY, id: row.id }) };
}

export function toActivityDetail(db: Db, row: ActivityRow): ActivityDetail {
  const attachments = listAttachments(db, { entity: ACTIVITY_ENTITY, id: row.id });
  return { ...row, attachmentCount: attachments.length, attachments };
}

export function listActivities(db: Db, filter: { from?: string; to?: string; kind?: ActivityKind; department?: string }): ActivityRow[] {
  const conditions: SQL[] = [];
  if (filter.department !== undefined) conditions.push(eq(educationActivities.department, filter.department));
  conditions.push(...betweenDays(educationActivities.date, filter));
  if (filter.kind) conditions.push(eq(educationActivities.kind, filter.kind));
  return db
    .select()
    .from(educationActivities)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(educationActivities.date), desc(educationActivities.createdAt))
    .all();
}

/** Empty optional text is stored as null, so filters and statistics see one kind of "nothing". */
const columns = (fields: Partial<ActivityFields>) => blankTextAsNull<typeof educationActivities.$inferInsert>(fields);

export function createActivity(tx: WriteContext, fields: ActivityFields, at: string): ActivityRow {
  return tx.insert(
    educationActivities,
    {
      id: randomUUID(),
      kind: fields.kind,
      title: fields.title,
      date: fields.date,
      organizer: fields.organizer,
      audience: null,
      department: null,
      participants: fields.participants,
      location: null,
      description: null,
      organizerPersonId: null,
      className: null,
      ...columns(fields),
      organizerLevel: fields.organizerLevel ?? 'center',
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { kind: fields.kind, date: fields.date } },
  );
}

export function updateActivity(tx: WriteContext, row: ActivityRow, patch: Partial<ActivityFields>, at: string): ActivityRow {
  const changes = columns(patch);
  if (Object.keys(changes).length === 0) return row;
  return tx.update(educationActivities, row.id, { ...changes, updatedAt: at });
}
