import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AuditAppender, verifyAuditChain, type AuditEventInput } from '../../../src-main/core/audit/audit-chain';
import { walkAuditChain } from '../../../src-main/core/audit/audit-verify';

/** Details of every shape the append path hashes: nested, arrays, unicode, escapes, integer-like keys. */
const DETAILS: Record<string, unknown>[] = [
  {},
  { source: 'bench' },
  { z: 1, a: 2, m: { y: [3, { b: null, a: true }], x: 'é' } },
  { name: '张三 "引号" \\ 反斜杠\n换行\u2028', emoji: '🙂', control: '\u0001' },
  { '10': 'ten', '9': 'nine', b: 'x', a: 'y' },
  { nested: { '2': 'two', '1': 'one', k: [] } },
  { list: [1.5, -0, 1e21, 0.1, false, null, 'text', [[]], {}], bulk: 'bulk-1' },
  { bulk: 'bulk-1', rows: 3 },
  JSON.parse('{"__proto__":{"polluted":true},"ok":"yes"}'),
  { 'key with space': 1, Key: 2, key: 3, _key: 4, ключ: 5 },
  { skipped: undefined, kept: 'x', when: new Date('2026-01-02T03:04:05.000Z') },
];

function chain() {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, action TEXT NOT NULL, entity TEXT NOT NULL,
    entity_id TEXT, details TEXT NOT NULL, before_digest TEXT, after_digest TEXT, workstation_id TEXT NOT NULL, prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL, bulk TEXT)`);
  const appender = new AuditAppender(db);
  db.transaction(() => {
    appender.loadHead();
    for (const [i, details] of DETAILS.entries()) {
      const event: AuditEventInput = {
        at: `2026-01-01T00:00:0${i % 10}.000Z`,
        actorId: i % 3 === 0 ? null : `actor-${i}`,
        action: i % 2 ? 'update' : 'create',
        entity: 'students',
        entityId: i % 4 === 0 ? null : `s-${i}`,
        details,
        beforeDigest: i % 2 ? 'a'.repeat(64) : null,
        afterDigest: i % 5 ? null : 'b'.repeat(64),
        workstationId: 'ws-1',
      };
      appender.append(event);
    }
  })();
  return db;
}

/** Both walks give the same answer on the same rows. */
function bothAgree(db: Database.Database) {
  const slow = verifyAuditChain(db);
  expect(walkAuditChain(db)).toEqual(slow);
  return slow;
}

describe('the fast audit chain walk (backup verification and restore)', () => {
  it('accepts every event the append path writes, whatever its details hold, and counts them', () => {
    const db = chain();
    expect(bothAgree(db)).toEqual({ intact: true, checked: DETAILS.length, firstBroken: null });
  });

  it('names details that are not an object unreadable (the slow walk stops with a TypeError there)', () => {
    for (const text of ['null', '5', '"text"']) {
      const db = chain();
      db.prepare('UPDATE audit_events SET details = ? WHERE seq = 2').run(text);
      expect(walkAuditChain(db)).toEqual({ intact: false, checked: 1, firstBroken: { seq: 2, reason: 'unreadable' } });
    }
  });

  it.each([
    ['a changed column', "UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 3", { seq: 3, reason: 'hashMismatch' }],
    ['a null column made empty', "UPDATE audit_events SET entity_id = '' WHERE seq = 5", { seq: 5, reason: 'hashMismatch' }],
    ['details reordered but equal', `UPDATE audit_events SET details = '{"m":{"x":"é","y":[3,{"a":true,"b":null}]},"a":2,"z":1}' WHERE seq = 3`, null],
    [
      'details with a changed value',
      `UPDATE audit_events SET details = '{"9":"nine","10":"TEN","a":"y","b":"x"}' WHERE seq = 5`,
      { seq: 5, reason: 'hashMismatch' },
    ],
    ['unreadable details', "UPDATE audit_events SET details = '{not json' WHERE seq = 2", { seq: 2, reason: 'unreadable' }],
    ['a bulk column that differs from details', "UPDATE audit_events SET bulk = 'other' WHERE seq = 8", { seq: 8, reason: 'hashMismatch' }],
    ['a bulk column added', "UPDATE audit_events SET bulk = 'bulk-1' WHERE seq = 2", { seq: 2, reason: 'hashMismatch' }],
    ['a deleted event', 'DELETE FROM audit_events WHERE seq = 4', { seq: 5, reason: 'sequenceGap' }],
    ['a rewritten hash', "UPDATE audit_events SET hash = 'f' || substr(hash, 2) WHERE seq = 6", { seq: 6, reason: 'hashMismatch' }],
    ['a column of another type', "UPDATE audit_events SET action = x'637265617465' WHERE seq = 1", { seq: 1, reason: 'hashMismatch' }],
    ['a number where text was', 'UPDATE audit_events SET at = 12 WHERE seq = 1', { seq: 1, reason: 'hashMismatch' }],
  ])('names the same first broken event as verifyAuditChain: %s', (_name, change, firstBroken) => {
    const db = chain();
    db.exec(change);
    const result = bothAgree(db);
    if (firstBroken === null) expect(result).toMatchObject({ intact: true });
    else expect(result).toMatchObject({ intact: false, firstBroken });
  });
});
