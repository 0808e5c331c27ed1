/** The searched text of one student (the fields the name and pinyin searches read). */
export interface SearchedText {
  id: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
}

type Field = 'name' | 'namePinyin' | 'nameInitials';
const FIELDS: readonly Field[] = ['name', 'namePinyin', 'nameInitials'];

/**
 * Before each student's value: a control character. Pinyin and initials are letters only, so a
 * search at the start of one finds only real starts; a name search looks anywhere, and a needle
 * without this character cannot match across two values (the caller searches a query holding it
 * the slow way).
 */
export const SEPARATOR = '\u0001';
/** Students per chunk: a write rebuilds its chunk's strings (well under a millisecond), not all of them. */
const CHUNK = 1024;

interface Chunk {
  /** Each field's values of the chunk's students, each preceded by the separator. */
  text: Record<Field, string>;
  /** Where each student's value starts in `text` (at its separator), by position in the chunk. */
  starts: Record<Field, Int32Array>;
}

/**
 * The students' names, pinyin and initials as a few long strings, so that a search is the
 * engine's own string search (`indexOf`) over them rather than one test per student: over
 * 100,000 students that is a few milliseconds instead of 10–25 ms, where the test per student
 * spends its time reaching each student's strings. Students keep the slot they were given;
 * a change rebuilds the chunk that holds it, lazily, at the next search (or by `prepare`), so a
 * roster import only marks chunks: their strings are built afterwards, never during its peak.
 */
export class SearchText<T extends SearchedText> {
  private readonly slotOf = new Map<string, number>();
  private readonly slots: T[] = [];
  /** A chunk is null until built, and again after one of its students changed. */
  private readonly chunks: (Chunk | null)[] = [];

  set(entry: T): void {
    let slot = this.slotOf.get(entry.id);
    if (slot === undefined) {
      slot = this.slots.length;
      this.slotOf.set(entry.id, slot);
    }
    this.slots[slot] = entry;
    this.chunks[Math.floor(slot / CHUNK)] = null;
  }

  /** The student with this id as last set (the index's only map by id: a decade's roster is large). */
  get(id: string): T | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Every student, in slot order. */
  all(): T[] {
    return this.slots.slice();
  }

  /** Builds up to `limit` chunks that need it; false once none is left (the warm-up calls it in slices). */
  prepare(limit = Infinity): boolean {
    let built = 0;
    for (let c = 0; c * CHUNK < this.slots.length; c++) {
      if (this.chunks[c]) continue;
      if (built === limit) return true;
      this.chunks[c] = this.build(c);
      built++;
    }
    return false;
  }

  /** A mark per slot, for `find` to set and `marked` to read. */
  marks(): Uint8Array {
    return new Uint8Array(this.slots.length);
  }

  /**
   * Marks the students whose `field` holds `needle` (anywhere, or at its start with `atStart`).
   * The needle must not hold the separator: then a match lies inside one value.
   */
  find(field: Field, needle: string, atStart: boolean, marks: Uint8Array): void {
    if (needle.includes(SEPARATOR)) throw new Error('a needle holding the separator matches across values');
    const sought = atStart ? SEPARATOR + needle : needle;
    for (let c = 0; c * CHUNK < this.slots.length; c++) {
      const chunk = (this.chunks[c] ??= this.build(c));
      const text = chunk.text[field];
      const starts = chunk.starts[field];
      // Hits come in ascending order, so the student holding one is found by walking on from the
      // last: at most the chunk's length in steps, however many hits (a query matching most
      // students spends nothing on finding each hit's student).
      let i = 0;
      let at = text.indexOf(sought);
      while (at !== -1) {
        while (i + 1 < starts.length && starts[i + 1] <= at) i++;
        marks[c * CHUNK + i] = 1;
        if (i + 1 === starts.length) break;
        // One hit per student is enough: go on from the next student's value (past this hit).
        at = text.indexOf(sought, starts[i + 1]);
      }
    }
  }

  /**
   * The marked students in slot order. Slots are given in 学号 order when the index is built and
   * to new students at the end, so this is mostly in 学号 order already (the index checks it).
   */
  marked(marks: Uint8Array): T[] {
    const found: T[] = [];
    for (let slot = 0; slot < marks.length; slot++) if (marks[slot]) found.push(this.slots[slot]);
    return found;
  }

  private build(c: number): Chunk {
    const members = this.slots.slice(c * CHUNK, (c + 1) * CHUNK);
    const text = {} as Record<Field, string>;
    const starts = {} as Record<Field, Int32Array>;
    for (const field of FIELDS) {
      const at = new Int32Array(members.length);
      let length = 0;
      const parts = members.map((member, i) => {
        at[i] = length;
        const part = SEPARATOR + member[field];
        length += part.length;
        return part;
      });
      text[field] = parts.join('');
      starts[field] = at;
    }
    return { text, starts };
  }
}
