import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/** Synthetic people only. */
const SHOTS = process.env.NETWORK_SHOTS;

async function value(page: Page, channel: string, input: unknown): Promise<any> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: any;
    error?: any;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('工作网络: the register page imports a file after checking it, a student file shows the 心理委员, in Chinese and English', async ({ page, shell }) => {
  test.setTimeout(180_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  const peer = await value(page, 'students.create', {
    studentNo: '2026500002',
    name: '测试委员己',
    department: '计算机学院',
    grade: '2026级',
    className: '计算1班',
  });
  const { current: year } = await value(page, 'network.years', {});
  const csv = [
    '学年,角色,姓名,学号,单位/职务,电话,院系,年级,班级,账号,任期开始,任期结束,备注',
    `${year},组长,测试校长,,校长,0000-0000001,,,,,,,`,
    `${year},保卫处人员,测试保卫值班员,,保卫处,0000-0000110,,,,,,,24小时值班`,
    `${year},校医院医务人员,测试校医院急诊,,校医院,0000-0000120,,,,,,,`,
    `${year},辅导员,测试辅导员,,,,计算机学院,,,,,,`,
    `${year},班主任,测试班主任,,,0000-0000200,计算机学院,2026级,计算1班,,,,`,
    `${year},心理委员,测试委员己,2026500002,,,计算机学院,2026级,计算1班,,${year.slice(0, 4)}-09-01,${year.slice(5)}-07-15,`,
    `${year},心理委员,没有学号的人,,,,计算机学院,2026级,计算1班,,,,`,
    `${year},校长助理,测试某人,,,,,,,,,,`,
  ].join('\n');

  await page.getByRole('menuitem', { name: '工作网络' }).click();
  await expect(page.getByRole('heading', { name: '工作网络' })).toBeVisible();
  await page.getByRole('button', { name: /导\s*入/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles({ name: '工作网络.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(dialog.getByText('共 8 行：新增 6，更新 0，不变 0，拒绝 2')).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByText('心理委员须填写学号')).toBeVisible();
  await expect(dialog.getByText('无法识别的角色')).toBeVisible();
  await shot(page, 'network-import-zh');
  await dialog.getByRole('button', { name: '导入 6 行' }).click();
  await expect(dialog.getByText('导入完成：新增 6，更新 0，不变 0，拒绝 2')).toBeVisible();
  await dialog
    .getByRole('button', { name: /关\s*闭/ })
    .last()
    .click();
  await expect(page.getByRole('cell', { name: '测试保卫值班员' })).toBeVisible();
  await shot(page, 'network-page-zh');

  // The student file shows the 心理委员 with the term, and the class's 班主任.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), peer.id);
  await expect(page.getByText(/心理委员（/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('测试班主任 0000-0000200')).toBeVisible();
  await shot(page, 'network-student-zh');

  // English: the same page and the student's file read in English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByText(/Peer counselor \(/)).toBeVisible();
  await expect(page.getByText("Class's head teacher")).toBeVisible();
  await shot(page, 'network-student-en');
  await page.getByRole('menuitem', { name: 'Work network' }).click();
  await expect(page.getByRole('heading', { name: 'Work network' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Campus security staff' })).toBeVisible();
  await shot(page, 'network-page-en');
  await page.getByRole('button', { name: /Import/ }).click();
  await page
    .getByRole('dialog')
    .locator('input[type=file]')
    .setInputFiles({ name: '工作网络.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByRole('dialog').getByText('8 rows: 0 new, 0 updated, 6 unchanged, 2 rejected')).toBeVisible({ timeout: 20_000 });
  await shot(page, 'network-import-en');
});
