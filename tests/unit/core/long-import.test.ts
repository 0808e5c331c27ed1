import { describe, expect, it } from 'vitest';
import { ROWS_READ_BY_VIEWS, type CommittedChange } from '../../../src-main/core/store/unit-of-work';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectError, expectOk, setUpCore } from './helpers';

const b64 = (b: Buffer) => b.toString('base64');

async function startImport(count: number, jobId: string) {
  const made = await setUpCore();
  const content = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(count)));
  const preview = expectOk(await made.core.call('roster.preview', { fileName: 'r.csv', contentBase64: content }));
  let writing!: () => void;
  const writePhase = new Promise<void>((resolve) => (writing = resolve));
  const seen = made.events.length;
  const poll = setInterval(() => {
    if (made.events.slice(seen).some((e) => e.name === 'job.progress' && (e.payload as any).jobId === jobId && (e.payload as any).phase === 'write')) writing();
  }, 1);
  const pending = made.core.call('roster.import', { fileName: 'r.csv', contentBase64: content, mapping: preview.mapping, jobId });
  await writePhase;
  clearInterval(poll);
  return { ...made, pending };
}

describe('imports in one long transaction', () => {
  it('answer other calls while writing; writes by others are refused, not mixed in', async () => {
    const { core, pending } = await startImport(20_000, 'long-1');
    let importDone = false;
    void pending.then(() => (importDone = true));
    expectOk(await core.call('app.status', {}));
    // Answered while the import was still writing, not after it.
    expect(importDone).toBe(false);
    // Readers see the store as it was before the import.
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(0);
    expectError(await core.call('settings.update', { idleLockMinutes: 7 }), 'CONFLICT', 'storeBusy');
    expect(expectOk(await pending)).toMatchObject({ created: 20_000 });
    // After the commit the in-memory search sees every row, and writes work again.
    expect(expectOk(await core.call('students.search', { query: 'zs' })).total).toBeGreaterThan(0);
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(20_000);
    expectOk(await core.call('settings.update', { idleLockMinutes: 7 }));
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
  });

  it('a cancel during the write phase rolls every row back', async () => {
    const { core, pending } = await startImport(20_000, 'long-2');
    expectOk(await core.call('jobs.cancel', { jobId: 'long-2' }));
    expectError(await pending, 'CANCELLED');
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(0);
    expect(core.vault.requireStore().sqlite.prepare("SELECT count(*) FROM outbox WHERE entity = 'students'").pluck().get()).toBe(0);
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
  });

  it('keep until COMMIT only the rows an in-memory view reads, and hand them over after it', async () => {
    const made = await setUpCore();
    const told: CommittedChange[][] = [];
    made.core.vault.requireStore().uow.onCommit((changes) => told.push([...changes]));
    const content = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(300)));
    const preview = expectOk(await made.core.call('roster.preview', { fileName: 'r.csv', contentBase64: content }));
    expectOk(await made.core.call('roster.import', { fileName: 'r.csv', contentBase64: content, mapping: preview.mapping }));
    // The import also wrote its remembered mapping (a settings row): not held for any view.
    const entities = new Set(told.flat().map((c) => c.entity));
    expect([...entities].every((entity) => ROWS_READ_BY_VIEWS.has(entity))).toBe(true);
    expect(told.flat().filter((c) => c.entity === 'students')).toHaveLength(300);
    expect(made.core.vault.requireStore().sqlite.prepare("SELECT count(*) FROM settings WHERE id = 'roster.mapping'").pluck().get()).toBe(1);
  });
});
