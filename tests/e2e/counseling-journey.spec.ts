import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * The counseling work of one student end to end, through the UI of each module on the real shell
 * (synthetic people only): a 心理委员 report -> triage -> intake with a C-SSRS screen -> case ->
 * appointment -> session note -> sign -> addendum; a department liaison sees that a case is open
 * and its risk level, never the note; then the case is closed.
 */

const LIAISON = { username: 'li.fudaoyuan', displayName: '李辅导员', password: 'li-initial-pass-1', newPassword: 'li-own-pass-2026' };
const STUDENT = { studentNo: '2026300001', name: '测试学生丙', department: '文学院', grade: '2026级', className: '文学2班' };

async function invoke(page: Page, channel: string, input: unknown): Promise<{ ok: boolean; value?: any; error?: any }> {
  return (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as { ok: boolean; value?: any; error?: any };
}

async function value(page: Page, channel: string, input: unknown): Promise<any> {
  const result = await invoke(page, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function signInFresh(page: Page, who: typeof LIAISON) {
  await signIn(page, who.username, who.password);
  await page.getByLabel('当前密码', { exact: true }).fill(who.password);
  await page.getByLabel('新密码', { exact: true }).fill(who.newPassword);
  await page.getByLabel('再次输入新密码').fill(who.newPassword);
  await page.getByRole('button', { name: /修改密码/ }).click();
}

test('report -> triage -> intake -> case -> appointment -> note signed with an addendum; the liaison sees status only; closing', async ({ page, shell }) => {
  test.setTimeout(180_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  const student = await value(page, 'students.create', STUDENT);
  await value(page, 'accounts.create', {
    username: LIAISON.username,
    displayName: LIAISON.displayName,
    password: LIAISON.password,
    roles: ['liaison'],
    department: '文学院',
  });

  // 上报 by a 心理委员, from the student file.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await expect(page.getByRole('heading', { name: STUDENT.name })).toBeVisible();
  await page.getByRole('button', { name: /上报/ }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('combobox', { name: '上报人身份' }).click();
  await page.locator('.ant-select-item-option[title="心理委员"]').click();
  await form.getByLabel('上报人姓名').fill('心理委员丁');
  await form.getByLabel('情绪低落').check();
  await form.getByLabel('退缩/回避社交').check();
  await form.getByLabel('具体情况').fill('最近一周很少出宿舍（合成数据）');
  await form.getByRole('button', { name: '提交上报' }).click();
  await expect(form).toBeHidden();

  // 分诊 -> 初始访谈 with the C-SSRS screen.
  await page.getByRole('menuitem', { name: '上报与分诊' }).click();
  await page.getByTestId('report-row').filter({ hasText: STUDENT.name }).getByRole('button', { name: '查看' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '开始初始访谈' }).click();
  const next = page.getByRole('button', { name: /下一步|下 一 步/ });
  await page.getByLabel(/已向学生逐条说明以上保密例外/).check();
  await next.click();
  await page.getByLabel('人际交往').check();
  await next.click();
  await next.click();
  const answer = async (q: string, label: '是' | '否') =>
    page
      .getByRole('radiogroup', { name: new RegExp(`^${q} `) })
      .getByLabel(label, { exact: true })
      .check();
  await answer('Q1', '是');
  await answer('Q2', '否');
  await answer('Q6', '否');
  await next.click();
  await page.getByLabel('个体咨询').check();
  await page.getByRole('button', { name: '完成初始访谈并建立个案' }).click();
  await expect(page).toHaveURL(/#\/case\/[^/]+$/, { timeout: 15_000 });
  const caseId = decodeURIComponent(page.url().split('/').pop()!);
  await page.getByRole('button', { name: '开始咨询' }).click();
  await expect(page.getByText('个案状态已更新为“咨询中”。')).toBeVisible();

  // 预约 from the case page.
  await page.getByRole('tab', { name: '预约' }).click();
  await page.getByRole('button', { name: /新建预约/ }).click();
  const booking = page.getByRole('dialog');
  await booking.getByRole('combobox', { name: '咨询师' }).click();
  await page.locator(`.ant-select-item-option[title="${ADMIN.displayName}"]`).click();
  await booking.getByRole('button', { name: /保\s*存/ }).click();
  await expect(booking).toBeHidden();
  expect(await value(page, 'calendar.forCase', { caseId })).toHaveLength(1);

  // 咨询记录: write, sign, add an addendum.
  await page.getByRole('tab', { name: '咨询记录' }).click();
  await page
    .getByTestId('case-notes')
    .getByRole('button', { name: /新建咨询记录/ })
    .click();
  const editor = page.getByTestId('note-editor');
  await editor.getByLabel('主诉').fill('测试主诉：不想和室友交流');
  await editor.getByLabel('计划').fill('下周继续');
  await editor.getByRole('checkbox', { name: '人际交往' }).check();
  await editor.getByText('低', { exact: true }).click();
  await editor.locator('#riskCheck_suicidalIdeation').getByText('否').click();
  await editor.locator('#riskCheck_selfHarm').getByText('否').click();
  await editor.getByRole('button', { name: '签名并锁定' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '签名并锁定' }).click();
  const view = page.getByTestId('note-view');
  await expect(view.getByText('记录已锁定，只能添加补充记录。')).toBeVisible();
  await view.getByLabel('新的补充记录').fill('补充：辅导员反馈已回宿舍');
  await view.getByRole('button', { name: '添加补充记录' }).click();
  await expect(view.getByTestId('note-addenda').getByText('补充：辅导员反馈已回宿舍')).toBeVisible();
  const [note] = await value(page, 'notes.list', { caseId });
  // The signed body cannot be changed through the contract either.
  const refused = await invoke(page, 'notes.update', { id: note.id, body: { chief_complaint: '改写' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

  // The department liaison: the student's case is open and its risk level shows; no note, no case page.
  await value(page, 'auth.lock', {});
  await signInFresh(page, LIAISON);
  await expect(page.getByText(`您好，${LIAISON.displayName}`)).toBeVisible({ timeout: 15_000 });
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  const status = page.getByTestId('student-case-status');
  await expect(status.getByText('有进行中的个案')).toBeVisible();
  await expect(status.getByText(/低/)).toBeVisible();
  await expect(page.getByText('测试主诉')).toHaveCount(0);
  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), caseId);
  await expect(page.getByText(`您好，${LIAISON.displayName}`)).toBeVisible();
  await expect(page.getByText('测试主诉')).toHaveCount(0);
  expect(await invoke(page, 'notes.list', { caseId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await invoke(page, 'cases.get', { id: caseId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  // Back to the director: the case is closed.
  await value(page, 'auth.lock', {});
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), caseId);
  await page.getByRole('button', { name: '结案' }).click();
  const closing = page.getByRole('dialog');
  await closing.getByLabel('咨询目标达成').check();
  await closing.getByLabel('结案小结').fill('已恢复与室友交流（合成数据）');
  await closing.getByRole('button', { name: '结案' }).click();
  await expect(page.getByText('个案已结案。')).toBeVisible();
});
