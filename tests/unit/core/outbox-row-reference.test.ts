import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { isRowReference, outboxPayloads, rowReference } from '../../../src-main/core/store/outbox-payload';
import { assessments } from '../../../src-main/core/store/schema/assessments';
import { students } from '../../../src-main/core/store/schema/students';
import { generateSigningKeyPair, openBundle } from '../../../src-main/core/sync/bundle/codec';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows, xlsx } from '../../support/synthetic';
import { addStudent } from './followups-fixtures';
import { expectOk, setUpCore, tempDir } from './helpers';

/**
 * An import's inserts keep a reference to their row in the outbox instead of a copy (issue 19
 * goal 1); what the school server receives must stay the row as the insert wrote it.
 */
const b64 = (b: Buffer) => b.toString('base64');
const COUNT = 12;

async function importedStore() {
  const made = await setUpCore();
  const { core } = made;
  const identity = await generateX25519Identity();
  const folder = tempDir('sync-out-');
  expectOk(
    await core.call('sync.configure', {
      serverRecipient: await identityToRecipient(identity),
      serverSigningKeyPem: generateSigningKeyPair().publicKeyPem,
      folder,
      url: null,
      profiles: ['full'],
      schedule: { kind: 'manual', at: null },
    }),
  );
  const roster = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(COUNT)));
  const preview = expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster }));
  expectOk(await core.call('roster.import', { fileName: 'r.csv', contentBase64: roster, mapping: preview.mapping }));
  const batch = expectOk(await core.call('census.createBatch', { name: '普查', cohort: '2026级' }));
  const file = await xlsx(
    CENSUS_HEADERS,
    censusStudents(COUNT).map((s) => censusRow(s, 'numbers')),
  );
  expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'census.xlsx', contentBase64: b64(file) }));
  return { ...made, identity, folder };
}

function outboxOf(core: Core, entity: string) {
  return core.vault.requireStore().sqlite.prepare('SELECT entity_id AS id, op, payload FROM outbox WHERE entity = ? ORDER BY seq').all(entity) as {
    id: string;
    op: string;
    payload: string;
  }[];
}

describe('outbox events of an import', () => {
  it('hold a reference to the inserted row, and the export sends the row as it was written', async () => {
    const { core, identity, folder } = await importedStore();
    const store = core.vault.requireStore();
    const forms = outboxOf(core, 'assessments');
    expect(forms).toHaveLength(2 * COUNT);
    expect(forms.every((f) => f.op === 'insert' && f.payload === rowReference(f.id) && isRowReference(f.payload))).toBe(true);
    expect(outboxOf(core, 'students').every((s) => isRowReference(s.payload))).toBe(true);

    // A write outside a bulk operation still carries its row.
    const single = await addStudent(core, '2026900001', '单个学生');
    const singleEvent = outboxOf(core, 'students').find((s) => s.id === single.id)!;
    expect(isRowReference(singleEvent.payload)).toBe(false);
    expect(JSON.parse(singleEvent.payload)).toMatchObject({ id: single.id, name: '单个学生' });

    const run = expectOk(await core.call('sync.exportNow', {}));
    expect(run.bundles).toHaveLength(1);
    const base = readdirSync(folder)
      .find((n) => n.endsWith('.manifest.json'))!
      .replace(/\.manifest\.json$/, '');
    const ws = expectOk(await core.call('sync.workstationKey', {}));
    const bundle = await openBundle({
      manifestFile: readFileSync(join(folder, `${base}.manifest.json`), 'utf8'),
      payload: readFileSync(join(folder, `${base}.age`)),
      identity,
      trustedKeys: { [ws.workstationId]: ws.publicKeyPem },
    });
    const sent = bundle.events.filter((e) => e.entity === 'assessments');
    expect(sent).toHaveLength(2 * COUNT);
    for (const event of sent) {
      const row = store.db.select().from(assessments).where(eq(assessments.id, event.entityId)).get();
      expect(event.payload).toEqual(JSON.parse(JSON.stringify(row)));
      expect((event.payload as { responses: unknown[] }).responses.length).toBeGreaterThan(0);
    }
    const sentStudents = bundle.events.filter((e) => e.entity === 'students');
    expect(sentStudents).toHaveLength(COUNT + 1);
    for (const event of sentStudents) {
      const row = store.db.select().from(students).where(eq(students.id, event.entityId)).get();
      expect(event.payload).toEqual(JSON.parse(JSON.stringify(row)));
    }
    expect(JSON.stringify(bundle.events)).not.toContain('"inRow"');
  });

  it('a reference whose row is gone is sent without content; other payloads pass unchanged', async () => {
    const { core } = await setUpCore();
    const payloadOf = outboxPayloads(core.vault.requireStore().db);
    expect(payloadOf({ entity: 'students', entityId: 'gone', payload: rowReference('gone') })).toBe(JSON.stringify({ id: 'gone', destroyed: true }));
    expect(payloadOf({ entity: 'no_such_table', entityId: 'x', payload: rowReference('x') })).toBe(JSON.stringify({ id: 'x', destroyed: true }));
    const plain = JSON.stringify({ id: 'a', inRow: true, name: 'not a reference' });
    expect(isRowReference(plain)).toBe(false);
    expect(payloadOf({ entity: 'students', entityId: 'a', payload: plain })).toBe(plain);
  });
});
