import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../support/census-files';
import { csvGbk, ROSTER_HEADERS, rosterRows } from '../support/synthetic';
import { ADMIN, COUNSELOR, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 新生心理普查 on the real shell, with synthetic people only. The roster and the counselor's
 * account belong to other pages, so they are set up through the page's own bridge; everything
 * about the census goes through its UI.
 */

const STUDENTS = 16;
const BATCH = '2026年秋季新生心理普查';

/** Screenshots go only where CENSUS_SCREENSHOTS points (outside the repository), never by default. */
async function shot(page: Page, name: string) {
  const dir = process.env.CENSUS_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** Scroll the page to an element's top (instantly), for a screenshot of the part below the fold. */
async function scrollTo(page: Page, text: string) {
  await page
    .getByText(text, { exact: true })
    .first()
    .evaluate((element) => {
      window.scrollTo({ top: element.getBoundingClientRect().top + window.scrollY - 80, behavior: 'instant' });
    });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function invoke(page: Page, channel: string, input: unknown): Promise<unknown> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function setUpRosterAndCounselor(page: Page) {
  const roster = { fileName: '2026级花名册.csv', contentBase64: csvGbk(ROSTER_HEADERS, rosterRows(STUDENTS)).toString('base64') };
  const preview = (await invoke(page, 'roster.preview', roster)) as { mapping: Record<string, string | null>; mappingErrors: string[] };
  expect(preview.mappingErrors).toEqual([]);
  const plan = (await invoke(page, 'roster.import', { ...roster, mapping: preview.mapping })) as { created: number };
  expect(plan.created).toBe(STUDENTS);
  await invoke(page, 'accounts.create', {
    username: COUNSELOR.username,
    displayName: COUNSELOR.displayName,
    password: COUNSELOR.password,
    roles: ['counselor'],
  });
}

/** The platform's export: GBK, answers as letters, plus a row not in the roster and a re-submitted form. */
function censusFile(): Buffer {
  const students = censusStudents(STUDENTS);
  const rows = students.map((s) => censusRow(s, 'letters'));
  rows.push(censusRow({ studentNo: '2026999999', name: '不在册', pattern: 'calm' }, 'letters'));
  rows.push(censusRow(students[0], 'letters'));
  return csvGbk(CENSUS_HEADERS, rows);
}

/** The department list export: the Blob the page saves (the shell's context does not keep downloads). */
async function captureBlobs(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __censusBlobs: Blob[] };
    w.__censusBlobs = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) w.__censusBlobs.push(blob);
      return original(blob);
    };
  });
}

