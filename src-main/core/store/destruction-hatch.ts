import { and, eq } from 'drizzle-orm';
import { destructionGuard } from './schema/archive';
import type { WritableDb } from './read-db';
import { outbox } from './schema/kernel';

/**
 * The one deliberate write around the unit of work's insert/update/delete, and only for 销毁
 * (carrying out an approved destruction): reached through `tx.destructionHatch()`, so it runs
 * inside that transaction and commits or rolls back with it.
 *
 * - The guard row lets the triggers that forbid deleting signed notes, addenda and alerts (and
 *   changing a decided request) through, for this one transaction only.
 * - The outbox held each destroyed row as it was written (a note's text included): its payload
 *   is replaced by the id. Rewriting the outbox is what no other code may do; the destruction's
 *   own audit events and outbox `delete` events record the removal.
 */
export class DestructionHatch {
  constructor(private readonly db: WritableDb) {}

  /** Runs `work` with deletes of protected rows allowed; the guard is gone again afterwards. */
  withDeletesAllowed<T>(requestId: string, work: () => T): T {
    this.db.insert(destructionGuard).values({ id: 1, requestId }).run();
    const result = work();
    this.db.delete(destructionGuard).run();
    return result;
  }

  /** What the outbox still holds of a destroyed row becomes `{ id, destroyed: true }`. */
  scrubOutbox(entity: string, id: string): void {
    this.db
      .update(outbox)
      .set({ payload: { id, destroyed: true } })
      .where(and(eq(outbox.entity, entity), eq(outbox.entityId, id)))
      .run();
  }
}
