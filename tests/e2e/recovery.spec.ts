import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

const NEW_PASSWORD = 'zhang-recovered-pass-9';

test('forgotten password: the recovery key sets a new administrator password; the old one stops working', async ({ page, shell }) => {
  const recoveryCode = await initializeViaCore(shell);
  await expect(page.getByText('工作站已锁定')).toBeVisible();
  await page.getByRole('button', { name: '忘记密码？使用恢复密钥' }).click();
  await expect(page.getByText('使用恢复密钥', { exact: true })).toBeVisible();

  // A wrong key is refused in Chinese.
  const wrong = recoveryCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  await page.getByLabel('恢复密钥').fill(wrong);
  await page.getByRole('button', { name: '查找管理员账号' }).click();
  await expect(page.getByRole('alert')).toContainText('恢复密钥不正确。');

  // The right key (typed loosely: lower case, spaces) lists the administrators.
  await page.getByLabel('恢复密钥').fill(recoveryCode.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: '查找管理员账号' }).click();
  const admin = page.getByRole('radio', { name: `${ADMIN.displayName} (${ADMIN.username})` });
  await expect(admin).toBeVisible({ timeout: 15_000 });
  await admin.check();
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: '设置新密码并登录' }).click();
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });

  // The old password no longer opens the workstation; the new one does.
  await page.keyboard.press('Control+L');
  await expect(page.getByText('工作站已锁定')).toBeVisible();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误。');
  await signIn(page, ADMIN.username, NEW_PASSWORD);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});
