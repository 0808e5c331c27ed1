import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { CHROMIUM_ARGS } from '../../src-main/browser-shell/shell';
import { Core } from '../../src-main/core/core';
import { silentLog } from '../../src-main/core/util/log';
import { importFolder } from '../../src-main/school-server/folder-import';
import { createReceiverServer } from '../../src-main/school-server/http';
import { makeInboundBundle } from '../../src-main/school-server/inbound';
import { serverSigningKey, trustWorkstation } from '../../src-main/school-server/keys';
import { Receiver } from '../../src-main/school-server/receiver';
import { returnFile } from '../../src-main/school-server/return-recipients';
import { WebApi } from '../../src-main/school-server/web/api';
import { addUser } from '../../src-main/school-server/web/users';
import type { CallResult } from '../../src-shared/contract';
import { openStore } from '../unit/sync/receiver-fixtures';

/**
 * Issue 18's journey: two workstations export (one with a crisis event, one with a key-attention
 * entry for the same student) → the director sees one student → a liaison signs in, sees only
 * their department and files a report → the report arrives on a workstation after its next update
 * import. The workstations are driven through their cores; the server's pages through Chromium.
 */

const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };
const KDF = { N: 2 ** 12, r: 8, p: 1 };
const STUDENT_NO = '2026000101';
const OTHER_DEPARTMENT_NO = '2026000909';
const REPORT_TEXT = '辅导员反映该生近几天夜里哭泣，不愿出门（合成数据）';
const CRISIS_TEXT = '宿舍发现学生情绪激动-仅工作站可见';

