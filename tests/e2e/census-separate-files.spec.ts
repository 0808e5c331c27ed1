import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CENSUS_HEADERS, censusAnswers, censusRow, censusStudents } from '../support/census-files';
import { csvGbk, csvUtf8Bom, ROSTER_HEADERS, rosterRows } from '../support/synthetic';
import { ADMIN, expect, expectNoSeriousA11yViolations, initializeViaCore, signIn, test } from './fixtures';

/**
 * Issue 14, census journey: a platform exports SCL-90 and UPI as separate files. The batch is made
 * for SCL-90, its file imported, UPI added to the batch (批次 → 添加问卷) and its 60-item file
 * imported; every student of UPI category 1 or 2 must then be on the interview list. Synthetic
 * people only; the roster goes in through the page's bridge, the census through its UI.
 */

const STUDENTS = 16;
const BATCH = '2026年秋季新生心理普查（分文件）';

async function shot(page: Page, name: string) {
  const dir = process.env.CENSUS_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

async function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const students = censusStudents(STUDENTS);
/** The SCL-90 export: 学号, 姓名 and T1..T90. */
const sclFile = () =>
  csvGbk(
    CENSUS_HEADERS.slice(0, 92),
    students.map((s) => censusRow(s, 'letters').slice(0, 92)),
  );
/** The UPI export: 学号 and items 1..60 as 是/否, no auxiliary questions (they then count as "no"). */
const upiFile = () =>
  csvUtf8Bom(
    ['学号', ...CENSUS_HEADERS.slice(92, 152)],
    students.map((s) => [s.studentNo, ...censusAnswers(s.pattern).upi.map((a) => (a ? '是' : '否'))]),
  );
/** Who must be on the list by UPI alone: category 1 (incl. item 25) and category 2, computed from the patterns. */
const upiListed = students.filter((s) => s.pattern === 'upiCat1' || s.pattern === 'upiCat2' || s.pattern === 'upiItem25').map((s) => s.studentNo);

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('census: an SCL-90 file, then a UPI file into the same batch; every UPI category 1 or 2 student is on the interview list', async ({ page }) => {
  test.setTimeout(180_000);
  const roster = { fileName: '花名册.csv', contentBase64: csvGbk(ROSTER_HEADERS, rosterRows(STUDENTS)).toString('base64') };
  const preview = await invoke<{ mapping: Record<string, string | null> }>(page, 'roster.preview', roster);
  await invoke(page, 'roster.import', { ...roster, mapping: preview.mapping });

  // A batch for SCL-90 only: the platform sends the UPI file later.
  await page.getByRole('menuitem', { name: '新生心理普查' }).click();
  await page.getByRole('button', { name: '新建普查批次' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('批次名称').fill(BATCH);
  await create.getByLabel('普查对象').fill('2026级新生');
  await create.getByLabel('大学生人格问卷（UPI）').uncheck();
  await create.getByRole('button', { name: '建立批次' }).click();
  await expect(create).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: BATCH })).toBeVisible();

  // The SCL-90 file.
  await page.locator('input[type="file"]').setInputFiles({ name: 'SCL-90结果.csv', mimeType: 'text/csv', buffer: sclFile() });
  await expect(page.getByTestId('census-preview-counts')).toContainText(String(STUDENTS), { timeout: 30_000 });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText('导入完成')).toBeVisible({ timeout: 60_000 });

  // 批次 → 添加问卷: UPI.
  await page.getByRole('button', { name: '添加问卷' }).click();
  const add = page.getByRole('dialog');
  await add.getByLabel('大学生人格问卷（UPI）').check();
  await add.getByRole('button', { name: '添加' }).click();
  await expect(page.getByText('已为批次添加 UPI。')).toBeVisible({ timeout: 15_000 });
  await expect(add).toBeHidden();
  await shot(page, 'sep-01-added-upi');

  // The UPI file: this file holds UPI only.
  const holds = page.getByRole('group', { name: '本文件包含的量表' });
  await holds.getByLabel('SCL-90').uncheck();
  await expect(holds.getByLabel('UPI')).toBeChecked();
  await page.locator('input[type="file"]').setInputFiles({ name: 'UPI结果.csv', mimeType: 'text/csv', buffer: upiFile() });
  const counts = page.getByTestId('census-preview-counts');
  await expect(counts).toContainText('UPI 一类', { timeout: 30_000 });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText('导入完成')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/UPI 一类 4 人，UPI 二类 2 人/)).toBeVisible();
  await shot(page, 'sep-02-upi-imported');

  // The interview list: every UPI category 1 or 2 student is on it (and the SCL-90 positives).
  await page.getByRole('button', { name: '查看约谈名单' }).click();
  const list = page.getByTestId('census-followups');
  const rows = list.locator('tbody tr.ant-table-row');
  const sclPositive = students.filter((s) => s.pattern === 'sclPositive').length;
  await expect(rows).toHaveCount(upiListed.length + sclPositive, { timeout: 15_000 });
  const shown = await list.locator('tbody tr.ant-table-row td:nth-child(4)').allTextContents();
  for (const studentNo of upiListed) expect(shown, `${studentNo} on the list`).toContain(studentNo);
  await expect(rows.first()).toContainText('UPI 第25题（自杀意念）');
  await expect(rows.first()).toContainText('1 条预警未确认');
  // The core agrees with what the page shows.
  const batches = await invoke<{ id: string; name: string; instruments: string[] }[]>(page, 'census.listBatches', {});
  const batch = batches.find((b) => b.name === BATCH)!;
  expect(batch.instruments).toEqual(['scl90', 'upi']);
  const followups = await invoke<{ student: { studentNo: string } }[]>(page, 'census.followups', { batchId: batch.id });
  for (const studentNo of upiListed) expect(followups.map((f) => f.student.studentNo)).toContain(studentNo);
  await shot(page, 'sep-03-followups');
  await expectNoSeriousA11yViolations(page, 'census interview list with alerts');

  // 无需跟进 for the item-25 student: the alert must be acknowledged with its action in the same step.
  // Once interviewed it leaves the top (students at risk and not yet interviewed come first): kept by its 学号.
  const recordedNo = (await rows.first().locator('td:nth-child(4)').textContent())!.trim();
  const recorded = list.locator('tbody tr.ant-table-row').filter({ hasText: recordedNo });
  await rows.first().getByRole('button', { name: '记录约谈结果' }).click();
  const outcome = page.getByRole('dialog');
  await outcome.getByRole('radio', { name: '无需跟进' }).check();
  await expect(outcome.getByText('记录“无需跟进”前，必须先确认危急/紧急预警并选择处理方式。')).toBeVisible();
  await outcome.getByRole('combobox', { name: '已采取的措施' }).click();
  await page.locator('.ant-select-item-option[title="已约谈"]').click();
  await outcome.getByRole('textbox', { name: '说明' }).fill('当面约谈并完成 C-SSRS 评估，无自杀计划');
  await shot(page, 'sep-04-outcome-with-ack');
  await expectNoSeriousA11yViolations(page, 'census outcome dialog with alerts');
  await outcome.getByRole('button', { name: '保存' }).click();
  await expect(outcome).toBeHidden({ timeout: 15_000 });
  await expect(list.getByRole('row', { name: /预警未确认/ })).toHaveCount(
    upiListed.filter((no) => students.find((s) => s.studentNo === no)!.pattern === 'upiItem25').length - 1,
  );
  const open = await invoke<{ code: string }[]>(page, 'alerts.list', { status: 'open' });
  expect(open.filter((a) => a.code === 'UPI_ITEM25')).toHaveLength(1);

  // In English: changing the recorded outcome asks for a reason, and the history keeps the first one.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Interview list' })).toBeVisible();
  await recorded.getByRole('button', { name: 'Change outcome' }).click();
  const change = page.getByRole('dialog');
  await expect(change.getByTestId('census-followup-history')).toContainText('Outcome recorded');
  await change.getByRole('radio', { name: 'Keep watching' }).check();
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change.getByText('Changing a recorded outcome needs a reason (at least two characters).')).toBeVisible();
  await change.getByLabel('Reason for the change').fill('The class adviser reports poor sleep this week');
  await shot(page, 'sep-05-change-en');
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change).toBeHidden({ timeout: 15_000 });
  await expect(recorded).toContainText('Keep watching');
  await page.getByText('简体中文', { exact: true }).click();
});
