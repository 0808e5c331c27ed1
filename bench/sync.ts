import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { generateSigningKeyPair, sealBundle, type BundleEvent } from '../src-main/core/sync/bundle/codec';
import { serverSigningKey, trustWorkstation } from '../src-main/school-server/keys';
import { Receiver } from '../src-main/school-server/receiver';
import { SqliteReceiverStore } from '../src-main/school-server/sqlite-store';
import type { Figure } from './pairs';

const EVENTS = Number(process.env.BENCH_SYNC_EVENTS ?? 100_000);
const WORKSTATION = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';

/**
 * Outbox events as the unit of work writes them: whole rows after the change (students,
 * appointments, follow-ups; about 300 bytes each), inserts first then updates of the same rows.
 */
function outboxEvents(count: number): BundleEvent[] {
  const events: BundleEvent[] = [];
  const rows = Math.max(1, Math.floor(count * 0.6));
  const start = Date.parse('2026-09-01T08:00:00.000Z');
  for (let i = 0; i < count; i += 1) {
    const n = i < rows ? i : (i * 7919) % rows;
    const at = new Date(start + i * 1000).toISOString();
    const kind = n % 3;
    const id = `${kind}${String(n).padStart(7, '0')}-5a1e-4c2b-9d3f-6e7a8b9c0d1e`;
    const entity = kind === 0 ? 'students' : kind === 1 ? 'appointments' : 'followups';
    const payload =
      kind === 0
        ? {
            id,
            studentNo: `2026${String(n).padStart(6, '0')}`,
            name: `测试学生${n}`,
            gender: n % 2 ? 'male' : 'female',
            departmentId: `dept-${n % 40}`,
            className: `测试${n % 12}班`,
            enrollmentYear: 2026,
            phone: null,
            status: 'active',
            leftAt: null,
            createdAt: at,
            updatedAt: at,
          }
        : kind === 1
          ? {
              id,
              studentId: `0${String(n).padStart(7, '0')}`,
              counselorId: `acc-${n % 20}`,
              roomId: `room-${n % 6}`,
              startsAt: at,
              endsAt: at,
              kind: 'followUp',
              status: i < rows ? 'booked' : 'done',
              createdAt: at,
              updatedAt: at,
            }
          : {
              id,
              caseId: `case-${n % 5000}`,
              dueOn: at.slice(0, 10),
              status: i < rows ? 'open' : 'done',
              channel: 'phone',
              assignedTo: `acc-${n % 20}`,
              createdAt: at,
              updatedAt: at,
            };
    events.push({
      seq: i + 1,
      hlc: `${at}-${String(i).padStart(4, '0')}-6f1c2d3e`,
      entity,
      entityId: id,
      op: i < rows ? 'insert' : 'update',
      payload,
      createdAt: at,
    });
  }
  return events;
}

function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function benchSync(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'counsel-bench-sync-'));
  try {
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const workstation = generateSigningKeyPair();
    const events = outboxEvents(EVENTS);

    // Baseline: the JSON Lines text of the same events, nothing else.
    let t = process.hrtime.bigint();
    let jsonBytes = 0;
    for (const e of events) jsonBytes += JSON.stringify(e).length + 1;
    const jsonMs = msSince(t);

    t = process.hrtime.bigint();
    const sealed = await sealBundle({
      workstationId: WORKSTATION,
      profile: 'full',
      events,
      recipient,
      privateKeyPem: workstation.privateKeyPem,
      createdAt: new Date().toISOString(),
    });
    const sealMs = msSince(t);
    const mb = sealed.payload.byteLength / (1024 * 1024);

    // Baseline: a plain insert of the same rows into one SQLite table, one transaction.
    const plain = new Database(join(root, 'plain.db'));
    plain.pragma('journal_mode = WAL');
    plain.exec('CREATE TABLE rows (entity TEXT, entity_id TEXT, row TEXT, PRIMARY KEY (entity, entity_id))');
    t = process.hrtime.bigint();
    const insert = plain.prepare('INSERT OR REPLACE INTO rows VALUES (?, ?, ?)');
    plain.transaction(() => {
      for (const e of events) insert.run(e.entity, e.entityId, JSON.stringify(e.payload));
    })();
    const plainMs = msSince(t);
    plain.close();

    const dir = join(root, 'receiver');
    trustWorkstation(dir, WORKSTATION, workstation.publicKeyPem);
    const store = new SqliteReceiverStore(join(dir, 'receiver.db'), randomBytes(32));
    const receiver = new Receiver({ dir, identity, store, signingKeyPem: serverSigningKey(dir).privateKeyPem });
    t = process.hrtime.bigint();
    const result = await receiver.receive(sealed.manifestFile, sealed.payload);
    const applyMs = msSince(t);
    await store.close();
    if (result.outcome !== 'applied') throw new Error(`bench: the receiver did not apply the bundle (${result.outcome})`);

    return [
      {
        figure: `export of ${EVENTS} outbox events into one bundle (seal: JSON Lines, age, sign), seconds`,
        value: sealMs / 1000,
        unit: 's',
        baseline: jsonMs / 1000,
        ratio: sealMs / jsonMs,
        target: '<= 5 s',
        pass: sealMs <= 5000,
      },
      { figure: `bundle size of ${EVENTS} events (.age payload; JSON Lines ${(jsonBytes / 1048576).toFixed(1)} MB)`, value: Number(mb.toFixed(2)), unit: 'MB' },
      {
        figure: `receiver apply of the ${EVENTS}-event bundle on SQLite (verify, decrypt, apply) vs plain insert of the rows, seconds`,
        value: applyMs / 1000,
        unit: 's',
        baseline: plainMs / 1000,
        ratio: applyMs / plainMs,
        target: '<= 10 s',
        pass: applyMs <= 10_000,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchSync().then((rows) => console.table(rows));
}
