import type { StudentListItem } from '../../../src-shared/contract/students';
import type { OpenStore } from '../store/open-store';
import { KeptStudentRow } from '../store/long-transaction';
import type { CommittedChange } from '../store/unit-of-work';
import { asc, gt } from 'drizzle-orm';
import { students } from '../store/schema/students';
import { LIST_COLUMNS, type SearchInput, type StudentScope } from './student-service';
import { SEPARATOR, SearchText } from './search-text';

interface Entry extends StudentListItem {
  namePinyin: string;
  nameInitials: string;
}

/**
 * Student search runs over an in-memory list sorted by 学号 rather than SQL: a name or pinyin
 * match over 100,000 students with a count and a page stays within a few milliseconds, where
 * the SQL forms (OR over two indexes, substring scans, sorting) took up to ~130 ms. The list is
 * loaded in the background after sign-in (or at first use) and kept current from committed writes.
 */
export class StudentSearchIndex {
  private entries: Entry[];
  /** Also the map of students by id. */
  private readonly text = new SearchText<Entry>();

  constructor(rows: Entry[]) {
    this.entries = rows.sort(byStudentNo);
    // Slots in 学号 order: a search's hits then come out nearly sorted.
    for (const row of this.entries) this.text.set(row);
  }

  apply(changes: readonly CommittedChange[]): void {
    const rows = changes.filter((c) => c.entity === 'students').map((c) => pick(c.row as unknown as Entry));
    if (rows.length > 200) {
      // A bulk import: re-sorting once beats shifting the array per row.
      for (const row of rows) this.text.set(row);
      this.entries = this.text.all().sort(byStudentNo);
      return;
    }
    for (const row of rows) {
      const old = this.text.get(row.id);
      if (old) this.entries.splice(insertionPoint(this.entries, old.studentNo), 1);
      this.text.set(row);
      this.entries.splice(insertionPoint(this.entries, row.studentNo), 0, row);
    }
  }

  /** Builds a few chunks of the searched text; false once all are built (the warm-up's slices). */
  prepareText(chunks: number): boolean {
    return this.text.prepare(chunks);
  }

  search(input: SearchInput, scope: StudentScope): { total: number; ids: string[] } {
    const candidates = this.matching(input.query);
    const filtered =
      scope.kind === 'all' && !input.department && !input.grade && !input.className && !input.status
        ? candidates
        : candidates.filter(
            (e) =>
              (scope.kind === 'all' || (scope.department !== null && e.department === scope.department)) &&
              (!input.department || e.department === input.department) &&
              (!input.grade || e.grade === input.grade) &&
              (!input.className || e.className === input.className) &&
              (!input.status || e.status === input.status),
          );
    return { total: filtered.length, ids: filtered.slice(input.offset, input.offset + input.limit).map((e) => e.id) };
  }

  /**
   * The students the query finds, in 学号 order: a 学号 prefix when it has digits (a range of
   * the sorted list); pinyin initials or full pinyin from the start for letters; else a part of
   * the name. The last two run over the searched text (search-text.ts).
   */
  private matching(query: string): readonly Entry[] {
    const q = query.trim();
    if (!q) return this.entries;
    if (/^[0-9A-Za-z-]+$/.test(q) && /\d/.test(q)) return this.withStudentNoPrefix(q.toUpperCase());
    if (q.includes(SEPARATOR)) return this.entries.filter((e) => e.name.includes(q));
    const marks = this.text.marks();
    if (/^[A-Za-z\s']+$/.test(q)) {
      const letters = q.toLowerCase().replace(/[^a-z]/g, '');
      this.text.find('nameInitials', letters, true, marks);
      this.text.find('namePinyin', letters, true, marks);
    } else {
      this.text.find('name', q, false, marks);
    }
    return inStudentNoOrder(this.text.marked(marks));
  }

  private withStudentNoPrefix(prefix: string): Entry[] {
    const found: Entry[] = [];
    for (let i = insertionPoint(this.entries, prefix); i < this.entries.length && this.entries[i].studentNo.startsWith(prefix); i++)
      found.push(this.entries[i]);
    return found;
  }
}

const byStudentNo = (a: { studentNo: string }, b: { studentNo: string }) => (a.studentNo < b.studentNo ? -1 : a.studentNo > b.studentNo ? 1 : 0);

/**
 * Hits come in slot order, which is 学号 order but for students added or renumbered since the
 * index was built: checking the order costs a fraction of a sort, which even on a sorted list
 * calls its comparison for each of, at worst, every student.
 */
function inStudentNoOrder(found: Entry[]): Entry[] {
  for (let i = 1; i < found.length; i++) if (found[i - 1].studentNo > found[i].studentNo) return found.sort(byStudentNo);
  return found;
}

function insertionPoint(entries: Entry[], studentNo: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].studentNo < studentNo) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The entry for a committed row: a long transaction's kept row (only these columns, held by
 * nobody else once handed over) is taken as it is; a full row is copied down to these columns.
 */
