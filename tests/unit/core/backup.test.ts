import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkContainer } from '../../../src-main/core/backup/container';
import { runDueBackup, startBackupTimer } from '../../../src-main/core/backup/schedule';
import { ManualClock } from '../../../src-main/core/util/clock';
import { ADMIN_PASSWORD, expectError, expectOk, makeCore, setUpCore, tempDir } from './helpers';
import { BODY, notesWorld, OWN, signedNote } from './notes-fixture';

const HOUR = 3_600_000;

/** A workstation with a student, a case with a signed note, an assessment and a crisis event. */
async function worldWithRecords() {
  const world = await notesWorld();
  const { core, as, kase, student } = world;
  await as('wang.zx');
  const note = await signedNote(core, kase.id);
  const assessment = expectOk(await core.call('assessments.enterPaper', { studentId: student.id, instrument: 'phq9', responses: [2, 2, 1, 1, 1, 1, 1, 0, 1] }));
  const crisis = expectOk(await core.call('crisis.open', { level: '1', studentId: student.id, description: '宿舍发现学生情绪激动（合成数据）' }));
  await as('admin01');
  return { ...world, noteId: note.id as string, assessmentId: assessment.id as string, crisisId: crisis.id as string };
}

function flipByte(file: string, at: number) {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0xff;
  writeFileSync(file, bytes);
}