async function firstBlobBytes(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const blobs = (window as unknown as { __censusBlobs: Blob[] }).__censusBlobs;
    const bytes = new Uint8Array(await blobs[blobs.length - 1].arrayBuffer());
    return Array.from(bytes.slice(0, 4));
  });
}

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('census: create a batch, import a GBK result file, work the interview list, see progress and statistics, export', async ({ page }) => {
  test.setTimeout(180_000);
  await setUpRosterAndCounselor(page);

  // Batches: none yet; create one for the 2026 grade.
  await page.getByRole('menuitem', { name: '新生心理普查' }).click();
  await expect(page.getByText('还没有普查批次，请点击“新建普查批次”。')).toBeVisible();
  await page.getByRole('button', { name: '新建普查批次' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('批次名称').fill(BATCH);
  await dialog.getByLabel('普查对象').fill('2026级新生');
  await dialog.getByLabel('花名册年级').fill('2026级');
  await page.keyboard.press('Tab');
  await dialog.getByPlaceholder('开始日期').fill('2026-09-01');
  await page.keyboard.press('Enter');
  await dialog.getByPlaceholder('结束日期').fill('2026-09-15');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('症状自评量表（SCL-90）')).toBeChecked();
  await expect(dialog.getByLabel('大学生人格问卷（UPI）')).toBeChecked();
  await dialog.getByRole('switch', { name: '自定义筛查标准' }).click();
  await expect(dialog.getByLabel('总分高于')).toHaveValue('160');
  await shot(page, '01-create-batch');
  await dialog.getByRole('button', { name: '建立批次' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: BATCH })).toBeVisible();
  await expect(page).toHaveURL(/#\/census\/[^/]+$/);
  await expect(page.getByText('SCL-90：总分 > 160，或阳性项目数 > 43，或任一因子均分 ≥ 2')).toBeVisible();
  await expect(page.getByText('2026-09-01 – 2026-09-15')).toBeVisible();

  // 导入结果: the check first (problems translated), then the import.
  await page.locator('input[type="file"]').setInputFiles({ name: '普查结果.csv', mimeType: 'text/csv', buffer: censusFile() });
  const problems = page.getByTestId('census-problems');
  await expect(problems.getByText('学号不在花名册中')).toBeVisible({ timeout: 30_000 });
  await expect(problems.getByText('学号重复（以后面一行为准）')).toBeVisible();
  await expect(page.getByTestId('census-file')).toContainText(/编码 GB(K|18030)/);
  const counts = page.getByTestId('census-preview-counts');
  await expect(counts).toContainText('将导入（新的或有变化）');
  await expect(counts).toContainText(String(STUDENTS));
  await shot(page, '02-import-preview');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText('导入完成')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/导入 16 人的问卷/)).toBeVisible();
  await shot(page, '03-import-done');

  // 约谈名单: the critical items first (UPI 第25题), then UPI 一类, SCL-90 筛查阳性, UPI 二类.
  await page.getByRole('button', { name: '查看约谈名单' }).click();
  const list = page.getByTestId('census-followups');
  const rows = list.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(8, { timeout: 15_000 });
  // (The urgency tags only: the at-risk mark beside the critical ones is checked in census-paging.spec.ts.)
  const urgency = await rows.locator('td:nth-child(2) .ant-tag:not([data-testid="census-followup-at-risk"])').allTextContents();
  expect(urgency).toEqual(['危急条目', '危急条目', 'UPI 一类', 'UPI 一类', 'SCL-90 筛查阳性', 'SCL-90 筛查阳性', 'UPI 二类', 'UPI 二类']);
  await expect(rows.first()).toContainText('UPI 第25题（自杀意念）');
  await expect(rows.first()).toContainText('2026000006');

  // 按院系分配: 数学学院's two pending interviews go to 王老师.
  const assign = page.getByRole('group', { name: '分配约谈' });
  await assign.getByRole('combobox', { name: '分配给' }).click();
  await page.locator('.ant-select-item-option[title="王老师"]').click();
  await assign.getByRole('combobox', { name: '院系' }).click();
  await page.locator('.ant-select-item-option[title="数学学院"]').click();
  await assign.getByRole('button', { name: '按院系分配' }).click();
  await expect(page.getByText('已分配 2 人给 王老师。')).toBeVisible();
  await expect(rows.first()).toContainText('王老师');
  await shot(page, '04-followups');

  // 记录约谈结果 for the most urgent student.
  await rows.first().getByRole('button', { name: '记录约谈结果' }).click();
  const outcome = page.getByRole('dialog');
  await outcome.getByRole('radio', { name: '重点关注' }).check();
  await outcome.getByLabel('简要记录').fill('已约谈，纳入重点关注，每周回访。');
  await shot(page, '05-outcome');
  await outcome.getByRole('button', { name: '保存' }).click();
  await expect(outcome).toBeHidden({ timeout: 15_000 });
  // Interviewed, that student leaves the top: the other critical student, not interviewed yet, leads the list now.
  const interviewed = rows.filter({ hasText: '2026000006' });
  await expect(interviewed).toContainText('重点关注');
  await expect(interviewed).toContainText('已约谈');
  await expect(rows.first()).toContainText('待约谈');

  // 进度: by department and counselor, with charts; export 数学学院's list (.xlsx, starts with PK).
  await page.getByRole('tab', { name: '进度' }).click();
  const departments = page.getByTestId('census-progress-departments');
  const math = departments.getByRole('row', { name: /数学学院/ });
  await expect(math).toContainText('50.0%');
  await expect(departments.getByTestId('census-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('census-progress-counselors').getByRole('row', { name: /王老师/ })).toBeVisible();
  // The department's list with status only (what a liaison sees).
  await math.getByRole('button', { name: '展开行' }).click();
  await expect(departments.getByRole('row', { name: /^2026000006/ })).toContainText('已约谈');
  await scrollTo(page, '按院系');
  await shot(page, '06-progress');
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await captureBlobs(page);
  const download = page.waitForEvent('download', { timeout: 15_000 }).catch(() => null);
  await math.getByRole('button', { name: /导出名单/ }).click();
  await expect(page.getByText(/已导出“.*数学学院-约谈名单\.xlsx”。/)).toBeVisible();
  // The shell's context does not keep downloads, but the event tells that one started; the bytes are the Blob's.
  const started = await download;
  expect(started, 'a download started').not.toBeNull();
  expect(started!.suggestedFilename()).toMatch(/数学学院-约谈名单\.xlsx$/);
  const bytes = await firstBlobBytes(page);
  expect(String.fromCharCode(...bytes.slice(0, 2))).toBe('PK');

  // 统计: participation against the 2026 roster, positive screens, distributions.
  await page.getByRole('tab', { name: '统计' }).click();
  await expect(page.getByText(/普查是筛查，不是诊断/)).toBeVisible();
  await expect(page.getByText('参测情况（按院系）')).toBeVisible();
  const rates = page.getByTestId('census-positive-rates');
  await expect(rates.getByRole('row', { name: /SCL-90/ })).toContainText('12.5%');
  await expect(rates.getByRole('row', { name: /UPI 一类/ })).toContainText('25.0%');
  await shot(page, '07-statistics');
  await scrollTo(page, '筛查阳性率');
  await shot(page, '08-statistics-scrolled');

  // Side by side with an earlier batch (made through the bridge: the same file, a smaller cohort).
  const earlier = (await invoke(page, 'census.createBatch', {
    name: '2025年秋季新生心理普查',
    cohort: '2025级新生',
    grade: '2026级',
    instruments: ['scl90', 'upi'],
  })) as { id: string };
  const half = csvGbk(
    CENSUS_HEADERS,
    censusStudents(8).map((st) => censusRow(st, 'letters')),
  );
  await invoke(page, 'census.import', { batchId: earlier.id, fileName: '2025.csv', contentBase64: half.toString('base64') });
  await page.reload();
  await page.getByRole('tab', { name: '统计' }).click();
  await page.getByRole('combobox', { name: '对比批次' }).click();
  await page.locator('.ant-select-item-option[title="2025年秋季新生心理普查"]').click();
  await expect(rates.getByRole('columnheader', { name: '对比批次' })).toBeVisible();
  await expect(rates.getByRole('row', { name: /SCL-90/ })).toContainText('1');
  await scrollTo(page, '参测情况（按院系）');
  await shot(page, '08b-statistics-compare');
  await scrollTo(page, 'SCL-90 因子');
  await shot(page, '08c-statistics-compare-factors');
  await scrollTo(page, '总分分布');
  await shot(page, '08d-statistics-compare-distributions');

  // The same page in English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Statistics' })).toBeVisible();
  await page.getByRole('tab', { name: 'Interview list' }).click();
  await expect(rows.first()).toContainText('UPI item 25 (suicidal ideation)');
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await shot(page, '09-followups-en');

  // Back to Chinese and to the batch list.
  await page.getByText('简体中文', { exact: true }).click();
  await page.getByRole('button', { name: '返回普查批次列表' }).click();
  await expect(page.getByRole('row', { name: new RegExp(BATCH) })).toContainText('2026级新生');
  await shot(page, '10-batch-list');
});
