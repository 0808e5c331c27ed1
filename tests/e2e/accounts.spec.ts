import { ADMIN, COUNSELOR, expect, initializeViaCore, signIn, test } from './fixtures';

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('accounts: edit roles, reset a password, disable and enable with a new temporary password', async ({ page, shell }) => {
  const created = await shell.client.invoke('accounts.create', {
    username: COUNSELOR.username,
    displayName: COUNSELOR.displayName,
    password: COUNSELOR.password,
    roles: ['counselor'],
  });
  expect(created).toMatchObject({ ok: true });
  await page.getByRole('menuitem', { name: '账号管理' }).click();
  const row = page.getByRole('row', { name: new RegExp(COUNSELOR.username) });
  await expect(row).toContainText('咨询师');

  // Edit: add 督导.
  await row.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel('角色').click();
  await page.getByTitle('督导', { exact: true }).click();
  await page.keyboard.press('Escape');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden({ timeout: 15_000 });
  await expect(row).toContainText('督导');

  // Reset the password: a new temporary one.
  await row.getByRole('button', { name: '重设密码' }).click();
  const reset = page.getByRole('dialog');
  await reset.getByLabel('临时密码', { exact: true }).fill('reset-temp-pass-1');
  await reset.getByLabel('再次输入临时密码').fill('reset-temp-pass-1');
  await reset.getByRole('button', { name: '重设密码' }).click();
  await expect(reset).toBeHidden({ timeout: 15_000 });
  await expect(page.getByText(`${COUNSELOR.displayName} 的密码已重设。`)).toBeVisible();

  // Disable (the dialog finds no open work to hand over), then the row offers 启用 only.
  await row.getByRole('button', { name: '停用' }).click();
  const disable = page.getByRole('dialog');
  await expect(disable.getByText('该账号手上没有未完成的工作，可以直接停用。')).toBeVisible({ timeout: 15_000 });
  await disable.getByRole('button', { name: '停用' }).click();
  await expect(disable).toBeHidden({ timeout: 15_000 });
  await expect(row).toContainText('已停用');
  await expect(row.getByRole('button', { name: '启用' })).toBeVisible();
  await expect(row.getByRole('button', { name: '重设密码' })).toHaveCount(0);

  // Enable asks for a new temporary password (mismatch refused first).
  await row.getByRole('button', { name: '启用' }).click();
  const enable = page.getByRole('dialog');
  await enable.getByLabel('临时密码', { exact: true }).fill('temporary-pass-1');
  await enable.getByLabel('再次输入临时密码').fill('temporary-pass-2');
  await enable.getByRole('button', { name: '启用' }).click();
  await expect(enable.getByText('两次输入的密码不一致。')).toBeVisible();
  await enable.getByLabel('再次输入临时密码').fill('temporary-pass-1');
  await enable.getByRole('button', { name: '启用' }).click();
  await expect(enable).toBeHidden({ timeout: 15_000 });
  await expect(row).toContainText('可用');
  await expect(row).toContainText('待修改密码');

  // The counselor signs in with the temporary password and must change it.
  await page.keyboard.press('Control+L');
  await signIn(page, COUNSELOR.username, 'temporary-pass-1');
  await expect(page.getByText('请修改密码')).toBeVisible({ timeout: 15_000 });
});

test('accounts: the core refuses to disable the last administrator and duplicates, in Chinese', async ({ page }) => {
  await page.getByRole('menuitem', { name: '账号管理' }).click();
  // One's own row has no 停用 button at all.
  const own = page.getByRole('row', { name: new RegExp(ADMIN.username) });
  await expect(own).toContainText('（您）');
  await expect(own.getByRole('button', { name: '停用' })).toHaveCount(0);

  // Taking away one's own (the only) admin role is refused with the translated reason.
  await own.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog');
  await edit.locator('.ant-select-selection-item', { hasText: '管理员' }).locator('.ant-select-selection-item-remove').click();
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit.getByText('至少需要保留一个可用的管理员账号。')).toBeVisible({ timeout: 15_000 });
  await edit.getByRole('button', { name: '取消' }).click();

  // A username that is taken.
  await page.getByRole('button', { name: '新建账号' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('用户名').fill(ADMIN.username);
  await create.getByLabel('姓名').fill('另一位张老师');
  await create.getByLabel('角色').click();
  await page.getByTitle('接待', { exact: true }).click();
  await page.keyboard.press('Escape');
  await create.getByLabel('初始密码', { exact: true }).fill('initial-pass-123');
  await create.getByLabel('再次输入初始密码').fill('initial-pass-123');
  await create.getByRole('button', { name: '保存' }).click();
  await expect(create.getByText('该用户名已被使用。')).toBeVisible({ timeout: 15_000 });
});

test('settings: the school name and idle-lock minutes are saved and shown', async ({ page, shell }) => {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByLabel('学校名称').fill('测试学院（东校区）');
  await page.getByLabel('空闲自动锁定（分钟）').fill('300');
  await page.getByTestId('settings-workstation').getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('请输入 1 到 240 之间的整数。')).toBeVisible();
  await page.getByLabel('空闲自动锁定（分钟）').fill('25');
  await page.getByTestId('settings-workstation').getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('设置已保存。')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('school-name')).toHaveText('测试学院（东校区）');
  expect(await shell.client.invoke('settings.get', {})).toMatchObject({ ok: true, value: { schoolName: '测试学院（东校区）', idleLockMinutes: 25 } });
  await page.getByRole('menuitem', { name: '工作台' }).click();
  await expect(page.getByText('25 分钟')).toBeVisible();
});
