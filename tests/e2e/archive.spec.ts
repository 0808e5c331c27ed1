import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 档案 on the real shell, synthetic people only: a closed case moves to the archive after the
 * clock passes the period, is found and opened read-only; retention runs out; a destruction is
 * requested, approved by the director and a supervisor, refused while a legal hold stands,
 * carried out once it is released, and leaves a destruction record. Other modules' data is set
 * up through the bridge; the archive goes through its UI.
 */

const SUPERVISOR = { username: 'zhao.dudao', displayName: '赵督导', password: 'zhao-initial-pass-1', newPassword: 'zhao-own-pass-2026' };
const DAY = 86_400_000;

async function invoke<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function openArchive(page: Page, tab?: string) {
  await page.evaluate(() => (window.location.hash = '#/archive'));
  await expect(page.getByRole('tab', { name: '档案检索' })).toBeVisible();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

async function signInAgain(page: Page, username: string, password: string, newPassword?: string) {
  await invoke(page, 'auth.lock', {});
  await invoke(page, 'auth.signIn', { username, password });
  if (newPassword) await invoke(page, 'auth.changePassword', { currentPassword: password, newPassword });
  await page.reload();
}

test('close -> archive -> search and open -> retention -> request, two approvals, hold refuses, release, carry out -> record', async ({ page, shell }) => {
  test.setTimeout(240_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible({ timeout: 15_000 });
  const me = await invoke<{ session: { accountId: string } }>(page, 'app.status', {});
  await invoke(page, 'accounts.create', {
    username: SUPERVISOR.username,
    displayName: SUPERVISOR.displayName,
    password: SUPERVISOR.password,
    roles: ['supervisor'],
  });
  const student = await invoke<{ id: string }>(page, 'students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' });
  const opened = await invoke<{ caseId: string; caseNo: string }>(page, 'cases.intake', {
    studentId: student.id,
    consent: { confidentialityLimitsExplained: true, consentedBy: '测试学生甲', consentedAt: new Date().toISOString(), minor: false },
    concerns: ['sleep'],
    cssrs: [0, 0, 'NA', 'NA', 'NA', 0, 'NA'],
    disposition: 'individual',
    counselorId: me.session.accountId,
  });
  await invoke(page, 'cases.setStatus', { id: opened.caseId, status: 'closed', closingReason: 'goals_met', closingSummary: '测试结案小结' });

  // Not yet: the archive period (30 days) has not passed.
  await openArchive(page);
  await expect(page.getByText('没有符合条件的档案')).toBeVisible();
  await shell.client.advanceClock(31 * DAY);
  await page.getByRole('button', { name: '归档到期个案' }).click();
  await expect(page.getByText('已归档 1 个个案')).toBeVisible();
  await page.getByLabel('学号、姓名或个案编号').fill('2026990001');
  await page.getByRole('button', { name: /检\s*索/ }).click();
  await expect(page.getByRole('cell', { name: opened.caseNo, exact: true })).toBeVisible();
  await page.getByRole('button', { name: `查阅 ${opened.caseNo}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/case/${opened.caseId}`));
  await expect(page.getByText(opened.caseNo).first()).toBeVisible();
  const views = await invoke<{ status: string }>(page, 'cases.get', { id: opened.caseId });
  expect(views.status).toBe('archived');

  // The student graduates; with a one-year retention for cases, a year and more later it is due.
  await invoke(page, 'students.update', { id: student.id, patch: { status: 'graduated' } });
  await openArchive(page, '保存期限设置');
  const caseYears = page.getByLabel(/离校后保存年限：个案/);
  await caseYears.fill('1');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await shell.client.advanceClock(400 * DAY);

  await openArchive(page, '待销毁');
  await page.getByRole('button', { name: '申请销毁 测试学生甲' }).click();
  const request = page.getByRole('dialog');
  await request.getByLabel('销毁理由').fill('超过保存期限');
  await request.getByRole('button', { name: /申请销毁/ }).click();
  await expect(page.getByText('已提交销毁申请，等待审批')).toBeVisible();

  await page.getByRole('tab', { name: '销毁审批' }).click();
  await page.getByRole('button', { name: /^同\s*意$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /同\s*意/ })
    .click();
  await expect(page.getByText('张老师 同意')).toBeVisible();
  // The same person cannot approve twice: the buttons are gone for them.
  await expect(page.getByRole('button', { name: /^同\s*意$/ })).toHaveCount(0);

  await signInAgain(page, SUPERVISOR.username, SUPERVISOR.password, SUPERVISOR.newPassword);
  await page.evaluate(() => (window.location.hash = '#/archive'));
  await page.getByRole('tab', { name: '销毁审批' }).click();
  await page.getByRole('button', { name: /^同\s*意$/ }).click();
  await page.getByRole('dialog').getByLabel('审批意见').fill('同意销毁');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /同\s*意/ })
    .click();
  await expect(page.getByText('已批准，待执行')).toBeVisible();

  await signInAgain(page, ADMIN.username, ADMIN.password);
  await openArchive(page, '法律保全');
  await page.getByRole('button', { name: '设置保全' }).click();
  const hold = page.getByRole('dialog');
  await hold.getByRole('combobox').fill('2026990001');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await hold.getByLabel('保全理由').fill('法院调取材料');
  await hold.getByRole('button', { name: /设置保全/ }).click();
  await expect(page.getByText('已设置法律保全')).toBeVisible();

  await page.getByRole('tab', { name: '销毁审批' }).click();
  await page.getByRole('button', { name: /执行销毁/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /执行销毁/ })
    .click();
  await expect(page.getByText('记录处于法律保全中，不能销毁。')).toBeVisible();

  await page.getByRole('tab', { name: '法律保全' }).click();
  await page.getByRole('button', { name: '解除保全 测试学生甲' }).click();
  await page.getByRole('dialog').getByLabel('解除理由').fill('诉讼已结束');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /解除保全/ })
    .click();
  await expect(page.getByText('已解除法律保全')).toBeVisible();

  await page.getByRole('tab', { name: '销毁审批' }).click();
  await page.getByRole('button', { name: /执行销毁/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /执行销毁/ })
    .click();
  await expect(page.getByText('已执行销毁')).toBeVisible();

  await page.getByRole('tab', { name: '销毁记录' }).click();
  await expect(page.getByRole('cell', { name: '2026990001', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '张老师、赵督导' })).toBeVisible();
  await page.getByRole('tab', { name: '档案检索' }).click();
  await expect(page.getByText('没有符合条件的档案')).toBeVisible();
});
