import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 团体辅导 and 心理健康教育活动 on the real shell, synthetic people only. The students come from
 * another page, so they are set up through the shell's client; the groups and activities pages are
 * driven through their UI.
 */

const STUDENTS = [
  ['2026100001', '测试学生甲'],
  ['2026100002', '测试学生乙'],
] as const;

/** A tiny but real PDF header: the core checks the leading bytes of each type. */
const PDF = Buffer.from('%PDF-1.4\n% synthetic attachment for a test\n%%EOF\n');

/** Screenshots go only where GROUPS_SCREENSHOTS points (outside the repository), never by default. */
async function shot(page: Page, name: string) {
  const dir = process.env.GROUPS_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('groups: create a group, add two members, record a session with attendance', async ({ page, shell }) => {
  for (const [studentNo, name] of STUDENTS) {
    const result = await shell.client.invoke('students.create', { studentNo, name, department: '文学院', grade: '2026级', className: '文学1班' });
    if (!result.ok) throw new Error(`student setup failed: ${JSON.stringify(result.error)}`);
  }
  await page.getByRole('menuitem', { name: '团体辅导' }).click();
  await expect(page.getByText('还没有团体，请点击“新建团体”。')).toBeVisible();
  await page.getByRole('button', { name: '新建团体' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('团体名称').fill('新生适应成长小组');
  await expect(dialog.getByLabel('新生适应')).toBeChecked();
  await dialog.getByRole('button', { name: '建立团体' }).click();
  await expect(dialog.getByText('请至少选择一位带领者。')).toBeVisible();
  await dialog.getByLabel('带领者').click();
  await page.getByTitle(ADMIN.displayName, { exact: true }).click();
  await shot(page, '01-new-group');
  await dialog.getByRole('button', { name: '建立团体' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: /新生适应成长小组/ })).toBeVisible();
  await expect(page).toHaveURL(/#\/group\/[^/]+$/);

  // Members through the student search, two in one step.
  const search = page.getByLabel('输入学号、姓名或拼音查找学生');
  for (const [, name] of STUDENTS) {
    await search.fill(name);
    await page.getByTitle(new RegExp(name)).first().click();
  }
  await page.getByRole('button', { name: '添加成员' }).click();
  const members = page.getByTestId('group-members');
  await expect(members.getByText('测试学生甲')).toBeVisible();
  await expect(members.getByText('测试学生乙')).toBeVisible();
  await expect(page.getByText('在组 2 人')).toBeVisible();

  // 记录一次活动: both present, a group note.
  await page.getByRole('button', { name: '记录一次活动' }).click();
  const sessionDialog = page.getByRole('dialog');
  // A click during the dialog's opening animation can be lost: retry until the box is ticked.
  for (const label of ['测试学生甲（2026100001）', '测试学生乙（2026100002）']) {
    await expect(async () => {
      await sessionDialog.getByLabel(label).check({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  }
  await sessionDialog.getByLabel('团体记录').fill('破冰活动，建立团体契约。');
  await shot(page, '02-record-session');
  await sessionDialog.getByRole('button', { name: '保存记录' }).click();
  await expect(sessionDialog).toBeHidden({ timeout: 15_000 });
  const sessions = page.getByTestId('group-sessions');
  await expect(sessions.getByText('第 1 次')).toBeVisible();
  await expect(sessions.getByText('2 人')).toBeVisible();
  await expect(sessions.getByText('破冰活动，建立团体契约。')).toBeVisible();
  await shot(page, '03-group-view');

  // What the core stored: two current members, one session with both present.
  const list = await shell.client.invoke('groups.list', {});
  expect(list).toMatchObject({ ok: true, value: [{ name: '新生适应成长小组', memberCount: 2, sessionCount: 1 }] });
});

test('activities: create an activity with an attachment and see it in the list with the summary', async ({ page }) => {
  await page.getByRole('menuitem', { name: '教育活动' }).click();
  await expect(page.getByText('这段时间还没有活动记录。')).toBeVisible();
  await page.getByRole('button', { name: '新建活动' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('活动类型').click();
  await page.getByTitle('5·25心理健康月活动', { exact: true }).click();
  await dialog.getByPlaceholder('活动日期').fill('2026-05-25');
  await dialog.getByPlaceholder('活动日期').press('Enter');
  await dialog.getByLabel('活动名称').fill('“5·25”心理健康月开幕式');
  await dialog.getByLabel('组织者', { exact: true }).fill('心理健康教育与咨询中心');
  await dialog.getByLabel('参与人数').fill('-3');
  await dialog.getByRole('button', { name: '保存活动' }).click();
  await expect(dialog.getByText('参与人数不能为负数。')).toBeVisible();
  await dialog.getByLabel('参与人数').fill('320');
  await dialog.locator('input[type="file"]').setInputFiles({ name: '开幕式签到表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(dialog.getByTestId('pending-attachments').getByText('开幕式签到表.pdf')).toBeVisible();
  await shot(page, '04-new-activity');
  await dialog.getByRole('button', { name: '保存活动' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });

  const list = page.getByTestId('activity-list');
  await expect(list.getByText('“5·25”心理健康月开幕式')).toBeVisible();
  await expect(list.getByLabel('1 个')).toBeVisible();
  const summary = page.getByTestId('activity-summary');
  await expect(summary.getByText('5·25心理健康月活动')).toBeVisible();
  await expect(summary.getByText('320').first()).toBeVisible();
  await shot(page, '05-activities');

  // The attachment is on the activity and downloads as the same bytes.
  await list.getByText('“5·25”心理健康月开幕式').click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByTestId('activity-attachments').getByText('开幕式签到表.pdf')).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { __blobs: Blob[] };
    w.__blobs = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) w.__blobs.push(blob);
      return original(blob);
    };
  });
  await shot(page, '06-activity-detail');
  await drawer.getByRole('button', { name: /下载/ }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __blobs: Blob[] }).__blobs.length)).toBe(1);
  const text = await page.evaluate(() => (window as unknown as { __blobs: Blob[] }).__blobs[0].text());
  expect(text).toBe(PDF.toString());
});
