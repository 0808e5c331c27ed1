import type { SqliteDatabase } from './database';

/** A prepared statement that can only be read from: no `run`, no way back to its connection. */
export interface ReadStatement<P extends unknown[] = unknown[], R = unknown> {
  readonly source: string;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  pluck(toggleState?: boolean): ReadStatement<P, R>;
  expand(toggleState?: boolean): ReadStatement<P, R>;
  raw(toggleState?: boolean): ReadStatement<P, R>;
  columns(): ReturnType<ReturnType<SqliteDatabase['prepare']>['columns']>;
}

/**
 * The store's raw connection as everything outside the unit of work sees it (`store.sqlite`):
 * hand-written SQL for reads (statistics, the audit log, the sync export's outbox pages). No
 * `run`, `exec`, `transaction` or `pragma`: writes go through the unit of work, and the one
 * deliberate exception takes the writable connection through `connectionHatch` (open-store.ts).
 * A writable connection is a ReadSqlite too (a restore's check of a candidate file reads it so).
 */
export interface ReadSqlite {
  /** A pragma is read the same way (`PRAGMA data_version`); one that sets something is refused as a write. */
  prepare<P extends unknown[] | object = unknown[], R = unknown>(source: string): P extends unknown[] ? ReadStatement<P, R> : ReadStatement<[P], R>;
  /** False once the store was locked (its connection closed). */
  readonly open: boolean;
}

/** A programming error, not a user's: it reaches the caller as INTERNAL, naming the statement's start. */
function refused(source: string): Error {
  return new Error(`A write outside the unit of work (ReadSqlite takes reads only): ${source.trim().slice(0, 60)}`);
}

/** Pragmas that only answer, read as `PRAGMA name` (a `= value` or `(value)` would set most of them). */
const READ_PRAGMAS = new Set(['data_version', 'user_version', 'schema_version', 'page_count', 'page_size', 'freelist_count', 'foreign_keys', 'secure_delete']);
/** Pragmas whose parenthesised argument names what to read (a table, an index, a row limit), never a new value. */
const READ_PRAGMAS_WITH_ARGUMENT = new Set([
  'table_info',
  'table_xinfo',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
]);
const PRAGMA_WORD = /\bpragma\b/i;
const PRAGMA_READ = /^\s*pragma\s+(?:\w+\s*\.\s*)?(\w+)\s*(\(\s*[\w"'`.]*\s*\))?\s*;?\s*$/i;

/**
 * SQLite applies many pragmas while preparing them (`PRAGMA foreign_keys = OFF` turns the checks
 * off before any step, and before `Statement.readonly` can be asked), so a text that names PRAGMA
 * is checked before it reaches SQLite: only a read of a listed pragma passes. The table-valued
 * `pragma_*` functions exist only for pragmas without side effects and pass as any SELECT.
 */
function pragmaRefused(source: string): boolean {
  if (!PRAGMA_WORD.test(source)) return false;
  const read = PRAGMA_READ.exec(source);
  if (!read) return true;
  const name = read[1].toLowerCase();
  return read[2] ? !READ_PRAGMAS_WITH_ARGUMENT.has(name) : !READ_PRAGMAS.has(name) && !READ_PRAGMAS_WITH_ARGUMENT.has(name);
}

/**
 * A ReadSqlite over `sqlite` that refuses every statement SQLite itself does not call a read:
 * `Statement.readonly` is false for INSERT/UPDATE/DELETE (RETURNING included, whatever method
 * would run it), DDL, VACUUM and pragmas that set at run time; `Statement.reader` is false for
 * statements that return nothing (BEGIN, ATTACH), which SQLite counts as read-only but which
 * change how the connection writes; pragmas are gated before preparing (pragmaRefused). The
 * checks cost a regular expression and two property reads per prepare and nothing per
 * execution: the statement handed back is the driver's own.
 */
export function readOnlySqlite(sqlite: SqliteDatabase): ReadSqlite {
  return {
    prepare(source: string) {
      if (pragmaRefused(source)) throw refused(source);
      const statement = sqlite.prepare(source);
      if (!statement.readonly || !statement.reader) throw refused(source);
      return statement;
    },
    get open() {
      return sqlite.open;
    },
  } as ReadSqlite;
}
