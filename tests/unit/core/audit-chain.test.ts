import { describe, expect, it } from 'vitest';
import { expectOk, setUpCore } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';
import { auditEventHash, eventJson, type AuditEventInput } from '../../../src-main/core/audit/audit-chain';
import { canonicalJson, sha256Hex } from '../../../src-main/core/util/canonical-json';
import { createHash } from 'node:crypto';

async function withEvents() {
  const made = await setUpCore();
  for (let i = 1; i <= 5; i++) expectOk(await made.core.call('settings.update', { idleLockMinutes: 10 + i }));
  return made;
}

describe('audit chain', () => {
  it('verifies intact and counts every event', async () => {
    const { core } = await withEvents();
    const result = expectOk(await core.call('audit.verify', {}));
    expect(result.intact).toBe(true);
    expect(result.checked).toBeGreaterThan(5);
    expect(result.firstBroken).toBeNull();
  });

  it('names the first broken event after one is edited inside the database', async () => {
    const { core } = await withEvents();
    const sqlite = connectionHatch(core.vault.requireStore());
    const target = sqlite.prepare("SELECT seq FROM audit_events WHERE action = 'change' ORDER BY seq LIMIT 1 OFFSET 1").pluck().get() as number;
    sqlite.prepare("UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = ?").run(target);
    expect(expectOk(await core.call('audit.verify', {}))).toMatchObject({ intact: false, firstBroken: { seq: target, reason: 'hashMismatch' } });
  });

  it('detects a deleted event in the middle', async () => {
    const { core } = await withEvents();
    const sqlite = connectionHatch(core.vault.requireStore());
    sqlite.prepare('DELETE FROM audit_events WHERE seq = 4').run();
    expect(expectOk(await core.call('audit.verify', {}))).toMatchObject({ intact: false, firstBroken: { seq: 5, reason: 'sequenceGap' } });
  });

  it('detects an event rewritten with a recomputed hash, at the next link', async () => {
    const { core } = await withEvents();
    const sqlite = connectionHatch(core.vault.requireStore());
    sqlite.prepare('UPDATE audit_events SET hash = ? WHERE seq = 3').run('f'.repeat(64));
    expect(expectOk(await core.call('audit.verify', {})).firstBroken.seq).toBe(3);
  });

  it('hashes the canonical JSON of the event, written out field by field the same as canonicalJson', () => {
    const base: AuditEventInput = {
      at: '2026-12-06T09:00:00.000Z',
      actorId: null,
      action: 'census-import',
      entity: 'assessments',
      entityId: 'a-1',
      details: { zeta: [3, { b: 2, a: 1 }], batchId: 'b"1\\', bulk: 'x', note: '中文\u2028', skipped: undefined, when: new Date(0) },
      beforeDigest: null,
      afterDigest: 'f'.repeat(64),
      workstationId: 'ws-1',
    };
    const events: AuditEventInput[] = [base, { ...base, actorId: 'acc', details: {}, entityId: null, beforeDigest: 'e'.repeat(64), afterDigest: null }];
    for (const event of events) {
      for (const seq of [1, 12345678901]) {
        expect(eventJson(seq, event)).toBe(canonicalJson({ seq, ...event }));
        expect(auditEventHash(seq, event, 'a'.repeat(64))).toBe(
          createHash('sha256')
            .update(`${'a'.repeat(64)}\n${canonicalJson({ seq, ...event })}`)
            .digest('hex'),
        );
      }
    }
    // A field left undefined is dropped, as canonicalJson drops it.
    const partial = { ...base, actorId: undefined } as unknown as AuditEventInput;
    expect(eventJson(7, partial)).toBe(canonicalJson({ seq: 7, ...partial }));
    expect(eventJson(7, partial)).not.toContain('actorId');
    expect(sha256Hex('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
  });
});
