import { ADMIN, COUNSELOR, expect, expectNoSeriousA11yViolations, initializeViaCore, signIn, test } from './fixtures';

const SHOTS = process.env.HANDOVER_SHOTS;

/**
 * Issue 14 item 10 as a director meets it: a counselor with an open task and a crisis event
 * leaves; the task goes to a successor, the event (no successor chosen) shows as 无人负责 on
 * the workbench until the director takes it.
 */
test('disabling a counselor with open work: successor per kind, the rest is 无人负责 until taken', async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  const ok = async (channel: string, input: unknown) => {
    const result = await shell.client.invoke(channel as never, input as never);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as { id: string };
  };
  const counselor = await ok('accounts.create', {
    username: COUNSELOR.username,
    displayName: COUNSELOR.displayName,
    password: COUNSELOR.password,
    roles: ['counselor'],
  });
  await ok('accounts.create', { username: 'li.zixun', displayName: '李老师', password: 'li-initial-pass-1', roles: ['counselor'] });
  const student = await ok('students.create', { studentNo: '2026100001', name: '测试学生甲', department: '文学院' });
  await ok('followups.create', { studentId: student.id, title: '电话随访', assignedTo: counselor.id, dueAt: '2020-01-01T00:00:00Z' });
  await ok('crisis.open', { studentId: student.id, level: '1', description: '测试描述', ownerId: counselor.id });

  await page.getByRole('menuitem', { name: '账号管理' }).click();
  const row = page.getByRole('row', { name: new RegExp(COUNSELOR.username) });
  await row.getByRole('button', { name: '停用' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('该账号手上还有 2 项未完成的工作', { exact: false })).toBeVisible({ timeout: 15_000 });
  await expect(dialog.getByTestId('handover-tasks')).toContainText('测试学生甲（2026100001）');
  await expect(dialog.getByTestId('handover-tasks')).toContainText('1 项逾期');
  await expect(dialog.getByTestId('handover-crisisEvents')).toContainText('CR-');
  await dialog.getByRole('combobox', { name: '接手人 随访任务' }).click();
  await page.getByTitle('李老师（咨询师）').click();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/handover-dialog-zh.png` });
  await expectNoSeriousA11yViolations(page, 'disable dialog with open work');
  await dialog.getByRole('button', { name: '停用并移交' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(row).toContainText('已停用');

  // The director's task screen lists every open task: the handed-over one is 李老师's now.
  await page.getByRole('menuitem', { name: /随访任务/ }).click();
  await page.getByRole('tab', { name: '全部任务' }).click();
  await expect(page.getByRole('row', { name: /电话随访/ })).toContainText('李老师');

  // The event without a successor is 无人负责 on the workbench until the director takes it.
  await page.getByRole('menuitem', { name: '工作台' }).click();
  const panel = page.getByTestId('unowned-panel');
  await expect(panel.getByTestId('unowned-crisisEvents')).toContainText('测试学生甲', { timeout: 15_000 });
  await expect(panel.getByTestId('unowned-crisisEvents')).toContainText('无人负责');
  await expectNoSeriousA11yViolations(page, 'workbench with 无人负责');
  if (SHOTS) {
    await panel.screenshot({ path: `${SHOTS}/unowned-panel-zh.png` });
    await page.getByText('English', { exact: true }).click();
    await expect(panel.getByText('Nobody responsible').first()).toBeVisible();
    await panel.screenshot({ path: `${SHOTS}/unowned-panel-en.png` });
    await page.getByRole('menuitem', { name: 'Accounts' }).click();
    await page
      .getByRole('row', { name: /li\.zixun/ })
      .getByRole('button', { name: 'Disable' })
      .click();
    await expect(page.getByRole('dialog').getByText('This account still holds open work (1 item(s))', { exact: false })).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/handover-dialog-en.png` });
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('简体中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '工作台' }).click();
  }
  await panel.getByTestId('unowned-crisisEvents').getByRole('button', { name: '我来负责' }).click();
  await expect(page.getByText('已接手')).toBeVisible();
  await expect(panel.getByTestId('unowned-crisisEvents')).toHaveCount(0, { timeout: 15_000 });
});
