import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { ageDecrypt } from '../../../src-main/core/sync/bundle/age-stream';
import { generateSigningKeyPair, openBundle } from '../../../src-main/core/sync/bundle/codec';
import { ROSTER_FIELDS } from '../../../src-shared/contract/roster';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectOk, setUpCore, tempDir } from '../core/helpers';
import { count, reopen, runAndKill } from './fault-harness';

/**
 * kill -9 of a core in the middle of long work, then a restart on the same folder: the store
 * opens, the audit chain verifies, and the interrupted work is all there or not there at all.
 * The kill comes at the first sign that the work is under way; should the work win the race,
 * the "all" outcome is asserted instead, so the tests hold on a slow or a fast machine.
 */
const SLOW = 240_000;
const MAPPING = Object.fromEntries(ROSTER_HEADERS.map((h, i) => [ROSTER_FIELDS[i], h]));

async function withRoster(rows: number) {
  const made = await setUpCore();
  if (rows > 0) {
    const contentBase64 = csvUtf8Bom(ROSTER_HEADERS, rosterRows(rows)).toString('base64');
    expect(expectOk(await made.core.call('roster.import', { fileName: 'roster.csv', contentBase64, mapping: MAPPING }))).toMatchObject({ created: rows });
  }
  return made;
}

