import { describe, expect, it } from 'vitest';
import { StudentSearchIndex } from '../../../src-main/core/students/search-index';
import { SEPARATOR } from '../../../src-main/core/students/search-text';

/**
 * Issue 19 goal 2: name and pinyin search run over the students' text joined into a few long
 * strings (search-text.ts), and a 学号 prefix over a range of the sorted list. A student a
 * counselor looks for must never be missing from the answer, so these tests hold the fast index
 * to the plain rule it replaced, a test per student, on random students, edits and queries.
 */
type Entry = ConstructorParameters<typeof StudentSearchIndex>[0][number];
type Input = Parameters<StudentSearchIndex['search']>[0];
type Scope = Parameters<StudentSearchIndex['search']>[1];

/** The rule as it was written before the index: a test per student, in 学号 order. */
function reference(entries: Iterable<Entry>, input: Input, scope: Scope): { total: number; ids: string[] } {
  const q = input.query.trim();
  let matches: (e: Entry) => boolean;
  if (!q) matches = () => true;
  else if (/^[0-9A-Za-z-]+$/.test(q) && /\d/.test(q)) matches = (e) => e.studentNo.startsWith(q.toUpperCase());
  else if (/^[A-Za-z\s']+$/.test(q)) {
    const letters = q.toLowerCase().replace(/[^a-z]/g, '');
    matches = (e) => e.nameInitials.startsWith(letters) || e.namePinyin.startsWith(letters);
  } else matches = (e) => e.name.includes(q);
  const found = [...entries]
    .sort((a, b) => (a.studentNo < b.studentNo ? -1 : a.studentNo > b.studentNo ? 1 : 0))
    .filter(
      (e) =>
        (scope.kind === 'all' || (scope.department !== null && e.department === scope.department)) &&
        (!input.department || e.department === input.department) &&
        (!input.grade || e.grade === input.grade) &&
        (!input.className || e.className === input.className) &&
        (!input.status || e.status === input.status) &&
        matches(e),
    );
  return { total: found.length, ids: found.slice(input.offset, input.offset + input.limit).map((e) => e.id) };
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]) => items[int(items.length)];
  return { next, int, pick };
}

const SYLLABLES: [string, string][] = [
  ['张', 'zhang'],
  ['王', 'wang'],
  ['李', 'li'],
  ['晨', 'chen'],
  ['欣', 'xin'],
  ['怡', 'yi'],
  ['浩', 'hao'],
  ['子', 'zi'],
  ['宇', 'yu'],
  ['阿', 'a'],
];

function student(rng: ReturnType<typeof random>, id: string, studentNo: string): Entry {
  const parts = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(SYLLABLES));
  // Now and then a name with a character that is none of the above (a middle dot, the separator itself).
  const odd = rng.int(40) === 0 ? rng.pick(['·', SEPARATOR, ' ']) : '';
  return {
    id,
    studentNo,
    name: parts.map((p) => p[0]).join('') + odd,
    namePinyin: parts.map((p) => p[1]).join(''),
    nameInitials: parts.map((p) => p[1][0]).join(''),
    gender: null,
    department: rng.pick(['文学院', '理学院', null]),
    grade: rng.pick(['2024', '2025']),
    className: null,
    status: rng.pick(['enrolled', 'graduated'] as const),
  };
}

function queries(rng: ReturnType<typeof random>, entries: Entry[]): string[] {
  const some = () => rng.pick(entries);
  const slice = (s: string) => {
    const from = rng.int(s.length);
    return s.slice(from, from + 1 + rng.int(s.length - from));
  };
  return [
    '',
    ' ',
    "'",
    slice(some().name),
    some().name,
    some().namePinyin.slice(0, 1 + rng.int(4)),
    some().nameInitials,
    some().nameInitials.toUpperCase(),
    `${some().namePinyin.slice(0, 2)} ${some().namePinyin.slice(2, 4)}`,
    some().studentNo.slice(0, 2 + rng.int(8)),
    some().studentNo.toLowerCase(),
    slice(some().studentNo),
    '张' + SEPARATOR,
    SEPARATOR,
    '不在',
    'qq',
    '9',
  ];
}

