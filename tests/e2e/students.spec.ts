import type { BrowserShell } from '../../src-main/browser-shell/shell';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/** A few made-up students straight through the core (the roster wizard has its own spec). */
async function seedStudents(shell: BrowserShell) {
  for (const [studentNo, name, department] of [
    ['2025000101', '赵一', '文学院'],
    ['2025000102', '钱二', '数学学院'],
    ['2025000103', '孙三', '文学院'],
  ]) {
    const result = await shell.client.invoke('students.create', { studentNo, name, department, grade: '2025级', className: '文学1班', dorm: '3号楼201' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
}

test('adds a student with the form, finds them by initials with the keyboard, and edits 宿舍', async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  await seedStudents(shell);
  await page.getByRole('menuitem', { name: '学生档案' }).click();
  await expect(page.getByTestId('student-total')).toHaveText('共 3 名学生');

  // The form refuses what the contract refuses, in Chinese, before anything is sent.
  await page.getByRole('button', { name: /新增学生/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill('李思');
  await dialog.getByLabel('出生日期').fill('2007-13-45');
  await dialog.getByLabel('联系电话').click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('请填写此项。')).toBeVisible();
  await expect(dialog.getByText('“2007-13-45”不是有效的日期，请按 YYYY-MM-DD 填写，例如 2007-09-01。')).toBeVisible();
  expect(await shell.client.invoke('students.search', { query: '', offset: 0, limit: 1 })).toMatchObject({ value: { total: 3 } });

  await dialog.getByLabel('学号').fill('2025000199');
  await dialog.getByLabel('出生日期').fill('2007-09-01');
  await dialog.getByLabel('出生日期').press('Enter');
  await dialog.getByLabel('性别').click();
  await page.getByTitle('女', { exact: true }).click();
  await dialog.getByLabel('院系').fill('外国语学院');
  await dialog.getByLabel('宿舍').fill('5号楼302');
  await dialog.getByRole('button', { name: /添加监护人/ }).click();
  await dialog.getByLabel('监护人姓名').fill('李父');
  await dialog.getByLabel('监护人电话').fill('13800000001');
  await dialog.getByLabel('关系').fill('父亲');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });

  // The new file.
  await expect(page.getByRole('heading', { name: '李思' })).toBeVisible();
  const info = page.getByRole('tabpanel');
  await expect(info.getByRole('row', { name: /出生日期/ })).toContainText('2007-09-01');
  await expect(info.getByRole('row', { name: /建档方式/ })).toContainText('手工录入');
  await expect(info.getByRole('cell', { name: '李父', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: '时间线' }).click();
  await expect(page.getByTestId('timeline-entry').first()).toContainText('手工建档（学号 2025000199）');

  // Back to the list: search by pinyin initials, ↓ from the search box into the list, Enter opens.
  await page.getByRole('button', { name: '返回学生列表' }).click();
  await expect(page.getByTestId('student-total')).toHaveText('共 4 名学生');
  const search = page.getByRole('textbox', { name: '搜索学生' });
  await search.fill('ls');
  await expect(page.getByTestId('student-total')).toHaveText('共 1 名学生');
  await search.press('ArrowDown');
  await expect(page.getByRole('grid', { name: '学生列表' })).toBeFocused();
  await expect(page.getByRole('grid', { name: '学生列表' }).locator('[aria-selected=true]')).toContainText('李思');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '李思' })).toBeVisible();

  // Edit 宿舍: the file shows it, and only 宿舍 went to the core.
  await page.getByRole('button', { name: /编辑/ }).click();
  await expect(dialog.getByLabel('学号')).toHaveValue('2025000199');
  await dialog.getByLabel('宿舍').fill('7号楼707');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('tabpanel').getByRole('row', { name: /宿舍/ })).toContainText('7号楼707');
  await page.getByRole('tab', { name: '时间线' }).click();
  // Newest first: the edit (named by field), then the file being opened by hand.
  await expect(page.getByTestId('timeline-entry').first()).toContainText('修改基本信息（宿舍）');
  await expect(page.getByTestId('timeline-entry').nth(1)).toContainText('手工建档（学号 2025000199）');

  // The search is kept while the file was open, and cleared by locking.
  await page.getByRole('button', { name: '返回学生列表' }).click();
  await expect(search).toHaveValue('ls');
  await page.keyboard.press('Control+L');
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('menuitem', { name: '学生档案' }).click();
  await expect(page.getByRole('textbox', { name: '搜索学生' })).toHaveValue('');

  // A file that does not exist (or is outside a liaison's department) says so.
  await page.evaluate(() => {
    window.location.hash = '#/student/no-such-student';
  });
  await expect(page.getByText('找不到该学生')).toBeVisible();
  await expect(page.getByText('该学生不存在，或不在您负责的院系范围内。')).toBeVisible();
});