describe('backup and restore', () => {
  it('backs up the open store after writes, verifies it, and restores it on a fresh folder with the recovery code and with a password', async () => {
    const world = await worldWithRecords();
    const { core, recoveryCode, student } = world;
    const folder = tempDir('counsel-backups-');

    const run = expectOk(await core.call('backup.create', { folder }));
    expect(run).toMatchObject({ folder, trigger: 'manual', present: true });
    expect(run.fileName).toMatch(/^counsel-backup-.+-\d{8}-\d{6}\.cbk$/);
    expect(readdirSync(folder)).toEqual([run.fileName]); // the temp file was renamed away
    // The store stays open and writable after the backup (online).
    expectOk(await core.call('students.create', { studentNo: '2026990099', name: '测试学生丙', department: '理学院' }));

    const history = expectOk(await core.call('backup.list', {}));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: run.id, sha256: run.sha256, createdBy: { displayName: '管理员甲' } });

    const verified = expectOk(await core.call('backup.verify', { path: run.file }));
    expect(verified).toMatchObject({ ok: true, problem: null, sha256: run.sha256, bytes: run.bytes });
    expect(verified.parts.map((p: any) => [p.name, p.ok])).toEqual([
      ['keyring', true],
      ['database', true],
    ]);

    // The database part is encrypted: extracted, it does not open without the key.
    const check = checkContainer(run.file);
    const dbPart = check.parts.find((p) => p.name === 'database')!;
    const raw = readFileSync(run.file).subarray(dbPart.offset, dbPart.offset + dbPart.bytes);
    expect(raw.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const extracted = join(tempDir(), 'copy.db');
    writeFileSync(extracted, raw);
    expect(() => new Database(extracted, { readonly: true }).prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    expect(raw.includes(Buffer.from('测试学生甲'))).toBe(false);

    for (const credentials of [
      { kind: 'recoveryCode', recoveryCode },
      { kind: 'password', username: 'wang.zx', password: OWN },
    ] as const) {
      const fresh = makeCore(join(tempDir(), 'data'));
      expect(expectOk(await fresh.core.call('app.status', {})).initialized).toBe(false);
      const restored = expectOk(await fresh.core.call('backup.restore', { source: { path: run.file }, credentials }));
      expect(restored.schoolName).toBeTruthy();
      expect(restored.auditEventsChecked).toBeGreaterThan(10);
      expect(expectOk(await fresh.core.call('app.status', {})).initialized).toBe(true);

      if (credentials.kind === 'password') {
        expectOk(await fresh.core.call('auth.signIn', { username: 'wang.zx', password: OWN }));
      } else {
        expectOk(await fresh.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
      }
      const c = fresh.core;
      expect(expectOk(await c.call('students.get', { id: student.id }))).toMatchObject({ name: '测试学生甲' });
      expect(expectOk(await c.call('notes.get', { id: world.noteId }))).toMatchObject({ status: 'signed', body: BODY });
      expect(expectOk(await c.call('assessments.get', { id: world.assessmentId }))).toMatchObject({ instrument: 'phq9' });
      expect(expectOk(await c.call('crisis.get', { id: world.crisisId }))).toMatchObject({
        event: { id: world.crisisId, description: '宿舍发现学生情绪激动（合成数据）' },
      });
      if (credentials.kind === 'password') {
        expectOk(await c.call('auth.lock', {}));
        expectOk(await c.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
      }
      expect(expectOk(await c.call('audit.verify', {}))).toMatchObject({ intact: true });
      // The student added after the backup is not in it.
      const list = expectOk(await c.call('students.search', { query: '' }));
      expect(list.rows.map((r: any) => r.name)).toContain('测试学生甲');
      expect(list.rows.map((r: any) => r.name)).not.toContain('测试学生丙');
      // Once set up, the public restore channel refuses.
      expectError(await c.call('backup.restore', { source: { path: run.file }, credentials }), 'ALREADY_INITIALIZED');
    }
  });

  it('refuses a backup with one byte flipped, on verify and on restore, and writes nothing', async () => {
    const { core, recoveryCode } = await worldWithRecords();
    const folder = tempDir('counsel-backups-');
    const run = expectOk(await core.call('backup.create', { folder }));
    const check = checkContainer(run.file);
    const dbPart = check.parts.find((p) => p.name === 'database')!;
    flipByte(run.file, dbPart.offset + Math.floor(dbPart.bytes / 2));

    const verified = expectOk(await core.call('backup.verify', { path: run.file }));
    expect(verified.ok).toBe(false);
    expect(verified.problem).toBe('checksumMismatch');
    expect(verified.parts.find((p: any) => p.name === 'database')).toMatchObject({ ok: false, problem: 'checksumMismatch' });
    expect(verified.parts.find((p: any) => p.name === 'keyring')).toMatchObject({ ok: true });

    const target = join(tempDir(), 'data');
    const fresh = makeCore(target);
    expectError(
      await fresh.core.call('backup.restore', { source: { path: run.file }, credentials: { kind: 'recoveryCode', recoveryCode } }),
      'DATABASE_INVALID',
      'backupChecksumFailed',
    );
    expect(existsSync(join(target, 'counsel.db')) || existsSync(join(target, 'keyring.json'))).toBe(false);
    expect(expectOk(await fresh.core.call('app.status', {})).initialized).toBe(false);

    // The trailer alone flipped: the file as a whole fails even though every part matches.
    // (Same second as the first: the name gets -2 instead of overwriting it.)
    const second = expectOk(await core.call('backup.create', { folder }));
    expect(second.fileName).toBe(run.fileName.replace(/\.cbk$/, '-2.cbk'));
    flipByte(second.file, second.bytes - 1);
    expect(expectOk(await core.call('backup.verify', { path: second.file }))).toMatchObject({ ok: false, problem: 'checksumMismatch' });
  });

  it('a cancelled backup leaves no file and no history row, in any phase, and the next one succeeds', async () => {
    const { core, events } = await setUpCore();
    const folder = tempDir('counsel-backups-');
    const runs = () => core.vault.requireStore().sqlite.prepare('SELECT count(*) FROM backup_runs').pluck().get();
    for (const phase of ['copy', 'write', 'verify']) {
      const jobId = `backup-${phase}`;
      let fired = false;
      events.push = (...added) => {
        for (const event of added) {
          // Cancel at the first progress of this phase, synchronously, as a click would land between two steps.
          if (!fired && event.name === 'job.progress' && (event.payload as { phase: string }).phase === phase) {
            fired = true;
            void core.call('jobs.cancel', { jobId });
          }
        }
        return Array.prototype.push.apply(events, added);
      };
      expectError(await core.call('backup.create', { folder, jobId }), 'CANCELLED');
      expect(fired).toBe(true);
      expect(readdirSync(folder)).toEqual([]); // neither the final name nor the temp file
      expect(runs()).toBe(0);
    }
    delete (events as { push?: unknown }).push;

    const run = expectOk(await core.call('backup.create', { folder, jobId: 'backup-ok' }));
    const phases = events
      .filter((e) => e.name === 'job.progress' && (e.payload as { jobId: string }).jobId === 'backup-ok')
      .map((e) => (e.payload as { phase: string }).phase);
    expect([...new Set(phases)]).toEqual(['copy', 'write', 'verify']);
    expect(readdirSync(folder)).toEqual([run.fileName]);
    expect(runs()).toBe(1);
    expect(expectOk(await core.call('backup.verify', { path: run.file })).ok).toBe(true);
  });

  it('refuses a wrong recovery code or password and a folder that already holds a store, without touching it', async () => {
    const { core, recoveryCode, dataDir } = await worldWithRecords();
    const folder = tempDir('counsel-backups-');
    const run = expectOk(await core.call('backup.create', { folder }));

    const fresh = makeCore(join(tempDir(), 'data'));
    expectError(
      await fresh.core.call('backup.restore', {
        source: { path: run.file },
        credentials: { kind: 'password', username: 'wang.zx', password: 'not the password' },
      }),
      'UNAUTHENTICATED',
      'backupWrongPassword',
    );
    const wrongCode = recoveryCode.replace(/[A-Z0-9]/, (ch: string) => (ch === 'A' ? 'B' : 'A'));
    expectError(
      await fresh.core.call('backup.restore', { source: { path: run.file }, credentials: { kind: 'recoveryCode', recoveryCode: wrongCode } }),
      'UNAUTHENTICATED',
    );
    expect(readdirSync(join(fresh.dataDir, '..')).filter((e) => e.includes('restore'))).toEqual([]);

    const before = readFileSync(join(dataDir, 'keyring.json'));
    expectError(await core.call('backup.restore', { source: { path: run.file }, credentials: { kind: 'recoveryCode', recoveryCode } }), 'ALREADY_INITIALIZED');
    const { restoreBackup } = await import('../../../src-main/core/backup/restore');
    await expect(restoreBackup(run.file, dataDir, { kind: 'recoveryCode', recoveryCode }, { strictEmpty: false })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'backupTargetNotEmpty' },
    });
    expect(readFileSync(join(dataDir, 'keyring.json')).equals(before)).toBe(true);
  });

  it('restores from uploaded bytes (the browser shell) as well as from a path', async () => {
    const { core, recoveryCode } = await worldWithRecords();
    const run = expectOk(await core.call('backup.create', { folder: tempDir('counsel-backups-') }));
    const fresh = makeCore(join(tempDir(), 'data'));
    const contentBase64 = readFileSync(run.file).toString('base64');
    expectOk(
      await fresh.core.call('backup.restore', { source: { fileName: run.fileName, contentBase64 }, credentials: { kind: 'recoveryCode', recoveryCode } }),
    );
    expectOk(await fresh.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
  });

  it('refuses to back up into a folder that does not exist, and only administrators may back up', async () => {
    const world = await notesWorld();
    expectError(await world.core.call('backup.create', { folder: join(tempDir(), 'no-such-folder') }), 'VALIDATION', 'backupFolderMissing');
    await world.as('wang.zx');
    expectError(await world.core.call('backup.create', { folder: tempDir() }), 'FORBIDDEN');
    expectError(await world.core.call('backup.list', {}), 'FORBIDDEN');
  });

  it('runs the daily backup once a day after its time and keeps the newest N', async () => {
    const { core, clock } = await notesWorld();
    const manual = clock as ManualClock;
    const folder = tempDir('counsel-backups-');
    const deps = { vault: core.vault, clock: manual, version: 'test' };
    expect(runDueBackup(deps)).toEqual({ ran: false, skipped: 'off' });

    // Today at 08:00 local; the backup is due at 12:30 local.
    manual.set(new Date(2026, 8, 1, 8, 0, 0));
    expectOk(await core.call('backup.saveSchedule', { folder, keep: 2, dailyAt: '12:30' }));
    expect(expectOk(await core.call('backup.schedule', {}))).toMatchObject({ folder, keep: 2, dailyAt: '12:30', lastScheduledAt: null });
    // Nothing scheduled has run yet: yesterday's 12:30 is overdue, so the first check catches up.
    expect(runDueBackup(deps)).toMatchObject({ ran: true, removed: [] });
    expect(runDueBackup(deps)).toEqual({ ran: false, skipped: 'notDue' });
    manual.set(new Date(2026, 8, 1, 12, 29, 0));
    expect(runDueBackup(deps)).toEqual({ ran: false, skipped: 'notDue' });

    const files: string[][] = [];
    for (let day = 1; day <= 4; day++) {
      manual.set(new Date(2026, 8, day, 12, 31, 0));
      const outcome = runDueBackup(deps);
      expect(outcome.ran, `day ${day}`).toBe(true);
      expect(runDueBackup(deps)).toEqual({ ran: false, skipped: 'notDue' });
      files.push(readdirSync(folder).sort());
    }
    // Never more than two in the folder; the newest two are kept.
    expect(files.every((list) => list.length <= 2)).toBe(true);
    const runs = expectOk(await core.call('backup.list', {}));
    expect(runs.filter((r: any) => r.trigger === 'scheduled')).toHaveLength(5);
    const newestTwo = runs
      .filter((r: any) => r.trigger === 'scheduled')
      .slice(0, 2)
      .map((r: any) => r.fileName)
      .sort();
    expect(readdirSync(folder).sort()).toEqual(newestTwo);
    expect(runs.filter((r: any) => r.present)).toHaveLength(2);

    // A manual backup in the same folder is never pruned.
    const kept = expectOk(await core.call('backup.create', { folder }));
    manual.set(new Date(2026, 8, 5, 13, 0, 0));
    expect(runDueBackup(deps).ran).toBe(true);
    expect(readdirSync(folder)).toContain(kept.fileName);

    // Locked: no key in memory, nothing runs.
    expectOk(await core.call('auth.lock', {}));
    manual.advance(24 * HOUR);
    expect(runDueBackup(deps)).toEqual({ ran: false, skipped: 'locked' });
  });

  it('skips the daily backup while its folder is absent (USB stick not plugged in)', async () => {
    const { core, clock } = await notesWorld();
    const folder = join(tempDir(), 'usb');
    mkdirSync(folder);
    expectOk(await core.call('backup.saveSchedule', { folder, keep: 3, dailyAt: '09:00' }));
    const { rmSync } = await import('node:fs');
    rmSync(folder, { recursive: true });
    expect(runDueBackup({ vault: core.vault, clock, version: 'test' })).toEqual({ ran: false, skipped: 'folderMissing' });
    expectError(await core.call('backup.saveSchedule', { folder, keep: 3, dailyAt: '09:00' }), 'VALIDATION', 'backupFolderMissing');
  });

  it('while another writer holds the store the timer leaves no stray file, and backs up as soon as the store is free', async () => {
    const { core, clock } = await notesWorld();
    const folder = tempDir('counsel-backups-');
    expectOk(await core.call('backup.saveSchedule', { folder, keep: 3, dailyAt: '00:00' }));
    // A long import's write transaction on its own connection.
    const writer = core.vault.openJobConnection();
    writer.exec('BEGIN IMMEDIATE');
    const lines: unknown[] = [];
    const stop = startBackupTimer({ vault: core.vault, clock, version: 'test' }, { write: (line: unknown) => void lines.push(line) }, 10);
    try {
      await expect.poll(() => lines.length, { timeout: 5000 }).toBeGreaterThan(2);
      // Each refused attempt removed its file: no backup without its history row.
      expect(readdirSync(folder)).toEqual([]);
      writer.exec('COMMIT');
      // The clock has not moved: a busy store is retried at the next tick, not an hour later.
      await expect.poll(() => readdirSync(folder).length, { timeout: 5000 }).toBe(1);
    } finally {
      stop();
      writer.close();
    }
    expect(expectOk(await core.call('backup.list', {}))).toHaveLength(1);
  });

  it('the host timer runs the due backup on its own', async () => {
    const { core, clock } = await notesWorld();
    const folder = tempDir('counsel-backups-');
    expectOk(await core.call('backup.saveSchedule', { folder, keep: 3, dailyAt: '00:00' }));
    const stop = startBackupTimer({ vault: core.vault, clock, version: 'test' }, { write() {} }, 10);
    try {
      await expect.poll(() => readdirSync(folder).length, { timeout: 5000 }).toBe(1);
    } finally {
      stop();
    }
    expect(expectOk(await core.call('backup.list', {}))[0]).toMatchObject({ trigger: 'scheduled', createdBy: null });
  });
});