function inputsFor(rng: ReturnType<typeof random>, query: string): [Input, Scope][] {
  return [
    [{ query, offset: 0, limit: 50 }, { kind: 'all' }],
    [{ query, offset: rng.int(30), limit: 1 + rng.int(20) }, { kind: 'all' }],
    [{ query, offset: 0, limit: 500, department: '理学院', status: 'enrolled' }, { kind: 'all' }],
    [
      { query, offset: 0, limit: 500, grade: '2024' },
      { kind: 'department', department: '文学院' },
    ],
    [
      { query, offset: 0, limit: 500 },
      { kind: 'department', department: null },
    ],
  ] as [Input, Scope][];
}

const change = (row: Entry) => ({ entity: 'students', row: { ...row } as Record<string, unknown> });

describe('student search over joined text (issue 19 goal 2)', () => {
  it('finds exactly the students a test per student finds, across chunks, edits, new students and bulk imports', () => {
    for (const seed of [1, 2, 3]) {
      const rng = random(seed);
      // More than two chunks of 1,024 students, so matches at chunk edges and in later chunks count.
      const byId = new Map<string, Entry>();
      for (let i = 0; i < 2500; i++) {
        const row = student(rng, `s${i}`, `20${String(rng.int(10_000_000)).padStart(8, '0')}`);
        byId.set(row.id, row);
      }
      const index = new StudentSearchIndex([...byId.values()].map((row) => ({ ...row })));
      const check = (when: string) => {
        const entries = [...byId.values()];
        for (const query of queries(rng, entries)) {
          for (const [input, scope] of inputsFor(rng, query)) {
            expect(index.search(input, scope), `${when} seed ${seed} ${JSON.stringify({ input, scope })}`).toEqual(reference(entries, input, scope));
          }
        }
      };
      check('built');

      // Edits one at a time: renamed students, a changed 学号, new students at the end.
      for (let round = 0; round < 5; round++) {
        const changes = Array.from({ length: 1 + rng.int(5) }, () => {
          const isNew = rng.int(3) === 0;
          const id = isNew ? `n${seed}-${round}-${rng.int(1e9)}` : rng.pick([...byId.keys()]);
          const old = byId.get(id);
          const row = student(rng, id, old && rng.int(2) ? old.studentNo : `21${String(rng.int(10_000_000)).padStart(8, '0')}`);
          byId.set(id, row);
          return change(row);
        });
        index.apply(changes);
        check(`edit round ${round}`);
      }

      // A bulk import (over 200 rows) of new and changed students at once.
      const bulk = Array.from({ length: 600 }, (_, i) => {
        const id = i % 2 ? `b${seed}-${i}` : rng.pick([...byId.keys()]);
        const row = student(rng, id, `22${String(rng.int(10_000_000)).padStart(8, '0')}`);
        byId.set(id, row);
        return change(row);
      });
      index.apply(bulk);
      check('bulk');
    }
  });

  it('built text in slices answers as text built at a search', () => {
    const rng = random(7);
    const rows = Array.from({ length: 3000 }, (_, i) => student(rng, `s${i}`, `20${String(i).padStart(8, '0')}`));
    const sliced = new StudentSearchIndex(rows.map((row) => ({ ...row })));
    let slices = 0;
    while (sliced.prepareText(1)) slices++;
    // 3,000 students are three chunks: two more slices after the first, then nothing to build.
    expect(slices).toBe(2);
    expect(sliced.prepareText(1)).toBe(false);
    const lazy = new StudentSearchIndex(rows.map((row) => ({ ...row })));
    for (const query of ['张', 'zh', 'zx', '晨欣', 'a']) {
      const input = { query, offset: 0, limit: 500 } as Input;
      expect(sliced.search(input, { kind: 'all' })).toEqual(lazy.search(input, { kind: 'all' }));
      expect(sliced.search(input, { kind: 'all' }).total).toBeGreaterThan(0);
    }
  });
});
