import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type ConsoleMessage, type Page } from '@playwright/test';
import { startBrowserShell, type BrowserShell } from '../../src-main/browser-shell/shell';

/** Made-up people and school only. */
export const SCHOOL = '测试学院';
export const ADMIN = { username: 'zhang.admin', displayName: '张老师', password: 'zhang-admin-pass-2025' };
export const COUNSELOR = { username: 'wang.zixun', displayName: '王老师', password: 'wang-initial-pass-1', newPassword: 'wang-own-pass-2025' };

/** Annotation for specs that provoke CSP violations on purpose. */
export const CSP_VIOLATIONS_EXPECTED = 'csp-violations-expected';
const VIOLATION_PREFIX = '[csp-violation]';

type Fixtures = { dataDir: string; shell: BrowserShell; page: Page };

/** Every test gets a fresh data folder and its own real shell (core worker + Chromium). */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'counsel-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  shell: async ({ dataDir }, use) => {
    // Exported files land in the test's own folder (removed after it), never in ~/Downloads.
    const shell = await startBrowserShell({
      dataDir,
      headless: process.env.HEADED !== '1',
      build: false,
      downloadsDir: join(dataDir, 'downloads'),
      testClock: true,
      reducedMotion: true,
    });
    await use(shell);
    await shell.close();
  },
  /** The shell's page; any CSP violation the app itself causes fails the test (unless a spec expects some). */
  page: async ({ shell }, use, testInfo) => {
    const violations: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      if (message.text().startsWith(VIOLATION_PREFIX) || /Content Security Policy/i.test(message.text())) violations.push(message.text());
    };
    shell.page.on('console', onConsole);
    // Watch from the very first script on: reload with a listener installed before the app loads.
    await shell.page.addInitScript(
      `document.addEventListener('securitypolicyviolation', (e) => console.warn(${JSON.stringify(VIOLATION_PREFIX)} + ' ' + e.violatedDirective + ' ' + e.blockedURI))`,
    );
    await shell.page.reload();
    await use(shell.page);
    shell.page.off('console', onConsole);
    if (!testInfo.annotations.some((a) => a.type === CSP_VIOLATIONS_EXPECTED)) {
      expect(violations, 'CSP violations caused by the app itself').toEqual([]);
    }
  },
});

export { expect };

/** Set up through the core directly (for specs that are not about setup); returns the recovery code. */
export async function initializeViaCore(shell: BrowserShell, adminIsDirector = true): Promise<string> {
  const result = await shell.client.invoke('setup.initialize', {
    schoolName: SCHOOL,
    admin: { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password },
    adminIsDirector,
  });
  if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result.error)}`);
  await shell.page.reload();
  return (result.value as { recoveryCode: string }).recoveryCode;
}

export async function signIn(page: Page, username: string, password: string, labels = { username: '用户名', password: '密码', submit: '登录' }) {
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

export async function createAccountViaCore(shell: BrowserShell, account: { username: string; displayName: string; password: string; roles: string[] }) {
  const result = await shell.client.invoke('accounts.create', account);
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result.error)}`);
}

/**
 * A violation we cannot fix in our own code (it comes from a library's markup), tolerated for
 * the nodes whose axe target contains `selector`; `reason` says why it is acceptable.
 */
export interface AxeAllowance {
  rule: string;
  selector: string;
  reason: string;
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page as it is now and fails on any serious or
 * critical violation not covered by an allowance; the message lists rule, impact and nodes. Soft,
 * so one run reports every screen that has problems.
 */
export async function expectNoSeriousA11yViolations(page: Page, screen: string, allow: readonly AxeAllowance[] = []): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  // The pointer rests where the last click was; a hover colour is not what the screen shows.
  await page.mouse.move(0, 0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const problems: string[] = [];
  for (const violation of results.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    const nodes = violation.nodes.filter((node) => {
      const target = node.target.map(String).join(' ');
      return !allow.some((a) => a.rule === violation.id && target.includes(a.selector));
    });
    if (nodes.length === 0) continue;
    problems.push(
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
        nodes.map((node) => `    ${node.target.map(String).join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n'),
    );
  }
  expect.soft(problems, `serious/critical axe violations on ${screen}`).toEqual([]);
}
