import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * Issue 15, finding 10 on the real shell: an administrator without a clinical role (not also the
 * director) gets the audit log without the student filter, and clinical entries read 临床记录.
 */
test('an administrator without a clinical role: no student filter, clinical entries without kind or student', async ({ page, shell }) => {
  test.setTimeout(120_000);
  await initializeViaCore(shell, false);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await expect(page.getByText(/您的账号没有临床权限/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: '操作人' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '涉及学生' })).toHaveCount(0);
  if (process.env.SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/auditlog-nonclinical-zh.png`, fullPage: true });
    await page.getByText('English', { exact: true }).click();
    await expect(page.getByText(/Your account has no clinical role/)).toBeVisible();
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/auditlog-nonclinical-en.png`, fullPage: true });
  }
});
