// Compiled, never run: every line marked @ts-expect-error must fail to type-check, every other
// line must compile. tests/unit/core/read-db.test.ts compiles this file and expects no
// diagnostics (an unused @ts-expect-error is one), and `npm run typecheck` checks it too.
import { eq, sql } from 'drizzle-orm';
import { cases } from '../../../../src-main/core/store/schema/cases';
import { connectionHatch, type OpenStore } from '../../../../src-main/core/store/open-store';
import type { ReadSqlite } from '../../../../src-main/core/store/read-sqlite';
import type { WriteContext } from '../../../../src-main/core/store/unit-of-work';

/** Reads compile, through the store, inside a unit of work, and through raw prepared reads. */
export function reads(store: OpenStore, tx: WriteContext, sqlite: ReadSqlite): unknown[] {
  return [
    store.db.select().from(cases).where(eq(cases.id, 'x')).get(),
    store.db.selectDistinct({ id: cases.id }).from(cases).all(),
    store.db.$count(cases),
    tx.db.select({ id: cases.id }).from(cases).all(),
    store.uow.db.select().from(cases).all(),
    sqlite.prepare<[string], { id: string }>('SELECT id FROM cases WHERE id = ?').get('x'),
    sqlite.prepare('SELECT count(*) FROM cases').pluck().get(),
    store.sqlite.prepare<[number], { seq: number }>('SELECT seq FROM outbox WHERE seq > ?').all(0),
    store.sqlite.prepare('PRAGMA data_version').pluck().get(),
    store.sqlite.open,
    // A writable connection (the escape hatch's, a restore's candidate file) is accepted wherever reads are wanted.
    ((raw: ReturnType<typeof connectionHatch>): ReadSqlite => raw)(connectionHatch(store)),
  ];
}

/** Writes do not: outside the unit of work there is no insert, update, delete or raw SQL. */
export function writes(store: OpenStore, tx: WriteContext, sqlite: ReadSqlite): void {
  // @ts-expect-error the store's db cannot insert
  store.db.insert(cases);
  // @ts-expect-error the store's db cannot update
  store.db.update(cases);
  // @ts-expect-error the store's db cannot delete
  store.db.delete(cases);
  // @ts-expect-error the store's db runs no raw SQL (it could be a write)
  store.db.run(sql`DELETE FROM cases`);
  // @ts-expect-error not even through all/get, which take any SQL
  store.db.all(sql`DELETE FROM cases RETURNING id`);
  // @ts-expect-error nor opens its own transaction
  store.db.transaction(() => undefined);
  // @ts-expect-error nor hands out its driver
  void store.db.$client;
  // @ts-expect-error the unit of work's own db is read-only from outside too
  store.uow.db.insert(cases);
  // @ts-expect-error and its writable handle is not reachable
  void store.uow.writable;
  // @ts-expect-error nor its row writer (a row without its audit event)
  void store.uow.rows;
  // @ts-expect-error nor its audit/outbox appender (an event without its row)
  void store.uow.appendEvents;
  // @ts-expect-error inside a unit of work, tx.db reads; writes are tx.insert/update/delete
  tx.db.insert(cases);
  // @ts-expect-error tx.db cannot update behind the audit log's back
  tx.db.update(cases);
  // @ts-expect-error tx.db cannot delete behind the audit log's back
  tx.db.delete(cases);
  // @ts-expect-error a read-only raw statement cannot run
  sqlite.prepare('DELETE FROM cases').run();
  // @ts-expect-error nor lead back to its connection
  void sqlite.prepare('SELECT 1').database;
  // @ts-expect-error a plucked statement is still read-only
  sqlite.prepare('SELECT 1').pluck().run();
  // @ts-expect-error ReadSqlite has no exec
  sqlite.exec('DELETE FROM cases');
  // @ts-expect-error nor pragma (some pragmas write)
  sqlite.pragma('user_version = 99');
  // @ts-expect-error the store's raw connection is read-only: its statements cannot run
  store.sqlite.prepare('DELETE FROM outbox').run();
  // @ts-expect-error nor after pluck
  store.sqlite.prepare('UPDATE outbox SET payload = 1').pluck().run();
  // @ts-expect-error the store's raw connection has no exec
  store.sqlite.exec('DELETE FROM outbox');
  // @ts-expect-error nor pragma
  store.sqlite.pragma('foreign_keys = OFF');
  // @ts-expect-error nor a transaction of its own
  store.sqlite.transaction(() => undefined);
  // @ts-expect-error nor closes the store behind the vault's back
  store.sqlite.close();
  // @ts-expect-error nor reaches its connection through a statement
  void store.sqlite.prepare('SELECT 1').database;
}
