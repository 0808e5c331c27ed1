import { afterEach, describe, expect, it } from 'vitest';
import { StudentSearchIndex, studentIndexState, warmSettings } from '../../../src-main/core/students/search-index';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { ADMIN_PASSWORD, expectOk, setUpCore } from './helpers';

/**
 * Issue 19 goal 2: the student search index is built in the background right after sign-in, in
 * slices between other calls, so the first search does not wait for it; writes committed while it
 * is being built reach it, and its answers are those of an index built in one go.
 */
const COUNT = 30;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function world() {
  const made = await setUpCore();
  const roster = csvUtf8Bom(ROSTER_HEADERS, rosterRows(COUNT)).toString('base64');
  const preview = expectOk(await made.core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster }));
  expectOk(await made.core.call('roster.import', { fileName: 'r.csv', contentBase64: roster, mapping: preview.mapping }));
  expectOk(await made.core.call('auth.lock', {}));
  return made;
}

/** An index built in one go from the store's rows, as before: what the warmed one must answer. */
function builtAtOnce(core: Awaited<ReturnType<typeof world>>['core']) {
  const rows = core.vault
    .requireStore()
    .sqlite.prepare(
      'SELECT id, student_no AS studentNo, name, gender, department, grade, class_name AS className, status, name_pinyin AS namePinyin, name_initials AS nameInitials FROM students',
    )
    .all() as ConstructorParameters<typeof StudentSearchIndex>[0];
  return new StudentSearchIndex(rows);
}

const QUERIES = ['', '2026', '学', 'x', 'zhang', '测试'];

afterEach(() => {
  warmSettings.sliceRows = 4000;
});

describe('student search index warmed after sign-in (issue 19 goal 2)', () => {
  it('is being built right after sign-in, ready a few turns later, and answers as an index built at once', async () => {
    const { core } = await world();
    warmSettings.sliceRows = 7;
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    const store = core.vault.requireStore();
    // Sign-in returned without building it: it is on its way, not done.
    expect(studentIndexState(store)).toBe('warming');
    for (let i = 0; i < 10 && studentIndexState(store) !== 'ready'; i++) await nextTurn();
    expect(studentIndexState(store)).toBe('ready');

    const reference = builtAtOnce(core);
    for (const query of QUERIES) {
      const found = expectOk(await core.call('students.search', { query, limit: 100 }));
      const expected = reference.search({ query, offset: 0, limit: 100 }, { kind: 'all' });
      expect(found.total).toBe(expected.total);
      expect(found.rows.map((s: { id: string }) => s.id)).toEqual(expected.ids);
    }
  });

  it('writes committed between two slices reach the index; a search before it is done finishes it at once', async () => {
    const { core } = await world();
    warmSettings.sliceRows = 4;
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    const store = core.vault.requireStore();
    const [first, last] = [0, COUNT - 1].map(
      (i) => (store.sqlite.prepare('SELECT id, name FROM students ORDER BY id LIMIT 1 OFFSET ?').get(i) as { id: string; name: string }).id,
    );
    // One rename before the first slice, one after two slices (the row was already read by then).
    expectOk(await core.call('students.update', { id: last, patch: { name: '暖启动乙' } }));
    await nextTurn();
    await nextTurn();
    expect(studentIndexState(store)).toBe('warming');
    expectOk(await core.call('students.update', { id: first, patch: { name: '暖启动甲' } }));
    // A search now: the index is finished on the spot, with both renames.
    const found = expectOk(await core.call('students.search', { query: '暖启动', limit: 10 }));
    expect(studentIndexState(store)).toBe('ready');
    expect(found.rows.map((s: { id: string }) => s.id).sort()).toEqual([first, last].sort());
    expect(found.total).toBe(2);
    const all = expectOk(await core.call('students.search', { query: '', limit: 100 }));
    expect(all.total).toBe(COUNT);
    expect(new Set(all.rows.map((s: { id: string }) => s.id)).size).toBe(COUNT);
  });

  it('a lock stops the build and drops it with the store; the next sign-in starts again on its own store', async () => {
    const { core } = await world();
    warmSettings.sliceRows = 3;
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    const before = core.vault.requireStore();
    expectOk(await core.call('auth.lock', {}));
    for (let i = 0; i < 15; i++) await nextTurn();
    expect(studentIndexState(before)).toBe('warming');
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    const after = core.vault.requireStore();
    expect(after).not.toBe(before);
    expect(studentIndexState(after)).toBe('warming');
    for (let i = 0; i < 20 && studentIndexState(after) !== 'ready'; i++) await nextTurn();
    expect(studentIndexState(after)).toBe('ready');
  });
});
