import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 备份与恢复 on the real shell: a backup is made from the UI into a temp folder (typed path in
 * the browser shell), shows up in the history, and is verified from the history row.
 */
test('back up now into a folder, see it in the history, verify it', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'counsel-e2e-backup-'));
  try {
    const recoveryCode = await initializeViaCore(shell);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible({ timeout: 15_000 });

    await page.getByRole('menuitem', { name: '备份与恢复' }).click();
    await expect(page.getByRole('heading', { name: '备份与恢复' })).toBeVisible();
    await expect(page.getByText('还没有备份记录。')).toBeVisible();

    await page.getByLabel('备份到文件夹').fill(folder);
    await page.getByRole('button', { name: '立即备份' }).click();
    await expect(page.getByText(/^备份完成：/)).toBeVisible({ timeout: 30_000 });

    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^counsel-backup-.+-\d{8}-\d{6}\.cbk$/);
    const row = page.getByRole('row').filter({ hasText: files[0]! });
    await expect(row).toBeVisible();
    await expect(row.getByText('手动')).toBeVisible();
    await expect(row.getByText('在原位置')).toBeVisible();

    await row.getByRole('button', { name: /校验/ }).click();
    const result = page.getByTestId('backup-verify-result');
    await expect(result.getByText('备份完好，可以用于恢复。')).toBeVisible({ timeout: 30_000 });
    await expect(result.getByText(/加密数据库/)).toBeVisible();
    await expect(page.getByLabel('备份文件路径')).toHaveValue(join(folder, files[0]!));
    // Without the recovery code the checksums only: it says authenticity was not checked.
    await expect(page.getByTestId('backup-verify-authenticity')).toContainText('未核验真实性');

    // With the recovery code: the seal, the integrity check and the audit chain (issue 15, finding 4).
    await page.getByLabel('恢复密钥（可选，用于核验真实性）').fill(recoveryCode);
    await page.getByRole('button', { name: '校验备份' }).click();
    await expect(page.getByTestId('backup-verify-authenticity')).toContainText('真实性已核验', { timeout: 30_000 });
    await expect(page.getByTestId('backup-verify-authenticity')).toContainText('数据库完整性检查通过');
    if (process.env.SCREENSHOTS) {
      await page.getByTestId('backup-verify-result').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/backup-verify-zh.png`, fullPage: true });
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByTestId('backup-verify-authenticity')).toContainText('Authenticity checked');
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/backup-verify-en.png`, fullPage: true });
      await page.getByText('简体中文', { exact: true }).click();
    }

    // A path that is not a backup is reported as such.
    await page.getByLabel('备份文件路径').fill(join(folder, 'nothing-here.cbk'));
    await page.getByRole('button', { name: '校验备份' }).click();
    await expect(result.getByText('无法读取该文件。')).toBeVisible();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
