import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { JobToken } from '../jobs/jobs';
import type { Clock } from '../util/clock';
import type { SqliteDatabase } from './database';
import type { OpenStore } from './open-store';
import { readOnlyDb } from './read-db';
import { readOnlySqlite } from './read-sqlite';
import * as schema from './schema';
import { ROWS_READ_BY_VIEWS, UnitOfWork, type Actor, type CommittedChange, type WriteContext } from './unit-of-work';

/**
 * The job connection's page cache. Its dirty pages stay in memory until they spill to the WAL, so
 * the cache is the import's memory: bounded here, a 200,000-row file spills as it goes instead of
 * holding every page it wrote (measured, issue 19 goal 3: 20,000-student census peak 921 → 715 MB
 * with 256 → 16 MiB, and no slower; spilled pages are written to the WAL once per spill, not at
 * every slice).
 */
const LONG_TRANSACTION_CACHE_KIB = 16 * 1024;

type StudentRow = typeof schema.students.$inferSelect;

/**
 * What a long transaction keeps of each student row it writes until its COMMIT: the columns the
 * student search index reads, and no others. A 200,000-row roster import held every student's
 * full row (dorm, phone, guardians, dates...) until then, ~80 MB more live at its end (issue 19 goal
 * 3). One class, so each is a compact object of one shape; the index takes these objects as its
 * entries instead of copying them (search-index.ts). A view that reads another column adds it here.
 */
export class KeptStudentRow {
  readonly id: string;
  readonly studentNo: string;
  readonly name: string;
  readonly gender: StudentRow['gender'];
  readonly department: string | null;
  readonly grade: string | null;
  readonly className: string | null;
  readonly status: StudentRow['status'];
  readonly namePinyin: string;
  readonly nameInitials: string;

  constructor(row: StudentRow) {
    this.id = row.id;
    this.studentNo = row.studentNo;
    this.name = row.name;
    this.gender = row.gender;
    this.department = row.department;
    this.grade = row.grade;
    this.className = row.className;
    this.status = row.status;
    this.namePinyin = row.namePinyin;
    this.nameInitials = row.nameInitials;
  }
}

/** What is kept of a written row of a ROWS_READ_BY_VIEWS table: see KeptStudentRow. */
function keptForViews(entity: string, row: Record<string, unknown>): Record<string, unknown> {
  return entity === 'students' ? (new KeptStudentRow(row as StudentRow) as unknown as Record<string, unknown>) : row;
}

/**
 * An import's writes as ONE transaction that still lets the worker answer other calls: it runs
 * on a second connection, in slices of ~25 ms, yielding between them. The transaction holds
 * the write lock, so nobody else's write can slip into it (they get CONFLICT/storeBusy at once,
 * see Core), readers on the main connection see the store as it was, and a cancel or an error
 * rolls everything back. In-memory views hear about the rows only after COMMIT.
 */
export async function runLongTransaction<I>(options: {
  store: OpenStore;
  connection: SqliteDatabase;
  clock: Clock;
  actor: Actor;
  job: JobToken;
  items: readonly I[];
  write: (tx: WriteContext, item: I) => void;
  finish?: (tx: WriteContext) => void;
  /**
   * Starts the checkpoint of what the COMMIT wrote on another thread (Vault.checkpointInBackground);
   * false when none starts. Without it, or when it returns false, this connection checkpoints.
   */
  checkpointElsewhere?: () => boolean;
}): Promise<void> {
  const { store, connection, job, items } = options;
  // Same clock and workstation as the main unit of work, so outbox stamps stay in one order.
  const uow = new UnitOfWork(
    drizzle(connection, { schema }),
    readOnlyDb(readOnlySqlite(connection)),
    connection,
    options.clock,
    store.uow.hlc,
    store.uow.workstationId,
    // Only the rows an in-memory view reads are kept, in the slice as until the COMMIT.
    ROWS_READ_BY_VIEWS,
  );
  const committed: CommittedChange[] = [];
  // The slices' tables and audit range, told to the main unit of work's listeners as one commit.
  const facts = { tables: new Set<string>(), firstSeq: Number.POSITIVE_INFINITY, lastSeq: 0 };
  uow.onCommit((changes, slice) => {
    // Only the rows an in-memory view reads wait for the COMMIT (ROWS_READ_BY_VIEWS).
    for (const change of changes) {
      if (ROWS_READ_BY_VIEWS.has(change.entity)) committed.push({ entity: change.entity, row: keptForViews(change.entity, change.row) });
    }
    if (!slice) return;
    for (const table of slice.tables) facts.tables.add(table);
    facts.firstSeq = Math.min(facts.firstSeq, slice.firstSeq);
    facts.lastSeq = Math.max(facts.lastSeq, slice.lastSeq);
  });
  // Its own page cache, larger than the 2 MB default (which spilled on almost every slice) but
  // bounded: see LONG_TRANSACTION_CACHE_KIB.
  connection.pragma(`cache_size = -${LONG_TRANSACTION_CACHE_KIB}`);
  try {
    connection.exec('BEGIN IMMEDIATE');
    // One bulk operation in the audit log: every event of this transaction carries its id.
    const bulk = randomUUID();
    let next = 0;
    while (next < items.length) {
      const sliceStart = Date.now();
      uow.run(
        options.actor,
        (tx) => {
          while (next < items.length && Date.now() - sliceStart < 25) options.write(tx, items[next++]);
        },
        { bulk },
      );
      job.report('write', next, items.length);
      await job.checkpoint();
    }
    if (options.finish) uow.run(options.actor, options.finish, { bulk });
    // The COMMIT would copy the whole import's WAL into the file (its auto-checkpoint), about a
    // second during which the core answers nothing: another thread does it instead.
    if (options.checkpointElsewhere) connection.pragma('wal_autocheckpoint = 0');
    connection.exec('COMMIT');
    if (options.checkpointElsewhere) checkpointAfterCommit(connection, options.checkpointElsewhere);
  } catch (error) {
    if (connection.inTransaction) connection.exec('ROLLBACK');
    throw error;
  } finally {
    connection.close();
  }
  store.uow.notify(committed, facts.lastSeq > 0 ? facts : undefined);
}

/** Housekeeping after the COMMIT: never fails the import. */
function checkpointAfterCommit(connection: SqliteDatabase, elsewhere: () => boolean): void {
  try {
    if (elsewhere()) return;
  } catch {
    // Locked meanwhile, or no thread: checkpoint here.
  }
  try {
    connection.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // The committed frames stay in the WAL; the store's next write checkpoints them.
  }
}
