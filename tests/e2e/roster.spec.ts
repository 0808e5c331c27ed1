import { csvGbk, rosterRows, ROSTER_HEADERS } from '../support/synthetic';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/** 40 synthetic students in GBK, as Excel saves "CSV (逗号分隔)", with five rows the import must refuse. */
function rosterWithProblems(): Buffer {
  const rows = rosterRows(40);
  rows[3][3] = '2007-02-30'; // file row 5: 出生日期 that does not exist
  rows[6][1] = ''; // file row 8: a new student without 姓名
  rows[8][0] = rows[7][0]; // file rows 9 and 10: the same 学号 twice
  rows[10][2] = '未知'; // file row 12: 性别 that is not one
  return csvGbk([...ROSTER_HEADERS], rows);
}

test('imports a GBK roster through the wizard, finds a student by pinyin initials, and a second import changes nothing', async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  const buffer = rosterWithProblems();

  // 1. The file.
  await page.getByRole('menuitem', { name: '导入花名册' }).click();
  await expect(page.getByText('点击选择文件，或把文件拖到这里')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer });

  // 2. Columns: detected from the Chinese headers; the file was read as GBK.
  await expect(page.getByTestId('mapping-source')).toHaveText('按列名自动识别', { timeout: 20_000 });
  await expect(page.getByTestId('file-encoding')).toHaveText('文件编码：GBK（GB18030）');
  await expect(page.getByLabel(/^学号/)).toBeVisible();
  const guardianPhone = page.locator('.ant-select[data-testid=mapping-guardianPhone], .ant-select:has([data-testid=mapping-guardianPhone])');
  await expect(guardianPhone).toContainText('家长电话');

  // 3. The check: counts and the refused rows with their reasons in Chinese.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('count-rows')).toContainText('40');
  await expect(page.getByTestId('count-created')).toContainText('35');
  await expect(page.getByTestId('count-updated')).toContainText('0');
  await expect(page.getByTestId('count-rejected')).toContainText('5');
  const problems = page.getByRole('table', { name: '被拒绝的行' });
  await expect(problems.getByRole('row', { name: /^5 日期格式不正确。/ })).toContainText('2007-02-30');
  await expect(problems.getByRole('row', { name: /^8 缺少姓名。/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /学号在文件中重复出现。/ })).toHaveCount(2);
  await expect(problems.getByRole('row', { name: /^12 无法识别的性别。/ })).toContainText('未知');
  await expect(page.getByRole('button', { name: /保存被拒绝的行/ })).toBeVisible();

  // 4. The import.
  await page.getByRole('button', { name: '开始导入' }).click();
  await expect(page.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('新增 35 名，更新 0 名，无变化 0 名，拒绝 5 行。')).toBeVisible();
  await page.getByRole('button', { name: '查看学生' }).click();

  // The list: 35 students; 张一一 by the initials of zhang yi yi.
  const grid = page.getByRole('grid', { name: '学生列表' });
  await expect(page.getByTestId('student-total')).toHaveText('共 35 名学生');
  await page.getByRole('textbox', { name: '搜索学生' }).fill('zyy');
  await expect(page.getByTestId('student-total')).toHaveText('共 1 名学生');
  await grid.getByRole('row', { name: /张一一/ }).click();
  await expect(page.getByRole('heading', { name: '张一一' })).toBeVisible();
  await expect(page.getByText('计算机学院 / 2026级 / 计算1班')).toBeVisible();
  const info = page.getByRole('tabpanel');
  await expect(info.getByRole('row', { name: /宿舍/ })).toContainText('1号楼101');
  await expect(info.getByRole('cell', { name: '张家长', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: '时间线' }).click();
  await expect(page.getByTestId('timeline-entry').first()).toContainText('从花名册导入建档（学号 2026000001）');

  // The same file again: the remembered columns, and nothing new or changed.
  await page.getByRole('menuitem', { name: '导入花名册' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer });
  await expect(page.getByTestId('mapping-source')).toHaveText('沿用上次导入的对应关系', { timeout: 20_000 });
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('count-created')).toContainText('0');
  await expect(page.getByTestId('count-updated')).toContainText('0');
  await expect(page.getByTestId('count-unchanged')).toContainText('35');
  await page.getByRole('button', { name: '开始导入' }).click();
  await expect(page.getByText('新增 0 名，更新 0 名，无变化 35 名，拒绝 5 行。')).toBeVisible({ timeout: 30_000 });
});

test('refuses a file that is not a roster, and cancelling a large import writes nothing', async ({ page, shell }) => {
  test.setTimeout(180_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  await page.getByRole('menuitem', { name: '导入花名册' }).click();

  await page.locator('input[type=file]').setInputFiles({ name: '名单.docx', mimeType: 'application/msword', buffer: Buffer.from('not a roster') });
  await expect(page.getByRole('alert')).toHaveText('“名单.docx”不是 Excel（.xlsx）或 CSV 文件。');

  // 100,000 rows: long enough to cancel while the core checks them.
  const buffer = csvGbk([...ROSTER_HEADERS], rosterRows(100_000));
  await page.locator('input[type=file]').setInputFiles({ name: '全校花名册.csv', mimeType: 'text/csv', buffer });
  await expect(page.getByTestId('mapping-source')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('count-created')).toContainText('100,000');
  await page.getByRole('button', { name: '开始导入' }).click();
  await page.getByRole('button', { name: '取消导入' }).click();
  await expect(page.getByText('已取消导入')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('没有导入任何数据。')).toBeVisible();
  const search = await shell.client.invoke('students.search', { query: '', offset: 0, limit: 1 });
  expect(search).toMatchObject({ ok: true, value: { total: 0 } });
});
