import { ADMIN, COUNSELOR, SCHOOL, expect, signIn, test } from './fixtures';

test('first run in Chinese: setup, recovery sheet, confirmation, sign-in, a counselor account, forced password change', async ({ page, shell }) => {
  // 1. Setup wizard: school.
  await expect(page.getByText('首次设置')).toBeVisible();
  await page.getByLabel('学校名称').fill(SCHOOL);
  await page.getByRole('button', { name: '下一步' }).click();

  // 2. First administrator; the password rules are checked before anything is created.
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('姓名').fill(ADMIN.displayName);
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('再次输入密码').fill('different');
  await page.getByRole('button', { name: '创建工作站' }).click();
  await expect(page.getByText('密码至少需要 10 个字符。')).toBeVisible();
  await expect(page.getByText('两次输入的密码不一致。')).toBeVisible();
  expect((await shell.client.invoke('app.status', {})) as { value: { initialized: boolean } }).toMatchObject({ value: { initialized: false } });

  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('再次输入密码').fill(ADMIN.password);
  await expect(page.getByRole('checkbox', { name: '同时担任中心主任' })).toBeChecked();
  await page.getByRole('button', { name: '创建工作站' }).click();

  // 3. The recovery sheet: eight groups, large and monospace, with a print button and a warning.
  const sheet = page.getByRole('region', { name: '恢复密钥' });
  await expect(sheet).toBeVisible({ timeout: 20_000 });
  const groups = await sheet.locator('.recovery-group-text').allTextContents();
  expect(groups).toHaveLength(8);
  for (const group of groups) expect(group).toMatch(/^[0-9A-Z]{4}$/);
  expect(
    await sheet
      .locator('.recovery-group-text')
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily),
  ).toMatch(/mono|Consolas|Courier/i);
  await expect(page.getByRole('button', { name: /打印/ })).toBeVisible();
  await expect(page.getByText(/请立即打印或抄写/)).toBeVisible();
  // The print sheet carries the school name; it is hidden on screen.
  await expect(page.locator('.print-only')).toContainText(SCHOOL);
  await expect(page.locator('.print-only')).toBeHidden();
  expect((await shell.client.invoke('app.status', {})) as { value: { initialized: boolean } }).toMatchObject({ value: { initialized: true } });
  await page.getByRole('button', { name: '我已妥善保存，下一步' }).click();

  // 4. Confirmation: the two asked groups, typed back (a wrong pair first).
  const intro = await page.getByText(/请输入其中的第 \d 组和第 \d 组/).textContent();
  const [, first, second] = intro!.match(/第 (\d) 组和第 (\d) 组/)!.map(Number);
  await page.getByLabel(`第 ${first} 组`).fill(groups[second - 1] === groups[first - 1] ? 'ZZZZ' : groups[second - 1]);
  await page.getByLabel(`第 ${second} 组`).fill(groups[first - 1]);
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByText('输入的字符与恢复密钥不符，请对照您保存的恢复密钥重新输入。')).toBeVisible();
  await page.getByLabel(`第 ${first} 组`).fill(groups[first - 1]);
  await page.getByLabel(`第 ${second} 组`).fill(groups[second - 1].toLowerCase());
  await page.getByRole('button', { name: '完成设置' }).click();

  // 5. Lock screen; a wrong password shows the Chinese error.
  await expect(page.getByText('工作站已锁定')).toBeVisible();
  await expect(page.locator('.recovery-group-text')).toHaveCount(0);
  await signIn(page, ADMIN.username, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误。');
  await signIn(page, ADMIN.username, ADMIN.password);

  // 6. Workbench for the administrator (also director).
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('school-name')).toHaveText(SCHOOL);
  await expect(page.getByRole('main').getByText('中心主任').first()).toBeVisible();

  // 7. Accounts: create a counselor with an initial password.
  await page.getByRole('menuitem', { name: '账号管理' }).click();
  await page.getByRole('button', { name: '新建账号' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill(COUNSELOR.username);
  await dialog.getByLabel('姓名').fill(COUNSELOR.displayName);
  await dialog.getByLabel('角色').click();
  await page.getByTitle('咨询师', { exact: true }).click();
  await page.keyboard.press('Escape');
  await dialog.getByLabel('初始密码', { exact: true }).fill(COUNSELOR.password);
  await dialog.getByLabel('再次输入初始密码').fill(COUNSELOR.password);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  const row = page.getByRole('row', { name: new RegExp(COUNSELOR.username) });
  await expect(row).toContainText('咨询师');
  await expect(row).toContainText('待修改密码');

  // 8. Lock with Ctrl+L; the counselor signs in and must change the initial password.
  await page.keyboard.press('Control+L');
  await expect(page.getByText('工作站已锁定')).toBeVisible();
  await signIn(page, COUNSELOR.username, COUNSELOR.password);
  await expect(page.getByText('请修改密码')).toBeVisible({ timeout: 15_000 });
  await page.getByLabel('当前密码').fill(COUNSELOR.password);
  await page.getByLabel('新密码', { exact: true }).fill(COUNSELOR.newPassword);
  await page.getByLabel('再次输入新密码').fill(COUNSELOR.newPassword);
  await page.getByRole('button', { name: '修改密码' }).click();

  // 9. The counselor's workbench: no account management.
  await expect(page.getByText(`您好，${COUNSELOR.displayName}`)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('menuitem', { name: '工作台' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '账号管理' })).toHaveCount(0);

  // The new password is the one that works now.
  await page.keyboard.press('Control+L');
  await signIn(page, COUNSELOR.username, COUNSELOR.password);
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误。');
  await signIn(page, COUNSELOR.username, COUNSELOR.newPassword);
  await expect(page.getByText(`您好，${COUNSELOR.displayName}`)).toBeVisible({ timeout: 15_000 });
});
