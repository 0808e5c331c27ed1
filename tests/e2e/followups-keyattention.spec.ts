import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * The key-attention list, leave and return, and follow-up tasks on the real shell, with synthetic
 * people only. Students belong to another page and are set up through the bridge; everything of
 * this module goes through its UI.
 */

async function invoke(page: Page, channel: string, input: unknown): Promise<unknown> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function addStudent(page: Page, studentNo: string, name: string) {
  await invoke(page, 'students.create', { studentNo, name, department: '文学院', grade: '2026级', className: '文学1班', dorm: '东区3-201' });
}

/** Pick a student in a StudentPicker by typing part of the name. */
async function pickStudent(page: Page, dialog: ReturnType<Page['getByRole']>, name: string) {
  await dialog.getByRole('combobox', { name: '学生' }).fill(name);
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
}

async function pickOption(page: Page, combobox: ReturnType<Page['getByRole']>, title: string) {
  await combobox.click();
  await page.locator(`.ant-select-item-option[title="${title}"]`).click();
}

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('key-attention list: add a student, review, move to the top level and see the crisis proposal', async ({ page }) => {
  test.setTimeout(120_000);
  await addStudent(page, '2026100001', '测试学生甲');

  await page.getByRole('menuitem', { name: '重点关注' }).click();
  await expect(page.getByText('库中暂无学生')).toBeVisible();
  await page.getByRole('button', { name: '添加学生' }).click();
  let dialog = page.getByRole('dialog');
  await pickStudent(page, dialog, '测试学生甲');
  await pickOption(page, dialog.getByRole('combobox', { name: '关注级别' }), '三级');
  await dialog.getByLabel('关注原因').fill('普查约谈后需持续关注睡眠与情绪');
  await dialog.getByLabel('辅导员', { exact: true }).fill('测试辅导员');
  await dialog.getByLabel('心理委员', { exact: true }).fill('测试心理委员');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator('tr', { hasText: '测试学生甲（2026100001）' });
  await expect(row.getByTestId('ka-level-tag')).toHaveText('三级');
  await expect(row.getByTestId('ka-level-tag')).toHaveClass(/ant-tag-gold/);
  await expect(row).toContainText('辅导员：测试辅导员');
  await expect(row).toContainText('30 天');

  await row.getByRole('button', { name: '复查' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('复查情况').fill('面谈，睡眠改善');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText(/已记录复查，下次复查：\d{4}-\d{2}-\d{2}/)).toBeVisible();

  await row.getByRole('button', { name: '调整级别' }).click();
  dialog = page.getByRole('dialog');
  await pickOption(page, dialog.getByRole('combobox', { name: '新级别' }), '一级');
  await dialog.getByLabel('调整原因').fill('出现自伤言语');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('测试学生甲 已调整为最高关注级别，建议开启危机事件。')).toBeVisible();
  await page.getByRole('button', { name: '稍后处理' }).click();
  await expect(row.getByTestId('ka-level-tag')).toHaveText('一级');
  await expect(row.getByTestId('ka-level-tag')).toHaveClass(/ant-tag-red/);

  await row.getByRole('button', { name: '历史记录' }).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByText('出现自伤言语')).toBeVisible();
  await expect(drawer.getByText('面谈，睡眠改善')).toBeVisible();
  await expect(drawer.getByText('普查约谈后需持续关注睡眠与情绪')).toBeVisible();
});

test('leave and return: record a leave, approve the return with all evidence, four weekly check-ins, complete one', async ({ page }) => {
  test.setTimeout(120_000);
  await addStudent(page, '2026100002', '测试学生乙');

  await page.getByRole('menuitem', { name: '随访任务' }).click();
  await page.getByRole('tab', { name: '休学与复学' }).click();
  await page.getByRole('button', { name: '登记休学' }).click();
  let dialog = page.getByRole('dialog');
  await pickStudent(page, dialog, '测试学生乙');
  await dialog.getByLabel('休学开始').fill('2026-09-01');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('休学原因').fill('住院治疗');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已登记休学，学生状态已改为休学')).toBeVisible();
  const leave = page.getByTestId('leave-record').filter({ hasText: '测试学生乙' });
  await expect(leave).toContainText('休学中');

  await leave.getByRole('button', { name: '复学评估' }).click();
  dialog = page.getByRole('dialog');
  // Three items are not enough for approval.
  for (const item of ['医院诊断证明（可复学）', '中心复学评估', '监护人承诺书']) await dialog.getByRole('checkbox', { name: item }).check();
  await dialog.getByLabel('复学日期').fill('2027-02-20');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog.getByText('批准复学还缺：返校支持方案')).toBeVisible();
  await dialog.getByRole('checkbox', { name: '返校支持方案' }).check();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已批准复学，已生成 4 次每周随访任务')).toBeVisible();
  const student = (await invoke(page, 'students.search', { query: '2026100002' })) as { rows: { status: string }[] };
  expect(student.rows[0].status).toBe('enrolled');

  await page.getByRole('tab', { name: '我的任务' }).click();
  const tasks = page.locator('tr', { hasText: '测试学生乙' });
  await expect(tasks).toHaveCount(4);
  for (const week of [1, 2, 3, 4]) await expect(page.getByText(`复学后第 ${week} 周随访`)).toBeVisible();
  await expect(tasks.first()).toContainText('2027-02-27');
  await expect(tasks.last()).toContainText('2027-03-20');

  await tasks.first().getByRole('button', { name: '完成' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('随访记录').fill('电话联系，适应良好');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(tasks).toHaveCount(3);
  await expect(page.getByText('复学后第 1 周随访')).toBeHidden();
  await page.getByRole('checkbox', { name: '显示已完成' }).check();
  await expect(page.locator('tr', { hasText: '电话联系，适应良好' })).toContainText('已完成');
});
