import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { ManualClock } from '../../../src-main/core/util/clock';
import { silentLog } from '../../../src-main/core/util/log';
import { createCase } from '../../../src-main/core/cases/case-service';
import type { CallResult } from '../../../src-shared/contract';

/** Real scrypt, at a cost that keeps a test suite quick. */
export const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };
export const ADMIN_PASSWORD = 'correct horse 01';
export const SCHOOL = '测试学院-Synthetic-School';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(prefix = 'counsel-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function makeCore(dataDir = tempDir(), clock = new ManualClock()) {
  const events: { name: string; payload: unknown }[] = [];
  const core = new Core({ dataDir, clock, kdfCost: TEST_KDF, log: silentLog, emit: (name, payload) => events.push({ name, payload }) });
  cleanups.unshift(() => core.dispose());
  return { core, clock, dataDir, events };
}

export function expectOk<T = any>(result: CallResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

export function expectError(result: CallResult<unknown>, code: string, reason?: string) {
  if (result.ok) throw new Error(`expected ${code}, got ok ${JSON.stringify(result.value)}`);
  if (result.error.code !== code || (reason && result.error.details.reason !== reason)) {
    throw new Error(`expected ${code}${reason ? `/${reason}` : ''}, got ${JSON.stringify(result.error)}`);
  }
  return result.error;
}

/** A set-up workstation with the admin signed in. */
export async function setUpCore(options: { adminIsDirector?: boolean } = {}) {
  const made = makeCore();
  const { recoveryCode } = expectOk(
    await made.core.call('setup.initialize', {
      schoolName: SCHOOL,
      admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
      adminIsDirector: options.adminIsDirector ?? true,
    }),
  );
  expectOk(await made.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
  return { ...made, recoveryCode: recoveryCode as string };
}

/**
 * A case opened straight through the unit of work, for tests of modules that hang off cases
 * (notes, appointments) without walking through an intake.
 */
export function openTestCase(core: Core, input: { studentId: string; counselorId: string; riskLevel?: 'none' | 'low' | 'moderate' | 'high' }) {
  const store = core.vault.requireStore();
  const at = new Date().toISOString();
  return store.uow.run(core.vault.actor(), (tx) => createCase(tx, { riskLevel: 'low', ...input }, at));
}
