import { randomUUID } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Room } from '../../../src-shared/contract/calendar';
import type { Db, WriteContext } from '../store/unit-of-work';
import { rooms } from '../store/schema/calendar';
import { requireRow } from '../store/require-row';

type RoomRow = typeof rooms.$inferSelect;

export function toRoom(row: RoomRow): Room {
  return { id: row.id, name: row.name, active: row.active };
}

export function listRooms(db: Db, includeInactive: boolean): Room[] {
  const query = db.select().from(rooms);
  const rows = (includeInactive ? query : query.where(eq(rooms.active, true))).orderBy(asc(rooms.name)).all();
  return rows.map(toRoom);
}

/** A room a new booking may use: it exists and is in use. */
export function requireBookableRoom(db: Db, id: string): RoomRow {
  const row = requireRow(db, 'room', id);
  if (!row.active) throw new AppError('CONFLICT', { reason: 'calendarRoomInactive', roomName: row.name });
  return row;
}

function assertNameFree(db: Db, name: string, exceptId?: string): void {
  const clash = db
    .select({ id: rooms.id })
    .from(rooms)
    .where(exceptId ? and(eq(rooms.name, name), ne(rooms.id, exceptId)) : eq(rooms.name, name))
    .get();
  if (clash) throw new AppError('CONFLICT', { reason: 'calendarRoomNameTaken' });
}

export function createRoom(tx: WriteContext, name: string, at: string): Room {
  assertNameFree(tx.db, name);
  return toRoom(tx.insert(rooms, { id: randomUUID(), name, active: true, createdAt: at, updatedAt: at }));
}

export function renameRoom(tx: WriteContext, id: string, name: string, at: string): Room {
  requireRow(tx.db, 'room', id);
  assertNameFree(tx.db, name, id);
  return toRoom(tx.update(rooms, id, { name, updatedAt: at }, { action: 'rename' }));
}

/** Past appointments keep their room; a room out of use only takes no new bookings. */
export function setRoomActive(tx: WriteContext, id: string, active: boolean, at: string): Room {
  requireRow(tx.db, 'room', id);
  return toRoom(tx.update(rooms, id, { active, updatedAt: at }, { action: active ? 'activate' : 'deactivate' }));
}
