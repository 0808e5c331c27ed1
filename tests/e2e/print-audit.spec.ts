import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, COUNSELOR, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * A counselor prints a student's file to PDF: every page carries the confidentiality mark, the
 * page number and who printed it; their own note is in it, another counselor's note is not. The
 * director then finds the print in the audit log and verifies the chain. Other modules' records
 * (accounts, student, cases, notes) are set up through the page's bridge; printing and the audit
 * log go through their UI. Synthetic people only.
 */

const OTHER = { username: 'li.zixun', displayName: '李老师', password: 'li-initial-pass-1', newPassword: 'li-own-pass-2025' };
const OWN_NOTE = '王老师可以打印的测试记录：讨论作息与入睡困难';
const FOREIGN_NOTE = '李老师个案中的保密测试内容不应出现在打印件中';

async function invoke<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function switchTo(page: Page, who: { username: string; password: string; newPassword: string }) {
  await invoke(page, 'auth.lock', {});
  await invoke(page, 'auth.signIn', { username: who.username, password: who.password });
  await invoke(page, 'auth.changePassword', { currentPassword: who.password, newPassword: who.newPassword });
}

function intake(studentId: string, counselorId: string) {
  return {
    studentId,
    consent: { confidentialityLimitsExplained: true, consentedBy: '测试学生甲', consentedAt: new Date().toISOString(), minor: false },
    concerns: ['sleep'],
    cssrs: [0, 0, 'NA', 'NA', 'NA', 0, 'NA'],
    disposition: 'individual',
    counselorId,
  };
}

async function signedNote(page: Page, caseId: string, process: string) {
  const note = await invoke<{ id: string }>(page, 'notes.create', {
    caseId,
    sessionAt: new Date().toISOString(),
    mode: 'in_person',
    minutes: 50,
    topics: ['睡眠'],
    topicCategories: ['academic_adjustment'],
    body: { chief_complaint: '测试主诉：入睡困难', process, plan: '一周后再谈' },
    riskCheck: { level: 'low', suicidalIdeation: false, selfHarm: false, comment: null },
  });
  await invoke(page, 'notes.sign', { id: note.id });
}

test('a counselor prints a student file as PDF; the director finds the print in the audit log and verifies the chain', async ({ shell, page, dataDir }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible();
  const wang = await invoke<{ id: string }>(page, 'accounts.create', {
    username: COUNSELOR.username,
    displayName: COUNSELOR.displayName,
    password: COUNSELOR.password,
    roles: ['counselor'],
  });
  const li = await invoke<{ id: string }>(page, 'accounts.create', {
    username: OTHER.username,
    displayName: OTHER.displayName,
    password: OTHER.password,
    roles: ['counselor'],
  });
  const student = await invoke<{ id: string }>(page, 'students.create', {
    studentNo: '2026990001',
    name: '测试学生甲',
    department: '文学院',
    className: '文学1班',
  });
  const wangCase = await invoke<{ caseId: string }>(page, 'cases.intake', intake(student.id, wang.id));
  const liCase = await invoke<{ caseId: string }>(page, 'cases.intake', intake(student.id, li.id));

  // 李老师 writes a note in their own case; 王老师 writes one in theirs.
  await switchTo(page, OTHER);
  await signedNote(page, liCase.caseId, FOREIGN_NOTE);
  await switchTo(page, COUNSELOR);
  await signedNote(page, wangCase.caseId, OWN_NOTE);
  await page.reload();

  // From the student file, 打印档案 opens the printable file.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await page.getByRole('button', { name: /打印档案/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/print/case-file%3A${student.id}$`));
  const doc = page.getByTestId('case-file-print');
  await expect(doc.getByText(OWN_NOTE)).toBeVisible();
  await expect(doc).toContainText('本个案不由您负责');
  await expect(doc).not.toContainText(FOREIGN_NOTE);

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pdfFile = join(dataDir, 'case-file.pdf');
  writeFileSync(pdfFile, pdf);
  const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim());
  expect(pages.length).toBeGreaterThan(0);
  // Every page: the mark, who printed it, its number of the total.
  pages.forEach((pageText, i) => {
    expect(pageText).toContain('机密 / Confidential');
    expect(pageText).toContain(`打印人：${COUNSELOR.displayName}`);
    expect(pageText.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${pages.length}页`);
  });
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain(OWN_NOTE.replace(/\s+/g, ''));
  expect(flat).toContain('学生心理健康档案');
  expect(flat).not.toContain(FOREIGN_NOTE.replace(/\s+/g, ''));
  expect(flat).not.toContain('李老师个案中的保密');
  // The on-screen controls stay off the paper.
  expect(flat).not.toContain('说明理由后一并打印');

  // The director looks the print up in the audit log by the student.
  await invoke(page, 'auth.lock', {});
  await page.reload();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/audit'));
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await page.getByRole('combobox', { name: '涉及学生' }).fill('2026990001');
  await page.locator('.ant-select-dropdown:visible').getByTitle('测试学生甲（2026990001） · 文学院', { exact: true }).click();
  const printed = page.locator('tbody tr', { hasText: '打印 · 学生' });
  await expect(printed).toHaveCount(1);
  await expect(printed).toContainText(COUNSELOR.displayName);
  await expect(printed).toContainText('测试学生甲（2026990001）');
  await expect(printed).toContainText('本工作站');
  // The other counselor's note is in the student's log too (created and signed), as an action only.
  await expect(page.locator('tbody tr', { hasText: '签署 · 咨询记录' })).toHaveCount(2);

  await page.getByRole('button', { name: /校验日志链/ }).click();
  await expect(page.getByTestId('audit-verify-result')).toContainText('日志链完整');
});
