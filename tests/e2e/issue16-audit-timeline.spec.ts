import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../support/synthetic';
import { ADMIN, expect, SCHOOL, signIn, test } from './fixtures';

/**
 * Issue 16 on the real shell: a roster import is ONE audit-log entry with its counts that opens
 * to its rows; the workstation shows the name given at setup; the student file's timeline reads
 * in words (PHQ-9 第9题（死亡或自伤念头）), never codes. Synthetic data only.
 */
test('audit log groups a roster import and names the workstation; the timeline reads in words', async ({ page, shell }) => {
  test.setTimeout(180_000);
  const setup = await shell.client.invoke('setup.initialize', {
    schoolName: SCHOOL,
    workstationName: '1号工作站',
    admin: { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password },
    adminIsDirector: true,
  });
  expect(setup.ok).toBe(true);
  await page.reload();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });

  const csv = csvUtf8Bom(ROSTER_HEADERS, rosterRows(40)).toString('base64');
  const preview = await shell.client.invoke('roster.preview', { fileName: '花名册.csv', contentBase64: csv });
  expect(preview.ok).toBe(true);
  const mapping = (preview as { value: { mapping: unknown } }).value.mapping;
  expect((await shell.client.invoke('roster.import', { fileName: '花名册.csv', contentBase64: csv, mapping })).ok).toBe(true);
  const found = await shell.client.invoke('students.search', { query: '' });
  const studentId = (found as { value: { rows: { id: string }[] } }).value.rows[0]!.id;
  expect((await shell.client.invoke('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [1, 1, 1, 1, 1, 1, 1, 1, 2] })).ok).toBe(true);

  await page.getByRole('menuitem', { name: '审计日志' }).click();
  const table = page.getByRole('table').first();
  const group = table.locator('tr', { hasText: '导入花名册：' });
  await expect(group).toContainText('新增 40', { timeout: 15_000 });
  await expect(group).toContainText('共 42 条记录');
  await expect(group).toContainText('1号工作站');
  await expect(table).not.toContainText('本工作站');
  await group.getByRole('button', { name: /展开行/ }).click();
  const rows = page.getByRole('table', { name: '批量操作的各条记录' });
  await expect(rows.locator('tbody tr').first()).toContainText('导入 · 学生', { timeout: 15_000 });
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/auditlog-group-zh.png`, fullPage: true });

  await page.goto(page.url().replace(/#.*$/, `#/student/${studentId}`));
  await page.getByRole('tab', { name: '时间线' }).click();
  const timeline = page.getByTestId('timeline-entry');
  await expect(timeline.filter({ hasText: '预警：PHQ-9 第9题（死亡或自伤念头）' })).toHaveCount(1, { timeout: 15_000 });
  await expect(timeline.filter({ hasText: '完成测评 PHQ-9' })).toHaveCount(1);
  const text = (await timeline.allTextContents()).join('\n');
  expect(text).not.toMatch(/PHQ9_ITEM9|\bphq9\b|[a-z]+_[a-z]+/);
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/timeline-zh.png`, fullPage: true });

  await page.getByText('English', { exact: true }).first().click();
  await expect(timeline.filter({ hasText: 'Alert: PHQ-9 item 9 (thoughts of death or self-harm)' })).toHaveCount(1, { timeout: 15_000 });
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/timeline-en.png`, fullPage: true });
  await page.goto(page.url().replace(/#.*$/, '#/audit'));
  await expect(page.getByRole('table').first().locator('tr', { hasText: 'Imported the roster:' })).toContainText('42 entries', { timeout: 15_000 });
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/auditlog-group-en.png`, fullPage: true });
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  await expect(page.getByTestId('settings-workstation-name')).toBeVisible({ timeout: 15_000 });
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/settings-en.png`, fullPage: true });
  await page.getByText('简体中文', { exact: true }).first().click();
  await expect(page.getByTestId('settings-workstation-name')).toContainText('工作站名称');
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/settings-zh.png`, fullPage: true });
});

test('the setup wizard suggests a workstation name, optional, in both languages', async ({ page }) => {
  test.setTimeout(60_000);
  const name = page.getByLabel('工作站名称');
  await expect(name).toHaveValue('1号工作站', { timeout: 15_000 });
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/setup-zh.png`, fullPage: true });
  await page.getByText('English', { exact: true }).first().click();
  await expect(page.getByLabel('Workstation name')).toBeVisible();
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/setup-en.png`, fullPage: true });
});
