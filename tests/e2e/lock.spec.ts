import { ADMIN, SCHOOL, expect, initializeViaCore, signIn, test } from './fixtures';

test.describe('locking', () => {
  test.beforeEach(async ({ page, shell }) => {
    await initializeViaCore(shell);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('school-name')).toHaveText(SCHOOL);
  });

  test('Ctrl+L returns to the lock screen and the session is gone', async ({ page, shell }) => {
    await page.getByRole('menuitem', { name: '关于' }).click();
    await expect(page.getByRole('row', { name: /数据库已加密/ })).toContainText('是');
    await page.keyboard.press('Control+L');
    await expect(page.getByText('工作站已锁定')).toBeVisible();
    // Nothing of the session is left on the page, and the core refuses to answer.
    await expect(page.getByText(SCHOOL)).toHaveCount(0);
    await expect(page.getByText('数据库已加密')).toHaveCount(0);
    expect(await page.evaluate(() => window.counsel.invoke('settings.get', {}))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await shell.client.invoke('app.status', {})).toMatchObject({ ok: true, value: { locked: true, session: null } });
  });

  test('the lock button does the same', async ({ page, shell }) => {
    await page.getByRole('button', { name: /锁定/ }).click();
    await expect(page.getByText('工作站已锁定')).toBeVisible();
    expect(await shell.client.invoke('settings.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('a lock from the host (the core emits session.locked) returns the window to the lock screen', async ({ page, shell }) => {
    shell.client.lock();
    await expect(page.getByText('工作站已锁定')).toBeVisible();
    await expect(page.getByText(SCHOOL)).toHaveCount(0);
    // Signing in again works as before.
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  });
});