function pick(row: Entry): Entry {
  if (row instanceof KeptStudentRow) return row;
  const { id, studentNo, name, gender, department, grade, className, status, namePinyin, nameInitials } = row;
  return { id, studentNo, name, gender, department, grade, className, status, namePinyin, nameInitials };
}

const indexes = new WeakMap<OpenStore, StudentSearchIndex>();
const warming = new WeakMap<OpenStore, Warmup>();

/**
 * Rows read per slice while warming: ~10–30 ms of the core's time at a time at a decade's size
 * (tests make it small); then chunks of searched text built per slice (~1 ms each).
 */
export const warmSettings = { sliceRows: 4000, textChunks: 8 };

const INDEX_COLUMNS = { ...LIST_COLUMNS, namePinyin: students.namePinyin, nameInitials: students.nameInitials };

/**
 * Building the index in slices between other calls: reading 60,000 students at once takes
 * 0.3–0.6 s, which the first search after sign-in used to wait for. Writes committed while it
 * runs are replayed in order on the finished index, so the result is the same as a build at the
 * end; a lock (the store closes) stops it, and a search that comes first finishes it at once.
 */
class Warmup {
  private readonly rows: Entry[] = [];
  private readonly committed: (readonly CommittedChange[])[] = [];
  /** Keyset by id (stable, unlike rowid, which a VACUUM may renumber between two slices). */
  private lastId = '';
  private done = false;
  index: StudentSearchIndex | null = null;

  constructor(private readonly store: OpenStore) {
    // From the first slice on: a write between two slices must reach the index.
    store.uow.onCommit((changes) => (this.index ? this.index.apply(changes) : this.committed.push(changes)));
  }

  /** Reads the next slice; false once every row is read. */
  step(): boolean {
    if (this.done) return false;
    const slice = this.store.db
      .select(INDEX_COLUMNS)
      .from(students)
      .where(gt(students.id, this.lastId))
      .orderBy(asc(students.id))
      .limit(warmSettings.sliceRows)
      .all();
    for (const row of slice) {
      this.rows.push(row);
      this.lastId = row.id;
    }
    this.done = slice.length < warmSettings.sliceRows;
    return !this.done;
  }

  finish(): StudentSearchIndex {
    while (this.step());
    if (!this.index) {
      const index = new StudentSearchIndex(this.rows);
      for (const changes of this.committed.splice(0)) index.apply(changes);
      this.index = index;
    }
    return this.index;
  }
}

function warmupOf(store: OpenStore): Warmup {
  let warmup = warming.get(store);
  if (!warmup) warming.set(store, (warmup = new Warmup(store)));
  return warmup;
}

export function studentIndex(store: OpenStore): StudentSearchIndex {
  let index = indexes.get(store);
  if (!index) {
    index = warmupOf(store).finish();
    indexes.set(store, index);
  }
  return index;
}

/** The index's state, for tests and the bench: not started, being built in the background, or ready. */
export function studentIndexState(store: OpenStore): 'none' | 'warming' | 'ready' {
  return indexes.has(store) ? 'ready' : warming.has(store) ? 'warming' : 'none';
}

/**
 * Start building the search index in the background right after sign-in, one slice per turn of
 * the event loop, so the first student search finds it ready without sign-in waiting for it.
 * The index belongs to this open store only: it holds no account's data beyond the store's own
 * students (the scope is applied per search), and a lock drops it with the store.
 */
export function warmStudentIndex(store: OpenStore): void {
  if (indexes.has(store) || warming.has(store)) return;
  const warmup = warmupOf(store);
  const next = () => {
    // Locked meanwhile (the store closed): stop.
    if (!store.sqlite.open) return;
    try {
      const index = indexes.get(store);
      // Read (or finished by a search): build the searched text, so the first name search need not.
      if (index) {
        if (index.prepareText(warmSettings.textChunks)) setImmediate(next);
        return;
      }
      if (!warmup.step()) indexes.set(store, warmup.finish());
      setImmediate(next);
    } catch {
      // Housekeeping only: the first search builds the index itself.
    }
  };
  setImmediate(next);
}
