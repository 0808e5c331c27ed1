import { describe, expect, it } from 'vitest';
import { settings } from '../../../src-main/core/store/schema/kernel';
import { connectionHatch } from '../../../src-main/core/store/open-store';
import { expectOk, setUpCore } from './helpers';

const counts = (sqlite: any) => ({
  settings: sqlite.prepare('SELECT count(*) FROM settings').pluck().get(),
  audit: sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get(),
  outbox: sqlite.prepare('SELECT count(*) FROM outbox').pluck().get(),
});

describe('unit of work', () => {
  it('writes the row, an audit event and an outbox event together', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const before = counts(store.sqlite);
    store.uow.run({ accountId: 'tester' }, (tx) => tx.insert(settings, { id: 'probe', value: { a: 1 }, updatedAt: 'now' }));
    expect(counts(store.sqlite)).toEqual({ settings: before.settings + 1, audit: before.audit + 1, outbox: before.outbox + 1 });
    const audit = store.sqlite.prepare('SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1').get() as any;
    expect(audit).toMatchObject({ actor_id: 'tester', action: 'create', entity: 'settings', entity_id: 'probe' });
    const outbox = store.sqlite.prepare('SELECT * FROM outbox ORDER BY seq DESC LIMIT 1').get() as any;
    expect(outbox).toMatchObject({ entity: 'settings', entity_id: 'probe', op: 'insert' });
    expect(JSON.parse(outbox.payload)).toMatchObject({ id: 'probe', value: { a: 1 } });
  });

  it('an exception inside leaves no row, no audit event and no outbox event', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const before = counts(store.sqlite);
    expect(() =>
      store.uow.run({ accountId: 'tester' }, (tx) => {
        tx.insert(settings, { id: 'doomed', value: 1, updatedAt: 'now' });
        tx.update(settings, 'doomed', { value: 2 });
        throw new Error('domain rule failed');
      }),
    ).toThrow('domain rule failed');
    expect(counts(store.sqlite)).toEqual(before);
  });

  it('an update records which fields changed and digests of before and after', async () => {
    const { core, clock } = await setUpCore();
    expectOk(await core.call('settings.update', { idleLockMinutes: 5 }));
    clock.advance(1000);
    const audit = core.vault.requireStore().sqlite.prepare("SELECT * FROM audit_events WHERE entity = 'settings' ORDER BY seq DESC LIMIT 1").get() as any;
    expect(audit.action).toBe('create');
    expectOk(await core.call('settings.update', { idleLockMinutes: 6 }));
    const change = core.vault.requireStore().sqlite.prepare("SELECT * FROM audit_events WHERE entity = 'settings' ORDER BY seq DESC LIMIT 1").get() as any;
    expect(change.action).toBe('change');
    expect(JSON.parse(change.details).changed).toEqual(['value', 'updatedAt']);
    expect(change.before_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(change.after_digest).not.toBe(change.before_digest);
  });

  it('outbox sequence and hybrid clock stay monotonic even when the wall clock steps back', async () => {
    const { core, clock } = await setUpCore();
    expectOk(await core.call('settings.update', { idleLockMinutes: 5 }));
    clock.advance(-3_600_000);
    expectOk(await core.call('settings.update', { idleLockMinutes: 6 }));
    const rows = core.vault.requireStore().sqlite.prepare('SELECT seq, hlc FROM outbox ORDER BY seq').all() as { seq: number; hlc: string }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i].hlc > rows[i - 1].hlc).toBe(true);
  });
});

describe('row writer', () => {
  it('returns what drizzle reads back, through the json and boolean column codecs', async () => {
    const { accounts } = await import('../../../src-main/core/store/schema/kernel');
    const { eq } = await import('drizzle-orm');
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const written = store.uow.run({ accountId: null }, (tx) =>
      tx.insert(accounts, { id: 'rw1', username: 'rw1', displayName: '写入', roles: ['counselor', 'trainee'], disabled: true, createdAt: 'a', updatedAt: 'b' }),
    );
    const read = store.db.select().from(accounts).where(eq(accounts.id, 'rw1')).get();
    expect(written).toEqual(read);
    expect(written).toMatchObject({ roles: ['counselor', 'trainee'], disabled: true, mustChangePassword: false });
  });

  it("gives the row's JSON with the json columns' own text, the same as JSON.stringify of the row; the audit digests it", async () => {
    const { accounts } = await import('../../../src-main/core/store/schema/kernel');
    const { RowWriter } = await import('../../../src-main/core/store/row-writer');
    const { sha256Hex } = await import('../../../src-main/core/util/canonical-json');
    const { eq } = await import('drizzle-orm');
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const writer = new RowWriter(connectionHatch(store));
    const rows = [
      { id: 'rw2', username: 'rw2', displayName: '引号"\\\u2028', roles: ['counselor'], disabled: false, createdAt: 'a', updatedAt: 'b' },
      { id: 'rw3', username: 'rw3', displayName: 'x', roles: [], createdAt: 'a', updatedAt: 'b' },
    ];
    for (const row of rows) {
      const { row: written, json } = writer.insertWithJson(accounts, row);
      expect(json).toBe(JSON.stringify(written));
      expect(JSON.parse(json)).toEqual(store.db.select().from(accounts).where(eq(accounts.id, row.id)).get());
    }
    store.uow.run({ accountId: null }, (tx) =>
      tx.insert(accounts, { id: 'rw4', username: 'rw4', displayName: 'y', roles: ['trainee'], createdAt: 'a', updatedAt: 'b' }),
    );
    const read = store.db.select().from(accounts).where(eq(accounts.id, 'rw4')).get();
    const digest = store.sqlite.prepare("SELECT after_digest FROM audit_events WHERE entity_id = 'rw4'").pluck().get();
    expect(digest).toBe(sha256Hex(JSON.stringify(read)));
  });
});
