import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { silentLog } from '../../../src-main/core/util/log';
import { expectOk, tempDir } from '../core/helpers';
import { runCli } from './cli-harness';

const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: 'first admin pw 1', COUNSEL_RECOVERY_CODE: undefined };
const NO_CREDENTIALS = { COUNSEL_USER: undefined, COUNSEL_PASSWORD: undefined, COUNSEL_RECOVERY_CODE: undefined };

async function workstation() {
  const dir = tempDir();
  const init = await runCli(['init', '--data-dir', dir, '--school', '测试学院', '--admin', 'admin01'], {
    ...NO_CREDENTIALS,
    COUNSEL_PASSWORD: ADMIN.COUNSEL_PASSWORD,
  });
  expect(init.code, init.stderr).toBe(0);
  const core = new Core({ dataDir: dir, log: silentLog });
  try {
    expectOk(await core.call('auth.signIn', { username: ADMIN.COUNSEL_USER, password: ADMIN.COUNSEL_PASSWORD }));
    expectOk(await core.call('students.create', { studentNo: '2026990007', name: '测试学生丁', department: '文学院' }));
  } finally {
    core.dispose();
  }
  return { dir, recoveryCode: init.json().recoveryCode as string };
}

async function studentNames(dir: string): Promise<string[]> {
  const core = new Core({ dataDir: dir, log: silentLog });
  try {
    expectOk(await core.call('auth.signIn', { username: ADMIN.COUNSEL_USER, password: ADMIN.COUNSEL_PASSWORD }));
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
    return expectOk(await core.call('students.search', { query: '' })).rows.map((r: { name: string }) => r.name);
  } finally {
    core.dispose();
  }
}

