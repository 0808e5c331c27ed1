import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 培训与督导 and 心理健康教育课程 (issue 17 items 3-4) on the real shell, synthetic people only:
 * a training's attendance is edited and saved through the page, the attendance sheet prints,
 * the courses page shows the coverage of the grade, the statistics count them.
 */

/** Screenshots go only where T17_SCREENSHOTS points (outside the repository), never by default. */
async function shot(page: Page, name: string) {
  const dir = process.env.T17_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

async function ok(
  shell: { client: { invoke: (c: string, i: unknown) => Promise<{ ok: boolean; error?: unknown; value?: unknown }> } },
  channel: string,
  input: unknown,
) {
  const result = await shell.client.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as { id: string };
}

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('training with attendance, the printed sheet, courses with coverage, and the figures in the statistics', async ({ page, shell }) => {
  for (let i = 0; i < 6; i++) await ok(shell, 'students.create', { studentNo: `20261000${i}`, name: `测试学生${i}`, department: '文学院', grade: '2026' });
  await ok(shell, 'training.create', {
    title: '心理委员朋辈辅导技能培训',
    date: '2026-10-12',
    audience: 'peer_counselors',
    trainer: '王老师',
    hours: 2,
    location: '报告厅',
    attendees: [
      { name: '测试学生0', attended: true },
      { name: '测试学生1', attended: true },
    ],
  });
  await ok(shell, 'courses.create', {
    schoolYear: 2026,
    term: 'autumn',
    name: '大学生心理健康教育',
    kind: 'compulsory',
    teachers: ['王老师'],
    hours: 32,
    grade: '2026',
    enrolled: 6,
  });

  await page.getByRole('menuitem', { name: '培训与督导' }).click();
  const list = page.getByTestId('training-list');
  await list.getByRole('button', { name: '心理委员朋辈辅导技能培训' }).click();
  const editor = page.getByTestId('attendance-editor');
  await editor.getByLabel('姓名').fill('测试学生2');
  await editor.getByRole('button', { name: '添加' }).click();
  await editor.getByLabel('出勤 测试学生1').uncheck();
  await editor.getByRole('button', { name: '保存出勤' }).click();
  await expect(page.getByText('出勤已保存：出勤 2 人，名单 3 人。')).toBeVisible();
  await shot(page, 'training-attendance-zh');
  await editor.getByRole('button', { name: '测试学生0' }).click();
  await expect(page.getByTestId('training-history')).toContainText('2026–2027学年');
  await shot(page, 'training-history-zh');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '打印签到表' }).click();
  const sheet = page.getByTestId('training-attendance-print');
  await expect(sheet).toContainText('培训签到表');
  await expect(sheet).toContainText('测试学生2');
  await shot(page, 'training-print-zh');

  await page.getByRole('menuitem', { name: '心理健康课程' }).click();
  await expect(page.getByTestId('course-list')).toContainText('100%');
  await shot(page, 'courses-zh');

  await page.getByRole('menuitem', { name: '统计' }).click();
  await expect(page.getByTestId('education-figures')).toBeVisible({ timeout: 15_000 });
  await shot(page, 'statistics-education-zh');

  // The same pages in English.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('menuitem', { name: 'Training' }).click();
  await page.getByTestId('training-list').getByRole('button', { name: '心理委员朋辈辅导技能培训' }).click();
  await expect(page.getByTestId('attendance-editor')).toContainText('Attended');
  await shot(page, 'training-attendance-en');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Supervision' }).click();
  await expect(page.getByTestId('supervision-totals')).toBeVisible();
  await shot(page, 'supervision-en');
  await page.getByRole('menuitem', { name: 'Courses' }).click();
  await expect(page.getByTestId('course-list')).toContainText('Compulsory');
  await shot(page, 'courses-en');
  await page.getByRole('menuitem', { name: 'Activities' }).click();
  await page.getByRole('button', { name: /New activity/ }).click();
  await expect(page.getByLabel('Organised by')).toBeVisible();
  await shot(page, 'activity-form-en');
});
