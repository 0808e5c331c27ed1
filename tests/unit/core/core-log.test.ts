import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { fileLog, logFile, slowestChannels } from '../../../src-main/core/util/log';
import { runCli } from '../cli/cli-harness';
import { ADMIN_PASSWORD, SCHOOL, TEST_KDF, tempDir } from './helpers';

describe('the core log', () => {
  const saved = process.env.COUNSEL_SLOW_CALL_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.COUNSEL_SLOW_CALL_MS;
    else process.env.COUNSEL_SLOW_CALL_MS = saved;
  });

  it('rotates by size and keeps a bounded number of old files', () => {
    const dataDir = tempDir();
    const log = fileLog(dataDir, { maxBytes: 2_000, keep: 2 });
    for (let i = 0; i < 200; i++) log.write({ level: 'info', event: 'call', channel: `students.search`, ms: i });
    const files = readdirSync(join(dataDir, 'logs')).sort();
    expect(files).toEqual(['core.log', 'core.log.1', 'core.log.2']);
    for (const file of files) expect(readFileSync(join(dataDir, 'logs', file)).length).toBeLessThanOrEqual(2_000);
    // The newest entry is in core.log, whole lines only.
    const lines = readFileSync(logFile(dataDir), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1]).ms).toBe(199);
  });

  it('logs slow calls with channel and duration, never their input', async () => {
    process.env.COUNSEL_SLOW_CALL_MS = '1';
    const dataDir = tempDir();
    const core = new Core({ dataDir, kdfCost: TEST_KDF });
    try {
      expect(
        (await core.call('setup.initialize', { schoolName: SCHOOL, admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD } })).ok,
      ).toBe(true);
      await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD });
    } finally {
      core.dispose();
    }
    const text = readFileSync(logFile(dataDir), 'utf8');
    const entries = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries[0].event).toBe('start');
    const slow = entries.filter((e) => e.event === 'slowCall');
    expect(slow.map((e) => e.channel)).toContain('auth.signIn');
    for (const entry of slow) expect(entry.ms).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(ADMIN_PASSWORD);
    expect(text).not.toContain('管理员甲');
  });

  it('reports the slowest channels since the newest start, across rotated files', () => {
    const dataDir = tempDir();
    const log = fileLog(dataDir, { maxBytes: 300, keep: 3 });
    log.write({ level: 'info', event: 'call', channel: 'before.start', ms: 9_999 });
    log.write({ level: 'info', event: 'start' });
    for (const [channel, ms] of [
      ['students.search', 40],
      ['audit.list', 180],
      ['students.search', 60],
      ['crisis.board', 20],
    ] as const) {
      log.write({ level: 'info', event: 'call', channel, ms });
    }
    expect(existsSync(`${logFile(dataDir)}.1`)).toBe(true);
    const { since, channels } = slowestChannels(dataDir);
    expect(since).not.toBeNull();
    expect(channels).toEqual([
      { channel: 'audit.list', calls: 1, maxMs: 180, meanMs: 180 },
      { channel: 'students.search', calls: 2, maxMs: 60, meanMs: 50 },
      { channel: 'crisis.board', calls: 1, maxMs: 20, meanMs: 20 },
    ]);
  });

  it('`counsel status` shows them, and the CLI itself does not count as a start', async () => {
    const dataDir = tempDir();
    const init = await runCli(['init', '--data-dir', dataDir, '--school', '测试学院', '--admin', 'admin01'], { COUNSEL_PASSWORD: ADMIN_PASSWORD });
    expect(init.code, init.stderr).toBe(0);
    const log = fileLog(dataDir);
    log.write({ level: 'info', event: 'start' });
    log.write({ level: 'info', event: 'call', channel: 'statistics.compute', ms: 321 });
    const status = await runCli(['status', '--data-dir', dataDir], { COUNSEL_USER: undefined, COUNSEL_PASSWORD: undefined });
    expect(status.code, status.stderr).toBe(0);
    const { slowestChannels: slowest } = status.json();
    expect(slowest.since).toEqual(expect.any(String));
    expect(slowest.channels[0]).toEqual({ channel: 'statistics.compute', calls: 1, maxMs: 321, meanMs: 321 });
  });
});
