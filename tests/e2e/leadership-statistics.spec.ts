import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { NAVIGATION, navItemVisible } from '../../src-renderer/navigation';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * The leadership group (领导小组) sees statistics and nothing identifiable: its menu is what the
 * permission table gives it, small cells arrive as "<5", the export carries "<5" too, and a hash
 * to an identifiable page falls back to the workbench.
 */

const LEADER = { username: 'zhao.lingdao', displayName: '赵书记', password: 'zhao-initial-pass-1', newPassword: 'zhao-own-pass-2026' };

async function value(page: Page, channel: string, input: unknown): Promise<any> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: any;
    error?: any;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function invoke(page: Page, channel: string, input: unknown) {
  return page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const);
}

test('the leadership group sees only statistics, with small cells as "<5", on screen, in Excel and in the PDF', async ({ page, shell, dataDir }) => {
  test.setTimeout(180_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });

  // Six students on the key-attention list: five of 文学院, one of 理学院 (synthetic names).
  for (let i = 0; i < 6; i++) {
    const department = i < 5 ? '文学院' : '理学院';
    const student = await value(page, 'students.create', {
      studentNo: `20264000${i}`,
      name: `测试学生领${i}`,
      department,
      grade: '2026级',
      className: '测试1班',
    });
    await value(page, 'keyattention.add', {
      studentId: student.id,
      level: '2',
      reason: '合成数据：测试用原因',
      responsible: { counselorId: null, departmentCounselor: null, dormWatcher: null, peerCounselor: null },
    });
  }
  const today = new Date().toISOString().slice(0, 10);
  await value(page, 'activities.create', { kind: 'lecture', title: '测试讲座', date: today, organizer: '心理中心', participants: 150 });
  await value(page, 'accounts.create', { username: LEADER.username, displayName: LEADER.displayName, password: LEADER.password, roles: ['leadership'] });
  await value(page, 'auth.lock', {});

  // The leader signs in through the UI and replaces the initial password.
  await signIn(page, LEADER.username, LEADER.password);
  await page.getByLabel('当前密码', { exact: true }).fill(LEADER.password);
  await page.getByLabel('新密码', { exact: true }).fill(LEADER.newPassword);
  await page.getByLabel('再次输入新密码').fill(LEADER.newPassword);
  await page.getByRole('button', { name: /修改密码/ }).click();
  await expect(page.getByText(`您好，${LEADER.displayName}`)).toBeVisible({ timeout: 15_000 });

  // The menu is exactly what the permission table gives leadership.
  const expected = NAVIGATION.filter((item) => navItemVisible(['leadership'], item)).map((item) => zhCN.nav[item.route as keyof typeof zhCN.nav]);
  expect(expected).toEqual(expect.arrayContaining(['工作台', '统计', '教育活动']));
  const menu = page.locator('.main-sider').getByRole('menuitem');
  await expect(menu).toHaveText(expected);
  for (const identifiable of ['学生档案', '个案', '危机干预', '重点关注', '上报与分诊', '新生心理普查'])
    await expect(page.locator('.main-sider').getByText(identifiable, { exact: true })).toHaveCount(0);
  // The contract refuses what the menu hides.
  expect(await invoke(page, 'students.search', { query: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await invoke(page, 'keyattention.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  // Statistics: the whole school shows 6; 理学院 alone shows "<5".
  await menu.filter({ hasText: '统计' }).click();
  await expect(page.getByRole('heading', { name: '统计' })).toBeVisible();
  await expect(page.getByText(/不足5名学生的数字显示为“<5”/)).toBeVisible();
  await expect(page.getByTestId('statistics-summary-keyAttention')).toContainText('6');
  await expect(page.getByTestId('statistics-summary-keyAttention')).toContainText('新增 6');
  await expect(page.getByRole('cell', { name: '讲座' })).toBeVisible();
  await expect(page.locator('[data-testid="statistics-chart"] svg').first()).toBeVisible();
  await page.getByRole('combobox', { name: '院系' }).click();
  await page.locator('.ant-select-item-option[title="理学院"]').click();
  await expect(page.getByTestId('statistics-summary-keyAttention')).toContainText('<5');
  await expect(page.getByTestId('statistics-summary-keyAttention')).toContainText('新增 <5');
  await expect(page.getByText('测试学生领')).toHaveCount(0);

  // 导出 Excel: the file holds "<5" for the small cell.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^心理中心统计-理学院-.*\.xlsx$/);
  const saved = join(dataDir, 'statistics.xlsx');
  await download.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(saved) as never);
  const overview: unknown[][] = [];
  workbook.getWorksheet('概况')!.eachRow((row) => overview.push((row.values as unknown[]).slice(1)));
  expect(overview.find((r) => r[0] === '重点关注学生（期末）')?.[1]).toBe('<5');
  expect(JSON.stringify(overview)).not.toContain('测试学生领');

  // 导出 PDF: the print stylesheet leaves the menu out; the page's figures are in the PDF.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.main-sider')).toBeHidden();
  await expect(page.getByRole('button', { name: /导出 Excel/ })).toBeHidden();
  const pdfFile = join(dataDir, 'statistics.pdf');
  writeFileSync(pdfFile, await page.pdf({ format: 'A4', printBackground: true }));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']).toString('utf8');
  expect(text).toContain('统计');
  expect(text).toContain('<5');
  expect(text).not.toContain('学生档案');
  expect(text).not.toContain('测试学生领');
  await page.emulateMedia({ media: 'screen' });

  // A hash to an identifiable page falls back to the workbench (the greeting is the workbench's).
  await expect(page.getByText(`您好，${LEADER.displayName}`)).toHaveCount(0);
  await page.evaluate(() => (window.location.hash = '#/students'));
  await expect(page.getByText(`您好，${LEADER.displayName}`)).toBeVisible();
  await expect(page.getByRole('heading', { name: '学生档案' })).toHaveCount(0);
});