function ok<T = any>(result: CallResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

interface Workstation {
  core: Core;
  folder: string;
  studentId: string;
  me: string;
}

const dirs: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

let receiver: Receiver;
let serverDir: string;
let server: ReturnType<typeof createReceiverServer>;
let base: string;
let browser: Browser;
let ws1: Workstation;
let ws2: Workstation;

async function workstation(name: string, recipient: string, serverKeyPem: string): Promise<Workstation> {
  const core = new Core({ dataDir: temp('ws-data-'), kdfCost: KDF, log: silentLog, emit: () => {} });
  ok(
    await core.call('setup.initialize', {
      schoolName: '测试学院',
      workstationName: name,
      admin: { username: 'admin01', displayName: `${name}王老师`, password: 'correct horse 01' },
      adminIsDirector: true,
    }),
  );
  ok(await core.call('auth.signIn', { username: 'admin01', password: 'correct horse 01' }));
  const folder = temp('ws-out-');
  ok(
    await core.call('sync.configure', {
      serverRecipient: recipient,
      serverSigningKeyPem: serverKeyPem,
      folder,
      url: null,
      profiles: ['full', 'departments'],
      schedule: { kind: 'manual', at: null },
    }),
  );
  const key = ok(await core.call('sync.workstationKey', {}));
  trustWorkstation(serverDir, key.workstationId, key.publicKeyPem);
  const student = ok(await core.call('students.create', { studentNo: STUDENT_NO, name: '测试学生甲', department: '计算机学院', className: '计科1班' }));
  const me = ok(await core.call('app.status', {})).session.accountId as string;
  return { core, folder, studentId: student.id, me };
}

test.beforeAll(async () => {
  const pagesDir = temp('school-web-');
  const { build } = await import('vite');
  await build({ configFile: join(process.cwd(), 'vite.school-web.config.ts'), logLevel: 'warn', build: { outDir: pagesDir, emptyOutDir: true } });

  serverDir = temp('school-server-');
  const identity = await generateX25519Identity();
  const signing = serverSigningKey(serverDir);
  const store = await openStore('sqlite', serverDir);
  receiver = new Receiver({ dir: serverDir, identity, store, signingKeyPem: signing.privateKeyPem });
  const recipient = await identityToRecipient(identity);

  // Workstation 1 handles a crisis event for the student; workstation 2 has them on key attention.
  ws1 = await workstation('1 号工作站', recipient, signing.publicKeyPem);
  ok(await ws1.core.call('crisis.open', { studentId: ws1.studentId, level: '1', description: CRISIS_TEXT }));
  ws2 = await workstation('2 号工作站', recipient, signing.publicKeyPem);
  const responsible = { counselorId: ws2.me, departmentCounselor: null, dormWatcher: null, peerCounselor: null };
  ok(await ws2.core.call('keyattention.add', { studentId: ws2.studentId, level: '2', reason: '关注原因-仅工作站可见', responsible }));
  const other = ok(await ws2.core.call('students.create', { studentNo: OTHER_DEPARTMENT_NO, name: '测试学生丙', department: '文学院', className: '汉语1班' }));
  ok(await ws2.core.call('keyattention.add', { studentId: other.id, level: '3', reason: '关注原因-仅工作站可见', responsible }));

  for (const ws of [ws1, ws2]) {
    ok(await ws.core.call('sync.exportNow', {}));
    const lines = await importFolder(receiver, ws.folder, serverDir);
    expect(lines.every((l) => l.outcome === 'applied')).toBe(true);
  }
  await addUser(store, { username: 'director1', role: 'director', password: 'director password' }, new Date().toISOString(), FAST_KDF);
  await addUser(store, { username: 'jisuanji', role: 'liaison', department: '计算机学院', password: 'liaison password' }, new Date().toISOString(), FAST_KDF);

  server = createReceiverServer(receiver, () => undefined, new WebApi(receiver, { pagesDir }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((done) => server.close(() => done()));
  await receiver?.store.close();
  ws1?.core.dispose();
  ws2?.core.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function signedIn(username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

test('two workstations → one student for the director → a liaison’s report → a 上报 on the workstation after its next update import', async () => {
  // The director: the crisis event from workstation 1 and the key-attention entry from workstation 2 are one student.
  const director = await signedIn('director1', 'director password');
  await expect(director.getByRole('heading', { name: /中心主任视图/ })).toBeVisible();
  const event = director.getByRole('row', { name: new RegExp(STUDENT_NO) });
  await expect(event).toContainText('测试学生甲');
  await expect(event).toContainText('1 号工作站');
  await expect(director.locator('body')).not.toContainText(CRISIS_TEXT);
  await director.getByRole('tab', { name: '重点关注学生（全校合并）' }).click();
  const merged = director.getByRole('row', { name: new RegExp(STUDENT_NO) });
  await expect(merged).toHaveCount(1);
  await expect(director.getByText(/共 2 名学生，其中 \d+ 名已逾期未复评/)).toBeVisible();
  await expect(merged).toContainText('2 号工作站');
  await expect(director.locator('body')).not.toContainText('关注原因-仅工作站可见');
  await director.screenshot({ path: test.info().outputPath('journey-director.png') });
  await director.getByRole('button', { name: 'English' }).click();
  await expect(director.getByText(/^2 students, \d+ of them overdue for review$/)).toBeVisible();
  await director.screenshot({ path: test.info().outputPath('journey-director-en.png') });

  // The liaison of 计算机学院: their student only, then a report.
  const liaison = await signedIn('jisuanji', 'liaison password');
  await expect(liaison.getByRole('heading', { name: /院系视图/ })).toBeVisible();
  await expect(liaison.getByRole('row', { name: new RegExp(STUDENT_NO) }).first()).toContainText('测试学生甲');
  await expect(liaison.locator('body')).not.toContainText(OTHER_DEPARTMENT_NO);
  await expect(liaison.locator('body')).not.toContainText('测试学生丙');
  await liaison.getByLabel('学号').fill(STUDENT_NO);
  await liaison.getByLabel('上报内容').fill(REPORT_TEXT);
  await liaison.getByLabel('紧急（有自伤或伤人危险）').check();
  await liaison.getByRole('button', { name: '提交' }).click();
  await expect(liaison.getByText(/^已上报，/)).toBeVisible();
  // The department's own reports, read back on the same page once filed.
  const ownReports = liaison.locator('.ant-card').filter({ hasText: '本院系已上报的情况' });
  await expect(ownReports.getByRole('row', { name: new RegExp(STUDENT_NO) })).toContainText(REPORT_TEXT);
  await liaison.screenshot({ path: test.info().outputPath('journey-liaison.png') });
  // In English the same page speaks English throughout.
  await liaison.getByRole('button', { name: 'English' }).click();
  await expect(liaison.getByText("Reported; the center's director sees it in the shared view at once")).toBeVisible();
  await expect(
    liaison
      .locator('.ant-card')
      .filter({ hasText: 'Reports filed by your department' })
      .getByRole('row', { name: new RegExp(STUDENT_NO) }),
  ).toBeVisible();
  await liaison.screenshot({ path: test.info().outputPath('journey-liaison-en.png'), fullPage: true });

  // Workstation 1's next update import: the report is a 上报 in its triage queue, once; the risk digest names workstation 2.
  const before = ok<{ rows: unknown[] }>(await ws1.core.call('reports.triageQueue', {})).rows.length;
  const { fileText: signed } = await makeInboundBundle(receiver.store, { signingKeyPem: serverSigningKey(serverDir).privateKeyPem, now: new Date() });
  // As `school-server import` writes it: encrypted to both workstations, which sent their return keys with their exports.
  const { fileText, sealedFor } = await returnFile(receiver.store, signed);
  expect(sealedFor).toBe(2);
  expect(fileText).not.toContain(STUDENT_NO);
  const input = { fileName: 'school-server-inbound.json', contentBase64: Buffer.from(fileText).toString('base64') };
  const applied = ok(await ws1.core.call('sync.importUpdate', input));
  expect(applied.inbound).toMatchObject({ applied: [1], reportsCreated: 1, digestStored: true });
  const queue = ok<{ rows: { reporterName: string | null; urgency: string; student: { id: string } }[] }>(await ws1.core.call('reports.triageQueue', {})).rows;
  expect(queue).toHaveLength(before + 1);
  expect(queue.find((r) => r.reporterName === 'jisuanji（计算机学院）')).toMatchObject({ urgency: 'urgent', student: { id: ws1.studentId } });
  expect(ok(await ws1.core.call('sync.importUpdate', input)).inbound).toMatchObject({ applied: [], skipped: [1] });
  const risk = ok<{ entries: { workstationName: string | null; level: string | null; keyAttention: boolean }[] }>(
    await ws1.core.call('sync.riskElsewhere', { studentNos: [STUDENT_NO] }),
  );
  expect(risk.entries).toEqual([expect.objectContaining({ workstationName: '2 号工作站', level: '2', keyAttention: true })]);
});
