import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { CrisisNotification } from '../../../src-shared/contract/referrals';
import { crisisNotifications } from '../store/schema/crisis';
import type { OpenStore } from '../store/open-store';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import { auditedViews, peopleById, personOf } from './links';
import { requireActivePerson } from '../network/network-service';
import { requireRow } from '../store/require-row';

type NotificationRow = typeof crisisNotifications.$inferSelect;
type NotificationFields = Pick<NotificationRow, 'recipientKind' | 'recipientName' | 'method' | 'notifiedAt' | 'content' | 'basis'> & {
  recipientPersonId?: string | null;
};

/** A little slack for a workstation whose clock runs a minute ahead of the core's. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/** A record of something that happened cannot be dated after now. */
export function assertNotFuture(at: string, now: Date, reason: string): string {
  const time = new Date(at);
  if (time.getTime() > now.getTime() + FUTURE_SLACK_MS) throw new AppError('VALIDATION', { reason });
  return time.toISOString();
}

function toNotifications(db: Db, rows: NotificationRow[]): CrisisNotification[] {
  const people = peopleById(
    db,
    rows.map((r) => r.notifiedBy),
  );
  return rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    recipientKind: row.recipientKind,
    recipientName: row.recipientName,
    recipientPersonId: row.recipientPersonId,
    method: row.method,
    notifiedBy: personOf(people, row.notifiedBy),
    notifiedAt: row.notifiedAt,
    content: row.content,
    basis: row.basis,
    createdAt: row.createdAt,
  }));
}

/** A crisis event's notifications, in the order they were made; each read is audited. */
export function listNotifications(store: OpenStore, session: Session, eventId: string): CrisisNotification[] {
  const event = requireRow(store.db, 'crisisEvent', eventId, 'crisisRecordEventNotFound');
  const rows = store.db
    .select()
    .from(crisisNotifications)
    .where(eq(crisisNotifications.eventId, event.id))
    .orderBy(asc(crisisNotifications.notifiedAt), asc(crisisNotifications.createdAt))
    .all();
  return auditedViews(store, session, 'crisis_notifications', rows, toNotifications, { eventId: event.id });
}

/**
 * 通知记录 are append-only (no edit, no delete): what was told to a guardian or the police is a
 * fact of the event's history; a correction is a new record that refers to the old one.
 */
export function addNotification(store: OpenStore, session: Session, input: NotificationFields & { eventId: string }, now: Date): CrisisNotification {
  const event = requireRow(store.db, 'crisisEvent', input.eventId, 'crisisRecordEventNotFound');
  if (event.status === 'closed') throw new AppError('CONFLICT', { reason: 'notificationEventClosed' });
  const notifiedAt = assertNotFuture(input.notifiedAt, now, 'notificationInFuture');
  const recipientPersonId = input.recipientPersonId ? requireActivePerson(store.db, input.recipientPersonId).id : null;
  const at = now.toISOString();
  const row = store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.insert(
      crisisNotifications,
      {
        id: randomUUID(),
        eventId: event.id,
        recipientKind: input.recipientKind,
        recipientName: input.recipientName,
        recipientPersonId,
        method: input.method,
        notifiedBy: session.accountId,
        notifiedAt,
        content: input.content,
        basis: input.basis,
        createdAt: at,
        updatedAt: at,
      },
      // Who was told and how is the audit's business; what was said is not.
      { details: { eventId: event.id, recipientKind: input.recipientKind, method: input.method } },
    ),
  );
  return toNotifications(store.db, [row])[0];
}
