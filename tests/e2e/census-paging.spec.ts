import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../support/census-files';
import { csvGbk, ROSTER_HEADERS, rosterRows } from '../support/synthetic';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * Issue 19 goal 2: the interview list of a large batch comes in pages from the core, the at-risk
 * students first, with their count always said, and a filter says what it hides. Synthetic people.
 */
const STUDENTS = 160;

async function shot(page: Page, name: string) {
  const dir = process.env.CENSUS_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** The summary at the top of the window, with the first rows below it. */
async function scrollToSummary(page: Page) {
  await page.getByTestId('census-followups-summary').evaluate((element) => {
    window.scrollTo({ top: element.getBoundingClientRect().top + window.scrollY - 80, behavior: 'instant' });
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function invoke(page: Page, channel: string, input: unknown): Promise<any> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

test.beforeEach(async ({ page, shell }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
});

test('census interview list: pages, at-risk students first and counted, filters say what they hide (zh, en)', async ({ page }) => {
  test.setTimeout(180_000);
  const roster = { fileName: '花名册.csv', contentBase64: csvGbk(ROSTER_HEADERS, rosterRows(STUDENTS)).toString('base64') };
  const preview = await invoke(page, 'roster.preview', roster);
  await invoke(page, 'roster.import', { ...roster, mapping: preview.mapping });
  const batch = await invoke(page, 'census.createBatch', { name: '2026级新生普查', cohort: '2026级新生', grade: '2026级', instruments: ['scl90', 'upi'] });
  const file = {
    fileName: '普查.csv',
    contentBase64: csvGbk(
      CENSUS_HEADERS,
      censusStudents(STUDENTS).map((s) => censusRow(s, 'letters')),
    ).toString('base64'),
  };
  const checked = await invoke(page, 'census.preview', { batchId: batch.id, ...file });
  await invoke(page, 'census.import', { batchId: batch.id, ...file, mapping: checked.mapping });
  const whole = (await invoke(page, 'census.followups', { batchId: batch.id })) as { atRisk?: boolean }[];
  const atRisk = whole.filter((f) => f.atRisk).length;
  expect(whole.length).toBeGreaterThan(50);
  expect(atRisk).toBeGreaterThan(0);

  await page.goto(`${page.url().split('#')[0]}#/census/${batch.id}`);
  await page.getByRole('tab', { name: '约谈名单' }).click();
  const list = page.getByTestId('census-followups');
  const rows = list.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(50, { timeout: 15_000 });
  // The at-risk students open the first page, all of them, and the count is said above the table.
  await expect(rows.nth(atRisk - 1).getByTestId('census-followup-at-risk')).toBeVisible();
  await expect(rows.nth(atRisk).getByTestId('census-followup-at-risk')).toHaveCount(0);
  await expect(page.getByTestId('census-followups-at-risk')).toContainText(`${atRisk} 名风险学生`);
  await expect(page.locator('.ant-pagination')).toContainText(`共 ${whole.length} 名学生`);
  await scrollToSummary(page);
  await shot(page, 'p1-followups-paged-zh');

  // Page 2: the count stays.
  await page.locator('.ant-pagination').getByTitle('2', { exact: true }).click();
  await expect(page.locator('.ant-pagination')).toContainText(`第 51–`);
  await expect(page.getByTestId('census-followups-at-risk')).toContainText(`${atRisk} 名风险学生`);

  // 已约谈 only: nobody interviewed yet, so every at-risk student is hidden, and it is said.
  await page.getByRole('group', { name: '筛选' }).getByRole('combobox', { name: '状态' }).click();
  await page.locator('.ant-select-item-option[title="已约谈"]').click();
  const hidden = page.getByTestId('census-followups-hidden');
  await expect(hidden).toContainText(`其中 ${atRisk} 名风险学生尚未约谈`);
  await scrollToSummary(page);
  await shot(page, 'p2-followups-filter-hides-zh');

  await page.getByText('English', { exact: true }).click();
  await expect(hidden).toContainText(`including ${atRisk} at risk not interviewed yet`);
  await shot(page, 'p3-followups-filter-hides-en');
  await hidden.getByRole('button', { name: 'Show all' }).click();
  await expect(page.getByTestId('census-followups-at-risk')).toContainText(`${atRisk} students at risk`);
  await expect(rows).toHaveCount(50);
  await scrollToSummary(page);
  await shot(page, 'p4-followups-paged-en');
  await page.getByText('简体中文', { exact: true }).click();
});
