import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROSTER_FIELDS } from '../../../src-shared/contract/roster';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { ADMIN_PASSWORD, SCHOOL, expectError, expectOk, makeCore, setUpCore } from '../core/helpers';
import { count, reopen } from './fault-harness';

/**
 * A full disk during a write: the caller gets `diskFull`, the store keeps everything it had, the
 * audit chain still verifies, and once there is room again the same work goes through.
 */
const MAPPING = Object.fromEntries(ROSTER_HEADERS.map((h, i) => [ROSTER_FIELDS[i], h]));
const roster = (rows: number, start = 0) => ({
  fileName: 'roster.csv',
  contentBase64: csvUtf8Bom(ROSTER_HEADERS, rosterRows(rows, start)).toString('base64'),
  mapping: MAPPING,
});

/** A small tmpfs, where this machine lets us mount one (root in a container that allows it). */
function smallDisk(megabytes: number): { dir: string; release: () => void } | null {
  const dir = mkdtempSync(join(tmpdir(), 'fault-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    release: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const probe = smallDisk(1);
probe?.release();
const canMount = probe !== null;

/** Take every free byte of the file system `dir` is on; returns a way to give them back. */
function fill(dir: string): () => void {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  for (const size of [1 << 20, 1 << 12, 1]) {
    const chunk = Buffer.alloc(size, 0xab);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOSPC') throw error;
    }
  }
  closeSync(fd);
  return () => rmSync(file);
}

describe('a full disk during a write', () => {
  it.skipIf(!canMount)(
    'on a small tmpfs: an import and a backup are refused with diskFull, nothing is lost, and they succeed once there is room',
    { timeout: 120_000 },
    async () => {
      const disk = smallDisk(48)!;
      const dataDir = join(disk.dir, 'data');
      const { core } = makeCore(dataDir);
      try {
        expectOk(
          await core.call('setup.initialize', { schoolName: SCHOOL, admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD } }),
        );
        expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
        expect(expectOk(await core.call('roster.import', roster(300)))).toMatchObject({ created: 300 });
        const backups = join(disk.dir, 'backups');
        mkdirSync(backups);

        const free = fill(disk.dir);
        expectError(await core.call('roster.import', roster(4_000, 300)), 'INTERNAL', 'diskFull');
        // A small write may still fit into the write-ahead log's old pages; if not, it is refused the same way.
        const small = await core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' });
        if (!small.ok) expectError(small, 'INTERNAL', 'diskFull');
        const before = count(core, 'SELECT count(*) FROM students');
        expect(before).toBe(small.ok ? 301 : 300);
        // Audited reads fail closed while the audit event cannot be written either.
        const verify = await core.call('audit.verify', {});
        if (!verify.ok) expectError(verify, 'INTERNAL', 'diskFull');

        const backup = await core.call('backup.create', { folder: backups });
        expectError(backup, 'INTERNAL', 'diskFull');
        expect(readdirSync(backups)).toEqual([]); // the temp file was removed, nothing under a .cbk name
        free();
        expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);

        expect(expectOk(await core.call('roster.import', roster(4_000, 300)))).toMatchObject({ created: 4_000 });
        const made = expectOk(await core.call('backup.create', { folder: backups }));
        expect(expectOk(await core.call('backup.verify', { path: made.file }))).toMatchObject({ ok: true });
        core.dispose();

        // A restart finds every row, the chain intact (reopen checks audit.verify).
        const again = await reopen(dataDir);
        expect(count(again.core, 'SELECT count(*) FROM students')).toBe(before + 4_000);
        expect(count(again.core, 'SELECT count(*) FROM backup_runs')).toBe(1);
        again.core.dispose();
      } finally {
        core.dispose();
        disk.release();
      }
    },
  );

  it('an injected SQLITE_FULL in the middle of a unit of work: diskFull, the row is not there, the chain verifies', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' }));
    const sqlite = core.vault.requireStore().sqlite;
    // The outbox row is the last of the three writes (row, audit event, outbox event): fail there.
    const statement = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as { run: (...args: unknown[]) => unknown };
    const run = statement.run;
    statement.run = function (this: { source: string }, ...args: unknown[]) {
      if (this.source.startsWith('INSERT INTO outbox')) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return run.apply(this, args);
    };
    try {
      expectError(await core.call('students.create', { studentNo: '2026990002', name: '测试学生乙', department: '文学院' }), 'INTERNAL', 'diskFull');
    } finally {
      statement.run = run;
    }
    expect(count(core, 'SELECT count(*) FROM students')).toBe(1);
    expect(count(core, "SELECT count(*) FROM audit_events WHERE entity = 'students'")).toBe(1);
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
    expectOk(await core.call('students.create', { studentNo: '2026990002', name: '测试学生乙', department: '文学院' }));
    core.dispose();
    const again = await reopen(dataDir);
    expect(count(again.core, 'SELECT count(*) FROM students')).toBe(2);
  });
});
