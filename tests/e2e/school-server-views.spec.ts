import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../src-main/browser-shell/shell';
import type { BundleEvent } from '../../src-main/core/sync/bundle/codec';
import { createReceiverServer } from '../../src-main/school-server/http';
import { WebApi } from '../../src-main/school-server/web/api';
import { addUser } from '../../src-main/school-server/web/users';
import { makeKeys, seal } from '../unit/sync/fixtures';
import { harness, type Harness } from '../unit/sync/receiver-fixtures';

/** The school server's pages in Chromium: the director's view, the 院系 view with a report, and the leadership view. */

const AT = '2026-11-29T08:00:00.000Z';
const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };
const CONTENT_MARKER = '自述内容-仅工作站可见';

function event(seq: number, entity: string, payload: Record<string, unknown>): BundleEvent {
  return { seq, hlc: `${AT}-${String(seq).padStart(4, '0')}-ws`, entity, entityId: String(payload.id), op: 'insert', payload, createdAt: AT };
}

let pagesDir: string;
let h: Harness;
let server: ReturnType<typeof createReceiverServer>;
let base: string;
let browser: Browser;

test.beforeAll(async () => {
  pagesDir = mkdtempSync(join(tmpdir(), 'school-web-'));
  const { build } = await import('vite');
  await build({ configFile: join(process.cwd(), 'vite.school-web.config.ts'), logLevel: 'warn', build: { outDir: pagesDir, emptyOutDir: true } });

  h = await harness('sqlite', await makeKeys('ws-office-2'));
  const full = await seal(h.keys, [
    event(1, 'accounts', { id: 'a1', displayName: '王老师' }),
    event(2, 'students', {
      id: 's1',
      studentNo: '2026000101',
      name: '测试学生甲',
      department: '计算机学院',
      className: '计科1班',
      status: 'enrolled',
      updatedAt: AT,
    }),
    event(3, 'crisis_events', {
      id: 'e1',
      eventNo: 'CR-2026-0007',
      studentId: 's1',
      level: '1',
      status: 'open',
      ownerId: 'a1',
      discoveredAt: AT,
      description: CONTENT_MARKER,
    }),
    event(4, 'crisis_steps', { id: 'p1', eventId: 'e1', dueMinutes: 10, levels: [], status: 'open', note: CONTENT_MARKER }),
    event(5, 'key_attention', {
      id: 'k1',
      studentId: 's1',
      level: '1',
      reason: CONTENT_MARKER,
      responsible: { counselorId: 'a1' },
      nextReviewOn: '2026-11-20',
      status: 'active',
    }),
  ]);
  expect((await h.receiver.receive(full.manifestFile, full.payload)).outcome).toBe('applied');
  const roster = await seal(
    h.keys,
    [
      event(1, 'key_attention_roster', {
        id: 'k1',
        studentNo: '2026000101',
        name: '测试学生甲',
        department: '计算机学院',
        className: '计科1班',
        level: '1',
        responsible: { counselor: '王老师' },
        nextReviewOn: '2026-11-20',
        status: 'active',
      }),
    ],
    { profile: 'departments' },
  );
  expect((await h.receiver.receive(roster.manifestFile, roster.payload)).outcome).toBe('applied');
  await addUser(h.receiver.store, { username: 'director1', role: 'director', password: 'director password' }, AT, FAST_KDF);
  await addUser(h.receiver.store, { username: 'jisuanji', role: 'liaison', department: '计算机学院', password: 'liaison password' }, AT, FAST_KDF);
  await addUser(h.receiver.store, { username: 'leader1', role: 'leadership', password: 'leader password' }, AT, FAST_KDF);

  server = createReceiverServer(h.receiver, () => undefined, new WebApi(h.receiver, { pagesDir }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((done) => server.close(() => done()));
  await h?.close();
  rmSync(pagesDir, { recursive: true, force: true });
});

async function signedIn(username: string, password: string): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(base);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  return { page, violations };
}

test('the director sees every workstation’s open events and key-attention students, without content, in Chinese and English', async () => {
  const { page, violations } = await signedIn('director1', 'director password');
  await expect(page.getByRole('heading', { name: /中心主任视图/ })).toBeVisible();
  const row = page.getByRole('row', { name: /CR-2026-0007/ });
  await expect(row).toContainText('测试学生甲');
  await expect(row).toContainText('一级');
  await expect(row).toContainText('王老师');
  await expect(row).toContainText('ws-office-2');
  await expect(page.locator('body')).not.toContainText(CONTENT_MARKER);
  await page.screenshot({ path: test.info().outputPath('director-zh.png') });

  await page.getByRole('tab', { name: '重点关注学生（全校合并）' }).click();
  await expect(page.getByRole('row', { name: /2026000101/ })).toContainText('已逾期');
  await page.getByRole('tab', { name: '各工作站导出情况' }).click();
  await expect(page.getByRole('row', { name: /ws-office-2/ })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: 'Crisis events under way' }).click();
  await expect(page.getByRole('row', { name: /CR-2026-0007/ })).toContainText('Level 1');
  await page.screenshot({ path: test.info().outputPath('director-en.png') });
  expect(violations).toEqual([]);
});

test('a 院系 liaison sees only the own department and reports to the center; leadership sees figures only', async () => {
  const { page } = await signedIn('jisuanji', 'liaison password');
  await expect(page.getByRole('heading', { name: /院系视图/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /2026000101/ })).toContainText('测试学生甲');
  await page.getByLabel('学号').fill('2026000101');
  await page.getByLabel('上报内容').fill('室友反映该生近几天夜里哭泣，不愿出门');
  await page.getByLabel('紧急（有自伤或伤人危险）').check();
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText(/^已上报，/)).toBeVisible();
  const reports = await h.receiver.store.all<{ student_no: string; department: string; urgent: number }>(
    'SELECT student_no, department, urgent FROM server_reports',
  );
  expect(reports).toEqual([{ student_no: '2026000101', department: '计算机学院', urgent: 1 }]);
  await page.screenshot({ path: test.info().outputPath('liaison-zh.png') });

  // The director sees the report at once, urgent first, until it travels to the workstations.
  const director = await signedIn('director1', 'director password');
  await director.page.getByRole('tab', { name: '院系上报' }).click();
  const reported = director.page.getByRole('row', { name: /2026000101/ });
  await expect(reported).toContainText('紧急');
  await expect(reported).toContainText('室友反映该生近几天夜里哭泣');
  await expect(reported).toContainText('计算机学院');

  const leader = await signedIn('leader1', 'leader password');
  await expect(leader.page.getByRole('heading', { name: /领导小组视图/ })).toBeVisible();
  await expect(leader.page.getByText(/危机事件（按级别）/)).toContainText('<5');
  await expect(leader.page.locator('body')).not.toContainText('测试学生甲');
});

test('a wrong password is said in words', async () => {
  const { page } = await signedIn('director1', 'not the password');
  await expect(page.getByText('用户名或密码不正确')).toBeVisible();
});
