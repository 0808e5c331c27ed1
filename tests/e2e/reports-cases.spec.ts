import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 上报 -> 分诊 -> 初始访谈 (with the C-SSRS screen) -> 个案 -> 咨询中 -> 结案, on the real shell with
 * synthetic people. The student comes from the students module, so it is created through the bridge;
 * everything about reports and cases goes through their UI.
 */

async function invoke(page: Page, channel: string, input: unknown): Promise<any> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Screenshots only where CASES_SCREENSHOTS points (outside the repository), never by default. */
async function shot(page: Page, name: string) {
  const dir = process.env.CASES_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('a 心理委员 report goes through triage to an intake with a C-SSRS screen, a case, and closing', async ({ page }) => {
  test.setTimeout(120_000);
  const student = await invoke(page, 'students.create', {
    studentNo: '2026100001',
    name: '测试学生甲',
    department: '文学院',
    grade: '2026级',
    className: '文学1班',
  });

  // 上报 from the student file.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await expect(page.getByRole('heading', { name: '测试学生甲' })).toBeVisible();
  await page.getByRole('button', { name: /上报/ }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('combobox', { name: '上报人身份' }).click();
  await page.locator('.ant-select-item-option[title="心理委员"]').click();
  await form.getByLabel('上报人姓名').fill('心理委员乙');
  await form.getByLabel('上报人联系方式').fill('13900000000');
  await form.getByLabel('情绪低落').check();
  await form.getByLabel('睡眠变化').check();
  await form.getByLabel('具体情况').fill('近两周常常失眠，上课注意力差，很少和室友说话（合成数据）');
  await form.getByText('尽快处理', { exact: true }).click();
  await shot(page, '01-report-form');
  await form.getByRole('button', { name: '提交上报' }).click();
  await expect(page.getByText('上报已提交，心理中心会尽快处理。')).toBeVisible();
  await expect(form).toBeHidden();

  // 分诊: the report waits in the queue; its detail leads to the intake.
  await page.getByRole('menuitem', { name: '上报与分诊' }).click();
  const row = page.getByTestId('report-row').filter({ hasText: '测试学生甲' });
  await expect(row).toContainText('心理委员');
  await expect(row).toContainText('睡眠变化');
  await expect(row).toContainText('尽快处理');
  await row.getByRole('button', { name: '查看' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('近两周常常失眠', { exact: false })).toBeVisible();
  await shot(page, '02-triage-drawer');
  await drawer.getByRole('button', { name: '开始初始访谈' }).click();
  await expect(page).toHaveURL(/#\/intake\/report%3A/);

  // 初始访谈, step by step.
  await expect(page.getByText('学生：测试学生甲（2026100001）')).toBeVisible();
  await expect(page.getByText(/伤害自己的明显危险/)).toBeVisible();
  const next = page.getByRole('button', { name: /下一步|下 一 步/ });
  await shot(page, '03-consent');
  await next.click();
  await expect(page.getByText('须先向学生说明保密例外。')).toBeVisible();
  await page.getByLabel(/已向学生逐条说明以上保密例外/).check();
  await next.click();
  await page.getByLabel('压力应对').check();
  await page.getByLabel('睡眠').check();
  await next.click();
  await page.getByLabel('既往史').fill('无既往咨询史（合成数据）');
  await next.click();
  const answer = async (q: string, label: '是' | '否') =>
    page
      .getByRole('radiogroup', { name: new RegExp(`^${q} `) })
      .getByLabel(label, { exact: true })
      .check();
  await answer('Q1', '是');
  await answer('Q2', '否');
  await expect(page.getByRole('radiogroup', { name: /^Q3 / })).toHaveCount(0);
  await answer('Q6', '否');
  await shot(page, '04-cssrs');
  await next.click();
  await page.getByLabel('印象').fill('学业压力引起的睡眠问题（合成数据）');
  await page.getByLabel('个体咨询').check();
  await page.getByRole('button', { name: '完成初始访谈并建立个案' }).click();

  // 个案: the case opens at the screen's level, in intake status.
  await expect(page).toHaveURL(/#\/case\/[^/]+$/, { timeout: 15_000 });
  await expect(page.getByRole('heading', { name: /个案 \d{4}-0001/ })).toBeVisible();
  await expect(page.getByText('低风险').first()).toBeVisible();
  await expect(page.getByText('初始访谈', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('压力应对、睡眠')).toBeVisible();

  await shot(page, '05-case');
  await page.getByRole('button', { name: '开始咨询' }).click();
  await expect(page.getByText('个案状态已更新为“咨询中”。')).toBeVisible();
  await expect(page.getByRole('button', { name: '暂停' })).toBeVisible();

  await page.getByRole('button', { name: '结案' }).click();
  const closing = page.getByRole('dialog');
  await closing.getByRole('button', { name: '结案' }).click();
  await expect(closing.getByText('请选择结案原因。')).toBeVisible();
  await expect(closing.getByText('请填写结案小结。')).toBeVisible();
  await closing.getByLabel('咨询目标达成').check();
  await closing.getByLabel('结案小结').fill('睡眠改善，学业压力可以应对，双方同意结案（合成数据）');
  await shot(page, '06-closing');
  await closing.getByRole('button', { name: '结案' }).click();
  await expect(page.getByText('个案已结案。')).toBeVisible();
  await expect(page.getByText('已结案', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('睡眠改善，学业压力可以应对', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: '开始咨询' })).toHaveCount(0);

  // The report left the queue; the report tab of the case shows where it went.
  await page.getByRole('tab', { name: '上报' }).click();
  await expect(page.getByTestId('report-row').filter({ hasText: '已转初始访谈' })).toBeVisible();
  await page.getByRole('menuitem', { name: '上报与分诊' }).click();
  await expect(page.getByText('没有待分诊的上报。')).toBeVisible();
});