function fileIn(dir: string, name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('kill -9 during long work', () => {
  it('a census import is all or nothing, and can simply be run again', { timeout: SLOW }, async () => {
    const students = 6_000;
    const made = await withRoster(students);
    const batch = expectOk(await made.core.call('census.createBatch', { name: '测试普查-故障', cohort: '2026级' }));
    made.core.dispose();
    const file = fileIn(
      tempDir(),
      'census.csv',
      csvUtf8Bom(
        CENSUS_HEADERS,
        censusStudents(students).map((s) => censusRow(s, 'numbers')),
      ),
    );

    const outcome = await runAndKill(
      { dataDir: made.dataDir, channel: 'census.import', input: { batchId: batch.id, fileName: 'census.csv' }, inputFile: file },
      { killOn: (line) => line.startsWith('PROGRESS write') },
    );

    const { core } = await reopen(made.dataDir);
    const assessments = count(core, 'SELECT count(*) FROM assessments WHERE census_batch_id = ?', batch.id);
    const full = students * 2; // SCL-90 and UPI per student
    if (outcome.killed) expect([0, full]).toContain(assessments);
    else expect(assessments).toBe(full);
    // The outbox and the audit log hold exactly what the store holds: no events of rolled-back rows.
    expect(count(core, "SELECT count(*) FROM outbox WHERE entity = 'assessments'")).toBe(assessments);
    const importAudits = count(core, "SELECT count(*) FROM audit_events WHERE action = 'census-import'");
    expect(importAudits).toBe(assessments === 0 ? 0 : 1);
    expect(count(core, "SELECT count(*) FROM audit_events WHERE entity = 'assessments'")).toBe(assessments);

    // Run again: it completes (re-importing what was already there changes nothing).
    const contentBase64 = readFileSync(file).toString('base64');
    expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'census.csv', contentBase64 }));
    expect(count(core, 'SELECT count(*) FROM assessments WHERE census_batch_id = ?', batch.id)).toBe(full);
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
  });

  it('a roster import is all or nothing', { timeout: SLOW }, async () => {
    const rows = 20_000;
    const made = await withRoster(0);
    made.core.dispose();
    const file = fileIn(tempDir(), 'roster.csv', csvUtf8Bom(ROSTER_HEADERS, rosterRows(rows)));

    const outcome = await runAndKill(
      { dataDir: made.dataDir, channel: 'roster.import', input: { fileName: 'roster.csv', mapping: MAPPING }, inputFile: file },
      { killOn: (line) => line.startsWith('PROGRESS write') },
    );

    const { core } = await reopen(made.dataDir);
    const students = count(core, 'SELECT count(*) FROM students');
    if (outcome.killed) expect([0, rows]).toContain(students);
    else expect(students).toBe(rows);
    expect(count(core, "SELECT count(*) FROM outbox WHERE entity = 'students'")).toBe(students);
    expect(count(core, "SELECT count(*) FROM audit_events WHERE entity = 'students'")).toBe(students);
    // The in-memory search, rebuilt at open, agrees with the table.
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(students);
  });

  it('an export to a folder leaves only complete bundles under their final names, and the next run delivers', { timeout: SLOW }, async () => {
    const made = await withRoster(4_000);
    const identity = await generateX25519Identity();
    const server = generateSigningKeyPair();
    const folder = tempDir('fault-export-');
    expectOk(
      await made.core.call('sync.configure', {
        serverRecipient: await identityToRecipient(identity),
        serverSigningKeyPem: server.publicKeyPem,
        folder,
        url: null,
        profiles: ['full', 'departments', 'statistics'],
        schedule: { kind: 'manual', at: null },
      }),
    );
    const ws = expectOk(await made.core.call('sync.workstationKey', {}));
    made.core.dispose();

    const outcome = await runAndKill(
      { dataDir: made.dataDir, channel: 'sync.exportNow', input: {} },
      { killOn: (line) => line.startsWith('PROGRESS send'), watch: { folder, match: /\.tmp-/ } },
    );

    const { core } = await reopen(made.dataDir);
    const names = readdirSync(folder);
    for (const name of names) expect(name.endsWith('.age') || name.endsWith('.manifest.json') || name.includes('.tmp-')).toBe(true);
    // Whatever carries a final .age name is a whole age file (a torn one fails its last chunk).
    for (const name of names.filter((n) => n.endsWith('.age'))) await expect(ageDecrypt(readFileSync(join(folder, name)), identity)).resolves.toBeTruthy();
    const trustedKeys = { [ws.workstationId]: ws.publicKeyPem };
    const openAt = (base: string) =>
      openBundle({
        manifestFile: readFileSync(join(folder, `${base}.manifest.json`), 'utf8'),
        payload: readFileSync(join(folder, `${base}.age`)),
        identity,
        trustedKeys,
      });
    const rows = () =>
      core.vault.requireStore().sqlite.prepare('SELECT file_name AS fileName, status FROM export_bundles').all() as { fileName: string; status: string }[];
    // A bundle marked sent has both of its files, and they open.
    for (const row of rows().filter((r) => r.status === 'sent')) await openAt(row.fileName);
    if (!outcome.killed) expect(rows().every((r) => r.status === 'sent')).toBe(true);

    const again = expectOk(await core.call('sync.exportNow', {}));
    expect(again.destinationAbsent).toBe(false);
    const after = rows();
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.status === 'sent')).toBe(true);
    for (const row of after) await openAt(row.fileName);
    // Every outbox event reached each profile's bundles: the ranges are contiguous up to the end.
    const outboxMax = count(core, 'SELECT max(seq) FROM outbox');
    const ranges = core.vault
      .requireStore()
      .sqlite.prepare('SELECT profile, min(from_seq) AS lo, max(to_seq) AS hi, sum(to_seq - from_seq + 1) AS span FROM export_bundles GROUP BY profile')
      .all() as { lo: number; hi: number; span: number }[];
    for (const r of ranges) expect(r).toMatchObject({ lo: 1, span: r.hi });
    expect(Math.max(...ranges.map((r) => r.hi))).toBeLessThanOrEqual(outboxMax);
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
  });

  it('a backup leaves no .cbk that does not verify, temp files only under temp names, and the next backup succeeds', { timeout: SLOW }, async () => {
    const made = await withRoster(20_000);
    made.core.dispose();
    const folder = tempDir('fault-backup-');
    const childTemp = tempDir('fault-backup-tmp-');

    const outcome = await runAndKill(
      { dataDir: made.dataDir, channel: 'backup.create', input: { folder } },
      { watch: { folder, match: /\.tmp-/ }, env: { TMPDIR: childTemp } },
    );

    const { core } = await reopen(made.dataDir);
    const names = readdirSync(folder);
    for (const name of names) expect(name.endsWith('.cbk') || /\.cbk\.tmp-\d+-\d+$/.test(name)).toBe(true);
    for (const name of names.filter((n) => n.endsWith('.cbk'))) {
      expect(expectOk(await core.call('backup.verify', { path: join(folder, name) }))).toMatchObject({ ok: true });
    }
    const runs = expectOk(await core.call('backup.list', {}));
    // A recorded run has its file; a killed run has no row (the row is written after the rename).
    for (const run of runs) expect(names).toContain(run.fileName);
    if (!outcome.killed) expect(runs).toHaveLength(1);
    // The staging copy of a killed run stays in the temp folder, under its temp name only.
    // (tsx-* is the TypeScript loader's own cache of the child process.)
    for (const name of readdirSync(childTemp).filter((n) => !n.startsWith('tsx-'))) expect(name).toMatch(/^counsel-backup-/);

    const next = expectOk(await core.call('backup.create', { folder }));
    expect(expectOk(await core.call('backup.verify', { path: next.file }))).toMatchObject({ ok: true });
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
  });
});
