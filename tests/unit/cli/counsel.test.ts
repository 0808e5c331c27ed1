import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src-main/core/store/migrate';
import { Core } from '../../../src-main/core/core';
import { silentLog } from '../../../src-main/core/util/log';
import { tempDir } from '../core/helpers';
import { runCli } from './cli-harness';
import { connectionHatch } from '../../../src-main/core/store/open-store';

const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: 'first admin pw 1' };

async function initialized(extra: string[] = []) {
  const dir = tempDir();
  const init = await runCli(['init', '--data-dir', dir, '--school', '测试学院', '--admin', 'Admin01', ...extra], { COUNSEL_PASSWORD: ADMIN.COUNSEL_PASSWORD });
  expect(init.code, init.stderr).toBe(0);
  return { dir, init };
}

describe('counsel CLI', () => {
  it('init prints the recovery code once and gives admin + director by default', async () => {
    const { dir, init } = await initialized();
    expect(init.json()).toMatchObject({ admin: 'admin01', dataDir: dir });
    expect(init.json().recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const accounts = await runCli(['call', 'accounts.list', '{}', '--data-dir', dir], ADMIN);
    expect(accounts.json()[0].roles).toEqual(['admin', 'director']);
    const again = await runCli(['init', '--data-dir', dir, '--school', 'x', '--admin', 'bb'], { COUNSEL_PASSWORD: ADMIN.COUNSEL_PASSWORD });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ALREADY_INITIALIZED');
  });

  it('init --roles overrides the default roles', async () => {
    const { dir } = await initialized(['--roles', 'admin']);
    const accounts = await runCli(['call', 'accounts.list', '{}', '--data-dir', dir], ADMIN);
    expect(accounts.json()[0].roles).toEqual(['admin']);
  });

  it('status reports encryption and schema; counts once credentials are given', async () => {
    const { dir } = await initialized();
    const locked = await runCli(['status', '--data-dir', dir], { COUNSEL_USER: undefined, COUNSEL_PASSWORD: undefined });
    expect(locked.json()).toMatchObject({ initialized: true, encrypted: true, locked: true, counts: null, appSchemaVersion: SCHEMA_VERSION });
    const open = await runCli(['status', '--data-dir', dir], ADMIN);
    expect(open.json()).toMatchObject({ schemaVersion: SCHEMA_VERSION, locked: false, counts: { accounts: 1 } });
    expect(open.json().counts.auditEvents).toBeGreaterThan(0);
  });

  it('call: exit 2 on validation, 3 on authentication, 4 on permission', async () => {
    const { dir } = await initialized();
    expect((await runCli(['call', 'accounts.create', '{"username":1}', '--data-dir', dir], ADMIN)).code).toBe(2);
    expect((await runCli(['call', 'accounts.create', 'not json', '--data-dir', dir], ADMIN)).code).toBe(2);
    expect((await runCli(['call', 'no.such', '{}', '--data-dir', dir], ADMIN)).code).toBe(2);
    expect((await runCli(['call', 'accounts.list', '{}', '--data-dir', dir], { ...ADMIN, COUNSEL_PASSWORD: 'wrong password' })).code).toBe(3);
    expect((await runCli(['call', 'accounts.list', '{}', '--data-dir', dir], { COUNSEL_USER: undefined })).code).toBe(3);

    const created = await runCli(
      [
        'call',
        'accounts.create',
        JSON.stringify({ username: 'wang', displayName: '王老师', roles: ['reception'], password: 'reception pw 01' }),
        '--data-dir',
        dir,
      ],
      ADMIN,
    );
    expect(created.code, created.stderr).toBe(0);
    const mustChange = await runCli(['call', 'accounts.list', '{}', '--data-dir', dir], { COUNSEL_USER: 'wang', COUNSEL_PASSWORD: 'reception pw 01' });
    expect(mustChange.code).toBe(3);
    const changed = await runCli(
      ['call', 'auth.changePassword', JSON.stringify({ currentPassword: 'reception pw 01', newPassword: 'reception pw 02' }), '--data-dir', dir],
      { COUNSEL_USER: 'wang', COUNSEL_PASSWORD: 'reception pw 01' },
    );
    expect(changed.code, changed.stderr).toBe(0);
    const denied = await runCli(['call', 'accounts.list', '{}', '--data-dir', dir], { COUNSEL_USER: 'wang', COUNSEL_PASSWORD: 'reception pw 02' });
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain('"FORBIDDEN"');
  });

  it('channels lists every channel with its input schema', async () => {
    const result = await runCli(['channels']);
    const list = result.json();
    expect(list.map((c: { name: string }) => c.name)).toContain('accounts.create');
    const create = list.find((c: { name: string }) => c.name === 'accounts.create');
    expect(create.input.properties.password).toMatchObject({ type: 'string', minLength: 10 });
    expect(create.permission).toBe('accounts.manage');
  });

  it('audit verify: 0 when intact, 1 and the first broken event when not', async () => {
    const { dir } = await initialized();
    const intact = await runCli(['audit', 'verify', '--data-dir', dir], ADMIN);
    expect(intact.code).toBe(0);
    expect(intact.json()).toMatchObject({ intact: true, firstBroken: null });

    const core = new Core({ dataDir: dir, log: silentLog });
    await core.call('auth.signIn', { username: ADMIN.COUNSEL_USER, password: ADMIN.COUNSEL_PASSWORD });
    connectionHatch(core.vault.requireStore()).prepare('UPDATE audit_events SET details = \'{"edited":true}\' WHERE seq = 2').run();
    core.dispose();
    const broken = await runCli(['audit', 'verify', '--data-dir', dir], ADMIN);
    expect(broken.code).toBe(1);
    expect(broken.json()).toMatchObject({ intact: false, firstBroken: { seq: 2, reason: 'hashMismatch' } });
  });

  it('unknown commands and flags are usage errors (exit 2)', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['status', '--no-such-flag'])).code).toBe(2);
  });

  it('runs as `npm run counsel` from a shell', () => {
    const out = execFileSync('npm', ['run', '-s', 'counsel', '--', 'channels'], { encoding: 'utf8' });
    expect(JSON.parse(out).length).toBeGreaterThan(5);
  });
});

