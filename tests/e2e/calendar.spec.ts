import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import dayjs from 'dayjs';
import { mondayOf } from '../../src-shared/calendar/calendar-time';
import { ADMIN, COUNSELOR, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 预约 on the real shell with synthetic people. Students and the counselor's account belong to
 * other pages and are set up through the page's bridge; rooms, the term and every booking go
 * through the calendar's own UI.
 */

const TODAY = dayjs().format('YYYY-MM-DD');
const STUDENTS = [
  { studentNo: '2026200001', name: '测试学生甲' },
  { studentNo: '2026200002', name: '测试学生乙' },
  { studentNo: '2026200003', name: '测试学生丙' },
];

async function invoke(page: Page, channel: string, input: unknown): Promise<unknown> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Screenshots go only where CALENDAR_SCREENSHOTS points (outside the repository), never by default. */
async function shot(page: Page, name: string) {
  const dir = process.env.CALENDAR_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

async function chooseOption(page: Page, title: string) {
  await page.locator(`.ant-select-item-option[title="${title}"]`).click();
}

/** Fill the 新建预约 dialog: a student found by name, 王老师, and (optionally) the first room. */
async function book(page: Page, student: (typeof STUDENTS)[number]) {
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: '学生' })).toBeVisible();
  await dialog.getByRole('combobox', { name: '学生' }).fill(student.name);
  await chooseOption(page, `${student.name}（${student.studentNo}）`);
  await dialog.getByRole('combobox', { name: '咨询师' }).click();
  await chooseOption(page, COUNSELOR.displayName);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
}

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('calendar: rooms and term in settings, two bookings, a clash refused with its reason, check-in and done', async ({ page }) => {
  test.setTimeout(120_000);
  for (const student of STUDENTS) await invoke(page, 'students.create', student);
  await invoke(page, 'accounts.create', {
    username: COUNSELOR.username,
    displayName: COUNSELOR.displayName,
    password: COUNSELOR.password,
    roles: ['counselor'],
  });

  // Settings: a room, and a term that starts this week.
  await page.getByRole('menuitem', { name: '设置' }).click();
  const calendarSettings = page.getByTestId('calendar-settings');
  await calendarSettings.getByLabel('名称', { exact: true }).fill('咨询室一');
  await calendarSettings.getByRole('button', { name: '添加咨询室' }).click();
  await expect(page.getByRole('cell', { name: '咨询室一' })).toBeVisible();
  await calendarSettings.getByLabel('第一周周一').fill(mondayOf(TODAY));
  await page.keyboard.press('Enter');
  await calendarSettings
    .getByRole('button', { name: /保\s*存/ })
    .last()
    .click();
  await expect(page.getByText('教学周设置已保存。').first()).toBeVisible();

  await page.getByRole('menuitem', { name: '预约' }).click();
  await expect(page.getByText('第1教学周')).toBeVisible();

  // First booking from the toolbar (today, 08:30, 50 minutes); the second by clicking 10:00.
  await page.getByRole('button', { name: /^(plus )?新建预约$/ }).click();
  await book(page, STUDENTS[0]);
  await expect(page.getByRole('dialog')).toBeHidden();
  const first = page.getByRole('button', { name: `${STUDENTS[0].name} 08:30–09:20 ${COUNSELOR.displayName}` });
  await expect(first).toBeVisible();

  await page.getByRole('button', { name: `新建预约 ${TODAY} 10:00` }).click();
  await book(page, STUDENTS[1]);
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('button', { name: `${STUDENTS[1].name} 10:00–10:50 ${COUNSELOR.displayName}` })).toBeVisible();

  // A third one with 王老师 at 08:30 clashes: refused with the reason, nothing saved.
  await page.getByRole('button', { name: /^(plus )?新建预约$/ }).click();
  await book(page, STUDENTS[2]);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('alert')).toContainText('王老师 在 08:30–09:20 已有预约，请换一个时间或咨询师。');
  await shot(page, '01-clash');
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.calendar-appointment')).toHaveCount(2);

  // Check in, then done.
  await first.click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /签\s*到/ })
    .click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(first).toHaveAttribute('data-status', 'checked_in');
  await first.click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /完\s*成/ })
    .click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(first).toHaveAttribute('data-status', 'done');
  await expect(first).toContainText('已完成');
  await shot(page, '02-week');
  await page.getByText('日视图').click();
  await shot(page, '03-day');
  await page.getByRole('menuitem', { name: '工作台' }).click();
  await shot(page, '04-workbench');
});
