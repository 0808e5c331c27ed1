import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../../src-main/core/sync/bundle/codec';
import { SqliteReceiverStore } from '../../../src-main/school-server/sqlite-store';
import { RevisionCache } from '../../../src-main/school-server/views/revision-cache';
import { schoolStatistics } from '../../../src-main/school-server/views/view-queries';
import { TEST_STORE_KEY } from './receiver-fixtures';

const AT = '2026-11-29T09:00:00.000Z';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function caseEvents(fromSeq: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    seq: fromSeq + i,
    hlc: `${AT}-${fromSeq + i}`,
    entity: 'cases',
    entityId: `c-${fromSeq + i}`,
    op: 'insert' as const,
    payload: { id: `c-${fromSeq + i}`, studentId: `s-${i}`, status: 'active', openedAt: AT },
    createdAt: AT,
  }));
}

const manifest = (ws: string, fromSeq: number, count: number) =>
  ({
    workstationId: ws,
    profile: 'full',
    fromSeq,
    toSeq: fromSeq + count - 1,
    bundleId: `${ws}-${fromSeq}`,
    eventCount: count,
    payloadSha256: 'x',
  }) as BundleManifest;

describe('the statistics kept between bundles', () => {
  it('are computed once, and again as soon as any bundle is applied (by this process or another on the same store)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'revision-cache-'));
    dirs.push(dir);
    const store = new SqliteReceiverStore(join(dir, 'receiver.db'), TEST_STORE_KEY);
    const other = new SqliteReceiverStore(join(dir, 'receiver.db'), TEST_STORE_KEY);
    const cache = new RevisionCache<Awaited<ReturnType<typeof schoolStatistics>>>();
    let computed = 0;
    const read = () =>
      cache.get(store, '2026', () => {
        computed += 1;
        return schoolStatistics(store, 2026, '2026-11-29');
      });
    await store.applyBundle(manifest('ws-a', 1, 6), caseEvents(1, 6), AT);
    expect((await read()).casesOpened).toBe(6);
    expect((await read()).casesOpened).toBe(6);
    expect(computed).toBe(1);
    // Another process (here: another connection) applies a bundle: the next read sees it.
    await other.applyBundle(manifest('ws-b', 1, 3), caseEvents(1, 3), AT);
    expect((await read()).casesOpened).toBe(9);
    expect(computed).toBe(2);
    await store.close();
    await other.close();
  });
});