describe('counsel score', () => {
  it('prints the result object of INSTRUMENTS.md', async () => {
    const result = await runCli(['score', '--instrument', 'phq9', '--responses', '[2,2,1,1,1,1,1,0,1]']);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ instrument: 'phq9', status: 'complete', total: 10, band: 'moderate', screenPositive: true });
    expect(result.json().flags).toContainEqual({ code: 'PHQ9_ITEM9', level: 'URGENT', item: 9 });
    const scl = await runCli(['score', '--instrument', 'scl90', '--responses', JSON.stringify(Array(90).fill(1)), '--options', '{"scaleOrigin":0}']);
    expect(scl.json()).toMatchObject({ total: 180, pst: 90, gsi: 2 });
  });

  it('unknown instrument or bad responses: a clear message and exit 2', async () => {
    const unknown = await runCli(['score', '--instrument', 'phq99', '--responses', '[]'], { LANG: 'en_US.UTF-8' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown instrument "phq99"');
    const range = await runCli(['score', '--instrument', 'phq9', '--responses', '[0,0,0,0,0,0,0,0,4]'], { LANG: 'zh_CN.UTF-8' });
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('第 9 题');
    expect((await runCli(['score', '--instrument', 'phq9', '--responses', '[0,'])).code).toBe(2);
  });
});

describe('counsel roster import', () => {
  it('imports a GBK CSV and prints rows, created, updated, unchanged and rejected', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROSTER_HEADERS, csvGbk, rosterRows } = await import('../../support/synthetic');
    const { dir } = await initialized();
    const rows = rosterRows(6);
    rows[5][0] = '';
    const file = join(tempDir(), '花名册.csv');
    writeFileSync(file, csvGbk(ROSTER_HEADERS, rows));
    const first = await runCli(['roster', 'import', '--file', file, '--data-dir', dir], ADMIN);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toEqual({ rows: 6, created: 5, updated: 0, unchanged: 0, rejected: [{ row: 7, reason: 'missingStudentNo' }] });
    const again = await runCli(['roster', 'import', '--file', file, '--data-dir', dir], ADMIN);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 5 });
    const mapped = await runCli(
      ['roster', 'import', '--file', file, '--mapping', '{"studentNo":"学号","name":"姓名","dorm":"家长电话"}', '--data-dir', dir],
      ADMIN,
    );
    expect(mapped.json()).toMatchObject({ updated: 5 });
    expect((await runCli(['roster', 'import', '--file', '/no/such.csv', '--data-dir', dir], ADMIN)).code).toBe(2);
  });
});

describe('counsel census import', () => {
  it('creates the batch, imports, and prints rows, imported, rejected, positive, category1, category2, alerts', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROSTER_HEADERS, csvGbk, csvUtf8Bom, rosterRows } = await import('../../support/synthetic');
    const { CENSUS_HEADERS, censusRow, censusStudents } = await import('../../support/census-files');
    const { dir } = await initialized();
    const roster = join(tempDir(), 'roster.csv');
    writeFileSync(roster, csvUtf8Bom(ROSTER_HEADERS, rosterRows(8)));
    expect((await runCli(['roster', 'import', '--file', roster, '--data-dir', dir], ADMIN)).code).toBe(0);
    const file = join(tempDir(), '普查.csv');
    const rows = censusStudents(8).map((s) => censusRow(s, 'letters'));
    rows[7][0] = '2099000000';
    writeFileSync(file, csvGbk(CENSUS_HEADERS, rows));
    const result = await runCli(['census', 'import', '--batch', '2026级新生', '--file', file, '--instruments', 'scl90,upi', '--data-dir', dir], ADMIN);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({
      rows: 8,
      imported: 7,
      rejected: [{ row: 9, reason: 'notInRoster' }],
      positive: 1,
      category1: 2,
      category2: 1,
      alerts: 1,
    });
    const other = await runCli(['census', 'import', '--batch', '2026级新生', '--file', file, '--instruments', 'k10', '--data-dir', dir], ADMIN);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('k10');
  });
});
