import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleEvent } from '../../../src-main/core/sync/bundle/codec';
import { BundleOpener, openAndPrepare } from '../../../src-main/school-server/bundle-opener';
import { trustedKeys } from '../../../src-main/school-server/keys';
import { mergedRow, prepareRows, rowText } from '../../../src-main/school-server/prepared-rows';
import { SqliteReceiverStore } from '../../../src-main/school-server/sqlite-store';
import { nextRow } from '../../../src-main/school-server/store';
import { makeEvents, seal } from './fixtures';
import { harness, type Harness } from './receiver-fixtures';

/**
 * The receiver folds a bundle's events into final rows before it touches the store (on the worker
 * that opens the next bundle), laying rows the bundle only updates over the stored row afterwards.
 * These tests hold that to applying the events one by one, and check the worker's path and the
 * fallback for a bundle that repeats events already applied.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The rule as written: every event in order, each update on the row as it stands (stored or folded). */
function oneByOne(stored: Map<string, Record<string, unknown>>, events: readonly BundleEvent[]): Map<string, string | null> {
  const rows = new Map<string, Record<string, unknown> | null>();
  for (const event of events) {
    const place = `${event.entity}\u0000${event.entityId}`;
    const existing = rows.has(place) ? (rows.get(place) ?? undefined) : stored.get(place);
    rows.set(place, nextRow(existing, event));
  }
  return new Map([...rows].map(([place, row]) => [place, row === null ? null : JSON.stringify(row)]));
}

function prepared(stored: Map<string, Record<string, unknown>>, events: readonly BundleEvent[]): Map<string, string | null> {
  const { rows, merges } = prepareRows('ws-0001', 'full', events);
  const result = new Map<string, string | null>();
  rows.entity.forEach((entity, i) => result.set(`${entity}\u0000${rows.entityId[i]}`, rowText(rows, i)));
  for (const merge of merges) {
    const place = `${merge.event.entity}\u0000${merge.event.entityId}`;
    expect(result.has(place)).toBe(false);
    result.set(place, JSON.stringify(mergedRow(stored.get(place), merge)));
  }
  return result;
}

describe('prepared rows', () => {
  it('property: folding first and laying updates over the stored row gives the rows (text and key order) of applying the events one by one', () => {
    const field = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const fields = fc.dictionary(field, fc.oneof(fc.nat(9), fc.constant(null), fc.string({ maxLength: 3 })), { maxKeys: 4 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fields), { maxLength: 4 }),
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 3 }), op: fc.constantFrom('insert', 'update', 'update', 'delete'), fields }), {
          minLength: 1,
          maxLength: 20,
        }),
        (storedSpecs, specs) => {
          const stored = new Map(storedSpecs.map(([id, row]) => [`students\u0000s-${id}`, { id: `s-${id}`, ...row }]));
          const events: BundleEvent[] = specs.map((s, i) => ({
            seq: i + 1,
            hlc: `h-${i + 1}`,
            entity: 'students',
            entityId: `s-${s.id}`,
            op: s.op as BundleEvent['op'],
            payload: s.op === 'insert' ? { id: `s-${s.id}`, ...s.fields } : s.fields,
            createdAt: '2026-11-29T10:00:00.000Z',
          }));
          expect(prepared(stored, events)).toEqual(oneByOne(stored, events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the worker prepares a bundle exactly as this thread does (views included); without `prepare` it gives the events', async () => {
    const h: Harness = await harness('sqlite');
    cleanups.push(() => h.close());
    const events = makeEvents(1, 40);
    const sealed = await seal(h.keys, events);
    const input = { manifestFile: sealed.manifestFile, payload: sealed.payload, identity: h.keys.identity, trustedKeys: trustedKeys(h.dir) };
    const opener = new BundleOpener();
    cleanups.push(() => opener.close());
    expect(await opener.ready()).toBe(true);
    const onWorker = await opener.open(input, true);
    expect('prepared' in onWorker).toBe(true);
    expect(onWorker).toEqual(await openAndPrepare(input, true));
    expect(await opener.open(input, false)).toEqual({ manifest: sealed.manifest, events });
  });

  it('a folder whose bundle repeats events already applied (prepared for a store that was behind) is applied from its events: the same store as one bundle of all', async () => {
    const h = await harness('sqlite');
    const whole = await harness('sqlite', h.keys);
    cleanups.push(
      () => h.close(),
      () => whole.close(),
    );
    const events = makeEvents(1, 30);
    const first = await seal(h.keys, events.slice(0, 12));
    const overlap = await seal(h.keys, events.slice(6, 30));
    // Both bundles come prepared (for a store whose last sequence is the one before each); the second is
    // stale once the first is applied, and nothing of it may be written from its prepared rows.
    const calls: string[] = [];
    const store = h.receiver.store as SqliteReceiverStore;
    const [prepared, fromEvents] = [store.applyPrepared.bind(store), store.applyBundle.bind(store)];
    store.applyPrepared = async (...args) => {
      const result = await prepared(...args);
      calls.push(`prepared ${args[0].fromSeq}: ${result.outcome}`);
      return result;
    };
    store.applyBundle = async (...args) => {
      const result = await fromEvents(...args);
      calls.push(`events ${args[0].fromSeq}: ${result.outcome} ${'eventsApplied' in result ? result.eventsApplied : ''}`);
      return result;
    };
    const results = await h.receiver.receiveAll([() => first, () => overlap]);
    expect(results.map((r) => ('error' in r ? String(r.error) : r.outcome))).toEqual(['applied', 'applied']);
    expect(calls).toEqual(['prepared 1: applied', 'prepared 7: stale', 'events 7: applied 18']);
    const all = await seal(h.keys, events);
    await whole.receiver.receive(all.manifestFile, all.payload);
    expect(await h.receiver.store.dump()).toEqual(await whole.receiver.store.dump());
    expect((await h.receiver.status())[0]).toMatchObject({ lastSeq: 30, gaps: [], pending: [] });
  });
});
