import { eq, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { AppError } from '../../../src-shared/contract/errors';
import { AuditAppender } from '../audit/audit-chain';
import type { Clock } from '../util/clock';
import { sha256Hex } from '../util/canonical-json';
import type { HybridLogicalClock } from '../util/hlc';
import type { SqliteDatabase } from './database';
import { DestructionHatch } from './destruction-hatch';
import { rowReference } from './outbox-payload';
import type { ReadDb, WritableDb } from './read-db';
import { RowWriter } from './row-writer';

/** The database as every service sees it: read-only (ReadDb); writes go through WriteContext. */
export type Db = ReadDb;

/**
 * What only WriteContext may use, kept off the UnitOfWork's public face (`store.uow`): the
 * writable drizzle handle, the raw row writer and the audit/outbox appender. Each writes without
 * the other two, so reachable from outside they would be writes behind the audit log's back.
 */
interface Internals {
  writable: WritableDb;
  rows: RowWriter;
  appendEvents: (
    actor: Actor,
    change: { action: string; entity: string; entityId: string | null; details: Record<string, unknown> },
    before: unknown,
    after: unknown,
    /** `text`: the payload already serialised (a row reference, see outbox-payload.ts). */
    outbox: { op: 'insert' | 'update' | 'delete'; payload: unknown; text?: string } | null,
    bulk?: string | null,
    /** `JSON.stringify(after)` when the caller has it already (the row writer's insert). */
    afterText?: string,
  ) => void;
}
const internalsOf = new WeakMap<UnitOfWork, Internals>();

/** Who is acting: an account, or the system itself (migrations, setup, scheduled jobs). */
export interface Actor {
  accountId: string | null;
}

export const SYSTEM_ACTOR: Actor = { accountId: null };

/** A domain table: every record kind has a text `id` primary key. */
export type EntityTable = SQLiteTable & { id: SQLiteColumn };

export interface ChangeOptions {
  /** Audit action; defaults to `create` / `change`. */
  action?: string;
  /** Extra audit details (never clinical content: ids, field names, reasons). */
  details?: Record<string, unknown>;
}

/**
 * The only way to write: within one transaction, the row, a hash-chained audit event and an
 * outbox event. If `fn` throws, none of the three is kept.
 */
export class UnitOfWork {
  private readonly audit: AuditAppender;
  private readonly outboxInsert;
  /** Reads, for anyone; the writable handle stays in this module (internalsOf). */
  readonly db: ReadDb;

  constructor(
    writable: WritableDb,
    /** Drizzle over the same connection, read-only (readOnlyDb): what `db` and `tx.db` hand out. */
    read: ReadDb,
    sqlite: SqliteDatabase,
    private readonly clock: Clock,
    readonly hlc: HybridLogicalClock,
    readonly workstationId: string,
    /**
     * The tables whose written rows the commit listeners are given (null: every table). A long
     * transaction passes ROWS_READ_BY_VIEWS: see WriteContext's `changed`.
     */
    private readonly rowsKept: ReadonlySet<string> | null = null,
  ) {
    this.db = read;
    this.audit = new AuditAppender(sqlite);
    internalsOf.set(this, { writable, rows: new RowWriter(sqlite), appendEvents: this.appendEvents });
    // Made once: better-sqlite3 prepares BEGIN/COMMIT/SAVEPOINT statements per wrapper.
    // BEGIN IMMEDIATE: the write lock is taken at the start, so a connection with a busy timeout
    // (the CLI beside the app) waits there; a deferred BEGIN would read first and then fail with
    // SQLITE_BUSY_SNAPSHOT, without waiting, once the other writer had committed. The app's
    // connections (timeout 0) fail at once either way.
    this.transaction = sqlite.transaction((work: () => unknown) => work()).immediate as <T>(work: () => T) => T;
    this.outboxInsert = sqlite.prepare('INSERT INTO outbox (hlc, entity, entity_id, op, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const totalChanges = sqlite.prepare<[], number>('SELECT total_changes()').pluck();
    this.totalChanges = () => totalChanges.get()!;
  }

  private readonly commitListeners: CommitListener[] = [];
  private readonly transaction: <T>(work: () => T) => T;
  private readonly totalChanges: () => number;
  private eventRows = 0;
  private reportedRows = 0;
  /** Commits per table (CommitFacts.tables) since this unit of work was made. */
  private readonly commitsByTable = new Map<string, number>();
  /** Runs in progress on this connection: a run inside another is counted by the outer one only. */
  private depth = 0;

  /**
   * Rows this connection wrote in transactions that recorded audit events and changed nothing
   * else (a view, a sign-in, an export): what a cache of figures over the records may leave out
   * of the store's revision (statistics-cache.ts). A transaction that wrote anything besides its
   * events, by any route, does not count here.
   */
  get rowsOfEventsAlone(): number {
    return this.eventRows;
  }

  /**
   * Rows this connection wrote in outermost runs that named the tables they changed (a record
   * written through the unit of work, with its events and outbox rows): with rowsOfEventsAlone,
   * what lets a cache tell a commit it can name from a write by any other route.
   */
  get rowsOfReportedCommits(): number {
    return this.reportedRows;
  }

  /**
   * How many commits changed any of these tables, in this process (its runs, and an import's long
   * transaction once committed): a number that moves whenever one of them is written here.
   */
  commitsTo(tables: Iterable<string>): number {
    let sum = 0;
    for (const table of tables) sum += this.commitsByTable.get(table) ?? 0;
    return sum;
  }

  /**
   * `bulk`: the id of a bulk operation (an import, a destruction) this transaction belongs to;
   * every audit event it writes carries it as `details.bulk`, so the audit log shows the whole
   * operation as one entry (auditlog-query groups by it).
   */
  run<T>(actor: Actor, fn: (tx: WriteContext) => T, options: { bulk?: string } = {}): T {
    const changes: CommittedChange[] = [];
    const tables = new Set<string>();
    let firstSeq = 0;
    const rowsBefore = this.totalChanges();
    this.depth += 1;
    let result: T;
    try {
      result = this.transaction(() => {
        this.audit.loadHead();
        firstSeq = this.audit.lastSeq + 1;
        return fn(new WriteContext(this, actor, changes, options.bulk ?? null, tables, this.rowsKept));
      });
    } finally {
      this.depth -= 1;
    }
    // In-memory views (the search index) are touched only after the commit succeeded.
    if (changes.length > 0 || tables.size > 0) {
      // Counted once, by the outermost run, with any nested run's rows (those name their own tables).
      if (this.depth === 0) this.reportedRows += this.totalChanges() - rowsBefore;
      this.notify(changes, { tables, firstSeq, lastSeq: this.audit.lastSeq });
    } else if (this.depth === 0) {
      // Events alone only when the rows written are exactly the events appended (one row each).
      // Counted once, by the outermost run: counted twice, the cache's revision could come back to an old value.
      const rows = this.totalChanges() - rowsBefore;
      if (rows > 0 && rows === this.audit.lastSeq - firstSeq + 1) this.eventRows += rows;
    }
    return result;
  }

  /** Tell in-memory views about committed rows (a long transaction calls it after its COMMIT). */
  notify(changes: readonly CommittedChange[], facts?: CommitFacts): void {
    if (facts) for (const table of facts.tables) this.commitsByTable.set(table, (this.commitsByTable.get(table) ?? 0) + 1);
    for (const listener of this.commitListeners) listener(changes, facts);
  }

  /** Called after each commit with the rows it wrote. */
  onCommit(listener: CommitListener): void {
    this.commitListeners.push(listener);
  }

  /** WriteContext's, through internalsOf. */
  private readonly appendEvents: Internals['appendEvents'] = (actor, change, before, after, outbox, bulk = null, afterText) => {
    const at = this.clock.now().toISOString();
    // The after-row is serialised once: its digest and the outbox payload share the text.
    const afterJson = after === undefined ? null : (afterText ?? JSON.stringify(after));
    this.audit.append({
      at,
      actorId: actor.accountId,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      details: bulk ? withBulk(change.details, bulk) : change.details,
      beforeDigest: before === undefined ? null : rowDigest(before),
      afterDigest: afterJson === null ? null : sha256Hex(afterJson),
      workstationId: this.workstationId,
    });
    if (outbox && change.entityId !== null) {
      const payload = outbox.text ?? (outbox.payload === after && afterJson !== null ? afterJson : JSON.stringify(outbox.payload));
      this.outboxInsert.run(this.hlc.next(), change.entity, change.entityId, outbox.op, payload, at);
    }
  };
}

/**
 * `{ ...details, bulk }`, the same keys in the same order, without the spread: V8 11 (Node 20)
 * gives each object made by a spread followed by new keys a map of its own, which keeps it alive
 * until a major GC, and an import writes one event per row (issue 19 goal 3).
 */
function withBulk(details: Record<string, unknown>, bulk: string): Record<string, unknown> {
  return Object.assign({}, details, { bulk });
}

/** Rows come from drizzle or the row writer, both in column order, so plain JSON is stable. */
function rowDigest(row: unknown): string {
  return sha256Hex(JSON.stringify(row));
}

/**
 * The tables whose committed rows an in-memory view reads (the student search index). A long
 * transaction keeps only these rows until its COMMIT: a census import's forms, alerts and list
 * entries would otherwise all stay in memory for nothing (issue 19 goal 3). A new view that reads
 * another table's rows adds it here.
 */
export const ROWS_READ_BY_VIEWS: ReadonlySet<string> = new Set(['students']);

export interface CommittedChange {
  entity: string;
  row: Record<string, unknown>;
}
/**
 * What else a commit wrote: the tables whose rows it inserted, updated or deleted, and the range
 * of its audit events (firstSeq..lastSeq), so the change feed need not read them back.
 */
export interface CommitFacts {
  tables: ReadonlySet<string>;
  firstSeq: number;
  lastSeq: number;
}
export type CommitListener = (changes: readonly CommittedChange[], facts?: CommitFacts) => void;

export class WriteContext {
  constructor(
    private readonly uow: UnitOfWork,
    readonly actor: Actor,
    private readonly changes: CommittedChange[],
    /** The bulk operation this transaction's events belong to (see UnitOfWork.run). */
    readonly bulk: string | null = null,
    /** The tables this transaction changed (CommitFacts). */
    private readonly tables: Set<string> = new Set(),
    /** The tables whose rows go into `changes` (null: all), see UnitOfWork's `rowsKept`. */
    private readonly rowsKept: ReadonlySet<string> | null = null,
  ) {}

  /**
   * A written row for the commit listeners, when they are told about its table. A long
   * transaction's slice (~25 ms) otherwise held every row it wrote, each assessment with its
   * answers and result, until the slice's end: long enough to be promoted to V8's old generation
   * as garbage, and to make V8 allocate such rows there directly (issue 19 goal 3).
   */
  private changed(entity: string, row: unknown): void {
    if (this.rowsKept === null || this.rowsKept.has(entity)) this.changes.push({ entity, row: row as Record<string, unknown> });
  }

  private get internals(): Internals {
    return internalsOf.get(this.uow)!;
  }

  private get writable(): WritableDb {
    return this.internals.writable;
  }

  /** Reads inside the transaction see its own writes. Read-only: writes are the methods below. */
  get db(): ReadDb {
    return this.uow.db;
  }

  /**
   * The one deliberate write around insert/update/delete: 销毁 (archive/destruction.ts) lets the
   * delete triggers through and scrubs what the outbox still holds of the removed rows.
   */
  destructionHatch(): DestructionHatch {
    return new DestructionHatch(this.writable);
  }

  /** The row as it is before a change: what the audit event digests. */
  private existing(table: EntityTable, id: string): unknown {
    const row = this.uow.db
      .select()
      .from(table as SQLiteTable)
      .where(eq(table.id, id))
      .get();
    if (!row) throw new AppError('NOT_FOUND', { entity: getTableName(table), id });
    return row;
  }

  insert<T extends EntityTable>(table: T, row: T['$inferInsert'], options: ChangeOptions = {}): T['$inferSelect'] {
    const { row: inserted, json } = this.internals.rows.insertWithJson(table, row);
    const entityId = String((inserted as Record<string, unknown>).id);
    const entity = getTableName(table);
    this.tables.add(entity);
    this.changed(entity, inserted);
    this.internals.appendEvents(
      this.actor,
      { action: options.action ?? 'create', entity: getTableName(table), entityId, details: options.details ?? {} },
      undefined,
      inserted,
      // A bulk operation's (an import's) rows are not repeated in the outbox: the export reads them.
      { op: 'insert', payload: inserted, text: this.bulk === null ? undefined : rowReference(entityId) },
      this.bulk,
      json,
    );
    return inserted;
  }

  update<T extends EntityTable>(table: T, id: string, patch: Partial<T['$inferInsert']>, options: ChangeOptions = {}): T['$inferSelect'] {
    const before = this.existing(table, id);
    const after = this.writable.update(table).set(patch).where(eq(table.id, id)).returning().get() as T['$inferSelect'];
    this.tables.add(getTableName(table));
    this.changed(getTableName(table), after);
    const changed = Object.keys(patch).filter(
      (key) => JSON.stringify((before as Record<string, unknown>)[key]) !== JSON.stringify((after as Record<string, unknown>)[key]),
    );
    this.internals.appendEvents(
      this.actor,
      { action: options.action ?? 'change', entity: getTableName(table), entityId: id, details: { changed, ...options.details } },
      before,
      after,
      { op: 'update', payload: after },
      this.bulk,
    );
    return after;
  }

  /**
   * Removes a row for good (the archive's destruction). The audit event keeps the digest of what
   * was removed, never its content; the outbox carries only the id, so the school server removes
   * its copy too.
   */
  delete<T extends EntityTable>(table: T, id: string, options: ChangeOptions = {}): void {
    const before = this.existing(table, id);
    this.writable.delete(table).where(eq(table.id, id)).run();
    this.tables.add(getTableName(table));
    this.internals.appendEvents(
      this.actor,
      { action: options.action ?? 'destroy', entity: getTableName(table), entityId: id, details: options.details ?? {} },
      before,
      undefined,
      { op: 'delete', payload: { id } },
      this.bulk,
    );
  }

  /** An audited event that changes no row: sign-in, view, export, verification. */
  record(action: string, entity: string, entityId: string | null, details: Record<string, unknown> = {}): void {
    this.internals.appendEvents(this.actor, { action, entity, entityId, details }, undefined, undefined, null, this.bulk);
  }
}
