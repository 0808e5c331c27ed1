import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * The foundation's tables. Every domain's tables live beside this file (`store/schema/<domain>.ts`),
 * so a domain reads another's tables without importing that domain; `index.ts` re-exports them all
 * and is what drizzle-kit reads.
 */

/** Facts about this store: database id (matches the key ring), workstation id. */
export const meta = sqliteTable('meta', {
  id: text('id').primaryKey(),
  value: text('value').notNull(),
});

export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** JSON array of role names. */
  roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  /** 院系: the department a liaison (院系辅导员) account is scoped to. */
  department: text('department'),
  /** The supervisor (督导) who co-signs this trainee's notes. */
  supervisorId: text('supervisor_id'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** One row per setting; values are JSON. */
export const settings = sqliteTable('settings', {
  id: text('id').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Hash-chained: each event's hash covers its fields and the previous event's hash, so editing or
 * deleting any event breaks every later link. Details never hold clinical content.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    workstationId: text('workstation_id').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * The bulk operation (an import, a destruction) the event belongs to: a copy of `details.bulk`
     * for the audit log's index (the hash covers `details`; verification checks the copy matches).
     */
    bulk: text('bulk'),
  },
  (t) => [
    index('audit_events_entity').on(t.entity, t.entityId),
    index('audit_events_actor').on(t.actorId),
    // The audit log pages newest first by filter: each index also holds seq (the rowid) in order.
    index('audit_events_action').on(t.action),
    index('audit_events_at').on(t.at),
    index('audit_events_bulk')
      .on(t.bulk)
      .where(sql`bulk IS NOT NULL`),
  ],
);

/** Changes waiting to be exported to the school server, in sequence order. */
export const outbox = sqliteTable('outbox', {
  seq: integer('seq').primaryKey(),
  hlc: text('hlc').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
  /**
   * The row as written; for a row inserted by an import, `{"id", "inRow": true}`: the export reads
   * the row from its table instead (store/outbox-payload.ts).
   */
  payload: text('payload', { mode: 'json' }).notNull(),
  createdAt: text('created_at').notNull(),
});