describe('counsel backup', () => {
  it('creates, verifies and restores a backup, with the documented exit codes', async () => {
    const { dir, recoveryCode } = await workstation();
    const folder = tempDir('counsel-backups-');

    expect((await runCli(['backup', 'create', '--to', folder, '--data-dir', dir], NO_CREDENTIALS)).code).toBe(3);
    const created = await runCli(['backup', 'create', '--to', folder, '--data-dir', dir], ADMIN);
    expect(created.code, created.stderr).toBe(0);
    const { file, bytes, sha256 } = created.json();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).length).toBe(bytes);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await runCli(['backup', 'create', '--to', join(folder, 'absent'), '--data-dir', dir], ADMIN)).code).toBe(2);

    // Verify needs no sign-in.
    const verified = await runCli(['backup', 'verify', file], NO_CREDENTIALS);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.json()).toMatchObject({
      ok: true,
      sha256,
      parts: [
        { name: 'keyring', ok: true },
        { name: 'database', ok: true },
      ],
    });

    const damaged = join(tempDir(), 'damaged.cbk');
    copyFileSync(file, damaged);
    const content = readFileSync(damaged);
    content[content.length - 100] ^= 0x01;
    writeFileSync(damaged, content);
    const bad = await runCli(['backup', 'verify', damaged], NO_CREDENTIALS);
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ ok: false, problem: 'checksumMismatch' });

    // Restore with the recovery code into a new folder, then sign in there.
    const target = join(tempDir(), 'restored');
    const restored = await runCli(['backup', 'restore', file, '--data-dir', target], { ...NO_CREDENTIALS, COUNSEL_RECOVERY_CODE: recoveryCode });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.json()).toMatchObject({ schoolName: '测试学院' });
    expect(await studentNames(target)).toContain('测试学生丁');

    // Never over existing data: the same folder again, or the original one.
    expect((await runCli(['backup', 'restore', file, '--data-dir', target], { ...NO_CREDENTIALS, COUNSEL_RECOVERY_CODE: recoveryCode })).code).toBe(2);
    const other = tempDir();
    writeFileSync(join(other, 'notes.txt'), 'something else');
    expect((await runCli(['backup', 'restore', file, '--data-dir', other], { ...NO_CREDENTIALS, COUNSEL_RECOVERY_CODE: recoveryCode })).code).toBe(2);

    // A damaged backup: exit 1 and nothing written.
    const refusedTarget = join(tempDir(), 'refused');
    const refused = await runCli(['backup', 'restore', damaged, '--data-dir', refusedTarget], { ...NO_CREDENTIALS, COUNSEL_RECOVERY_CODE: recoveryCode });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('backupChecksumFailed');
    expect(existsSync(join(refusedTarget, 'counsel.db'))).toBe(false);

    // With an account password of that backup instead of the recovery code.
    const byPassword = join(tempDir(), 'by-password');
    mkdirSync(byPassword);
    const withPassword = await runCli(['backup', 'restore', file, '--data-dir', byPassword], ADMIN);
    expect(withPassword.code, withPassword.stderr).toBe(0);
    expect(await studentNames(byPassword)).toContain('测试学生丁');

    const wrong = await runCli(['backup', 'restore', file, '--data-dir', join(tempDir(), 'wrong')], { ...ADMIN, COUNSEL_PASSWORD: 'not the password' });
    expect(wrong.code).toBe(3);

    expect((await runCli(['backup', 'restore', file], NO_CREDENTIALS)).code).toBe(2);
    expect((await runCli(['backup', 'verify'], NO_CREDENTIALS)).code).toBe(2);
  });

  it('verify says it cannot check authenticity without credentials, and with the recovery code or a password detects a forged school name', async () => {
    const { dir, recoveryCode } = await workstation();
    const created = await runCli(['backup', 'create', '--to', tempDir('counsel-backups-'), '--data-dir', dir], ADMIN);
    const { file } = created.json();
    const plain = await runCli(['backup', 'verify', file], NO_CREDENTIALS);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.json()).toMatchObject({ ok: true, sealed: true, authenticity: 'notChecked', notChecked: ['authenticity', 'integrity', 'auditChain'] });
    const deep = await runCli(['backup', 'verify', file], { ...NO_CREDENTIALS, COUNSEL_RECOVERY_CODE: recoveryCode });
    expect(deep.code, deep.stderr).toBe(0);
    expect(deep.json()).toMatchObject({ ok: true, authenticity: 'authentic', integrity: 'ok', auditChain: 'intact' });

    // The school name changed and every plain SHA-256 recomputed, as anyone holding the file can.
    const bytes = readFileSync(file);
    const length = bytes.readUInt32BE(8);
    const manifest = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8'));
    manifest.schoolName = '伪造学校';
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const header = Buffer.alloc(12);
    bytes.copy(header, 0, 0, 8);
    header.writeUInt32BE(manifestBytes.length, 8);
    const body = Buffer.concat([header, manifestBytes, bytes.subarray(12 + length, bytes.length - 32)]);
    const forged = join(tempDir(), 'forged.cbk');
    writeFileSync(forged, Buffer.concat([body, createHash('sha256').update(body).digest()]));

    const unkeyed = await runCli(['backup', 'verify', forged], NO_CREDENTIALS);
    expect(unkeyed.code).toBe(0);
    expect(unkeyed.json()).toMatchObject({ ok: true, authenticity: 'notChecked', manifest: { schoolName: '伪造学校' } });
    for (const env of [{ ...NO_CREDENTIALS, COUNSEL_RECOVERY_CODE: recoveryCode }, ADMIN]) {
      const keyed = await runCli(['backup', 'verify', forged], env);
      expect(keyed.code, keyed.stderr).toBe(1);
      expect(keyed.json()).toMatchObject({ ok: false, authenticity: 'forged' });
    }
    const wrong = await runCli(['backup', 'verify', forged, '--deep'], { ...ADMIN, COUNSEL_PASSWORD: 'not the password' });
    expect(wrong.code).toBe(3);
    const restored = await runCli(['backup', 'restore', forged, '--data-dir', join(tempDir(), 'forged')], {
      ...NO_CREDENTIALS,
      COUNSEL_RECOVERY_CODE: recoveryCode,
    });
    expect(restored.code).toBe(1);
    expect(restored.stderr).toContain('backupNotAuthentic');
  });
});
