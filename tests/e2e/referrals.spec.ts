import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 通知记录, 转介, 安全计划 and 保密例外 on the real shell, synthetic people only. The student, the
 * case and the crisis event belong to other modules and are set up through the page's bridge;
 * this module's records go through its UI.
 */

async function invoke<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Signed in as the admin (also the director), with a student and a case assigned to them. */
async function studentWithCase(page: Page): Promise<{ studentId: string; caseId: string }> {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible();
  const me = await invoke<{ session: { accountId: string } }>(page, 'app.status', {});
  const student = await invoke<{ id: string }>(page, 'students.create', {
    studentNo: '2026990001',
    name: '测试学生甲',
    department: '文学院',
    className: '文学1班',
  });
  const opened = await invoke<{ caseId: string }>(page, 'cases.intake', {
    studentId: student.id,
    consent: { confidentialityLimitsExplained: true, consentedBy: '测试学生甲', consentedAt: new Date().toISOString(), minor: false },
    concerns: ['sleep'],
    cssrs: [0, 0, 'NA', 'NA', 'NA', 0, 'NA'],
    disposition: 'individual',
    counselorId: me.session.accountId,
  });
  return { studentId: student.id, caseId: opened.caseId };
}

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('dialog').getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

test('a notification to the guardian is recorded on the crisis event', async ({ shell, page }) => {
  await initializeViaCore(shell);
  const { studentId, caseId } = await studentWithCase(page);
  const event = await invoke<{ id: string }>(page, 'crisis.open', { studentId, caseId, level: '1', description: '测试：学生在宿舍情绪崩溃' });

  await page.evaluate((id) => (window.location.hash = `#/crisisEvent/${id}`), event.id);
  await page.getByRole('tab', { name: '通知记录' }).click();
  const panel = page.getByTestId('event-notifications');
  await expect(panel.getByText('还没有通知记录。')).toBeVisible();
  await panel.getByRole('button', { name: /记录通知/ }).click();
  const dialog = page.getByRole('dialog');
  await chooseOption(page, '通知对象类别', '监护人（家长）');
  await dialog.getByLabel('通知对象', { exact: true }).fill('测试家长（母亲）');
  await dialog.getByLabel('告知内容').fill('测试：告知学生目前情况，请家长今日到校');
  await dialog.getByLabel('依据').fill('学生存在自伤风险，依据保密例外通知监护人');
  await dialog.getByRole('button', { name: '保存记录' }).click();
  await expect(dialog).toBeHidden();
  const row = panel.locator('tbody tr', { hasText: '测试家长（母亲）' });
  await expect(row).toContainText('监护人（家长）');
  await expect(row).toContainText('电话');
  await expect(row).toContainText('测试：告知学生目前情况');
  await expect(row).toContainText(ADMIN.displayName);
});

test('on the case page: a referral with its printable letter, a safety plan in two versions, a disclosure the director approves', async ({ shell, page }) => {
  await initializeViaCore(shell);
  const { caseId } = await studentWithCase(page);
  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), caseId);

  // 转介 and the letter.
  await page.getByRole('tab', { name: '转介记录' }).click();
  const referrals = page.getByTestId('referrals-panel');
  await referrals.getByRole('button', { name: /新建转介/ }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('转介医院').fill('测试市精神卫生中心');
  await dialog.getByLabel('科室').fill('心理科');
  await dialog.getByLabel('陪同人员').fill('测试家长');
  await dialog.getByLabel('转介原因（写入转介函）').fill('测试：近两周情绪低落，建议专科评估');
  await dialog.getByText('是', { exact: true }).click();
  await dialog.getByLabel('同意人').fill('测试学生甲');
  await dialog.getByRole('button', { name: '保存转介' }).click();
  await expect(dialog).toBeHidden();
  const row = referrals.locator('tbody tr', { hasText: '测试市精神卫生中心' });
  await expect(row).toContainText('已同意（测试学生甲）');
  await row.getByRole('button', { name: /打印转介函/ }).click();
  const letter = page.getByTestId('referral-letter');
  await expect(letter.getByText('机密 / Confidential')).toBeVisible();
  await expect(letter).toContainText('测试市精神卫生中心 心理科');
  await expect(letter).toContainText('测试：近两周情绪低落');
  await expect(letter).toContainText('测试学院');
  // The print dialog opens only after the core recorded the print.
  await page.evaluate(() => (window.print = () => ((window as unknown as { printed: boolean }).printed = true)));
  await page.getByRole('button', { name: /打印/ }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: boolean }).printed === true)).toBe(true);

  // 安全计划: version 1, then a change that becomes version 2.
  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), caseId);
  await page.getByRole('tab', { name: '安全计划' }).click();
  const plan = page.getByTestId('safety-plan-panel');
  await plan.getByRole('button', { name: /与学生一起制定安全计划/ }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('5 专业机构和危机热线')).toHaveValue(/全国心理援助热线 12356/);
  await dialog.getByLabel('1 预警信号').fill('连续失眠\n不想见人');
  await dialog.getByLabel('4 可以求助的人').fill('室友 测试同学');
  await dialog.getByRole('button', { name: '保存安全计划' }).click();
  await expect(dialog).toBeHidden();
  await expect(plan.getByTestId('safety-plan-version')).toHaveText('第 1 版');
  await expect(plan.getByTestId('safety-plan-view')).toContainText('连续失眠');
  await plan.getByRole('button', { name: /修改（保存为新版本）/ }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByText('修改安全计划（将保存为第 2 版）')).toBeVisible();
  await dialog.getByLabel('2 自我应对方法').fill('听音乐\n写日记');
  await dialog.getByRole('button', { name: '保存安全计划' }).click();
  await expect(dialog).toBeHidden();
  await expect(plan.getByTestId('safety-plan-version')).toHaveText('第 2 版');
  await expect(plan.getByTestId('safety-plan-view')).toContainText('写日记');

  // 保密例外: pending (not final) until the director approves it.
  await page.getByRole('tab', { name: '保密例外' }).click();
  const disclosures = page.getByTestId('disclosures-panel');
  await disclosures.getByRole('button', { name: /记录保密例外/ }).click();
  dialog = page.getByRole('dialog');
  await chooseOption(page, '触发情形', '有伤害自身的危险');
  await dialog.getByLabel('告知对象').fill('测试家长');
  await dialog.getByLabel('告知对象').press('Enter');
  await dialog.getByLabel('依据').fill('学生存在自伤风险');
  await dialog.getByLabel('告知内容').fill('测试：学生近期有自伤想法，需家长陪同就医');
  await dialog.getByRole('button', { name: '提交主任审批' }).click();
  await expect(dialog).toBeHidden();
  await expect(disclosures.getByTestId('disclosure-status')).toHaveText('待主任审批，尚未生效');

  await page.evaluate(() => (window.location.hash = '#/disclosures'));
  const card = page.getByTestId('disclosure-approval');
  await expect(card).toContainText('测试学生甲');
  await expect(card).toContainText('测试家长');
  await card.getByRole('button', { name: '批准', exact: true }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('审批意见').fill('同意，告知范围适当');
  await dialog.getByRole('button', { name: '批准', exact: true }).click();
  await expect(page.getByText('没有待审批的保密例外。')).toBeVisible();

  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), caseId);
  await page.getByRole('tab', { name: '保密例外' }).click();
  await expect(page.getByTestId('disclosures-panel').getByTestId('disclosure-status')).toHaveText('已批准');
  await expect(page.getByTestId('disclosures-panel')).toContainText('同意，告知范围适当');
});
