import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, expect, expectNoSeriousA11yViolations, initializeViaCore, signIn, test } from './fixtures';

/**
 * Issue 14, the crisis safety journey on the real shell (synthetic people only): student mode
 * PHQ-9 item 9 = 2 -> teacher exit -> the critical result at once -> open the event -> a second
 * one cannot be opened (every way lands on the first) -> closing with open steps is refused and
 * lists them -> the steps finished -> closing approved. A second run in English takes 稍后处理.
 */

const STUDENT = { studentNo: '2026500001', name: '测试学生戊', department: '理学院', className: '理学1班' };
const STUDENT_EN = { studentNo: '2026500002', name: '测试学生己', department: '理学院', className: '理学1班' };

async function value(page: Page, channel: string, input: unknown): Promise<any> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: any;
    error?: any;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function refusal(page: Page, channel: string, input: unknown): Promise<{ code: string; details: Record<string, unknown> }> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: any;
    error?: any;
  };
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

/** Screenshots for people to look at (SCREENSHOTS_DIR), none otherwise; `header` takes only the header. */
async function shot(page: Page, name: string, header = false) {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(600);
  if (header) await page.locator('.main-header').screenshot({ path: join(dir, `${name}.png`) });
  else await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** PHQ-9 in student mode through the screen: items 1-8 "完全不会" (0), item 9 the given option. */
async function takePhq9(page: Page, studentId: string, item9Key: string) {
  const { assessmentId } = await value(page, 'assessments.start', { studentId, instrument: 'phq9' });
  await value(page, 'studentMode.enter', { assessmentId });
  await page.reload();
  for (let item = 1; item <= 8; item += 1) {
    await expect(page.getByTestId('student-progress')).toHaveText(new RegExp(`\\b${item}\\b.*\\b9\\b`));
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('student-progress')).toHaveText(/\b9\b.*\b9\b/);
  await page.keyboard.press(item9Key);
  await page.keyboard.press('Enter');
  return assessmentId as string;
}

async function teacherExit(page: Page, labels = { exit: '教师退出', password: '密码', ok: '退出' }) {
  await page.getByRole('button', { name: labels.exit }).click();
  const exit = page.getByRole('dialog');
  await exit.getByLabel(labels.password).fill(ADMIN.password);
  await exit.getByRole('button', { name: labels.ok, exact: true }).click();
}

test('PHQ-9 item 9 = 2 in student mode -> critical result at exit -> one event -> close refused with open steps -> steps done -> closed', async ({
  page,
  shell,
}) => {
  test.setTimeout(240_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  const student = await value(page, 'students.create', STUDENT);

  // Student mode: item 9 "一半以上的天数" (2), handed in; the student sees thanks, no result.
  await takePhq9(page, student.id, '3');
  await expect(page.getByText('感谢你的作答！')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('危急');

  // Teacher exit: the result at once, with the item, the answer and the protocol.
  await teacherExit(page);
  const result = page.getByTestId('critical-result');
  await expect(result).toBeVisible({ timeout: 15_000 });
  const modal = page.locator('.ant-modal', { has: result });
  await expect(modal).toContainText('危急结果：请立即处理');
  await expect(result).toContainText(`${STUDENT.name}（${STUDENT.studentNo}）`);
  await expect(result.getByTestId('critical-finding-item')).toContainText('PHQ-9 第 9 题：“有不如死掉或用某种方式伤害自己的念头”');
  await expect(result.getByTestId('critical-finding-answer')).toHaveText('一半以上的天数（2 分）');
  await expect(result).toContainText('处置要求：');
  await expect(result).toContainText('立即启动危机干预流程');
  // Escape does not make it go away.
  await page.keyboard.press('Escape');
  await expect(result).toBeVisible();
  // The header counts it on every page, in red.
  await expect(page.getByTestId('header-critical-count')).toHaveText(/危急 1/);
  await shot(page, 'h2-01-critical-result-zh');
  await shot(page, 'h2-01-header-zh', true);
  await expectNoSeriousA11yViolations(page, 'critical result dialog');

  // 立即开启危机事件: the event opens from the alert (which it acknowledges).
  await modal.getByRole('button', { name: '立即开启危机事件' }).click();
  const heading = page.getByTestId('crisis-event').getByRole('heading', { name: /^CR-\d{4}-0001$/ });
  await expect(heading).toBeVisible({ timeout: 15_000 });
  const eventUrl = page.url();
  const eventId = decodeURIComponent(eventUrl.split('/').pop()!);
  await expect(page.getByTestId('header-alert-count')).toHaveCount(0);
  const [alert] = await value(page, 'alerts.list', { status: 'all', studentId: student.id });
  expect(alert).toMatchObject({ code: 'PHQ9_ITEM9', level: 'CRITICAL', crisisEventId: eventId });
  expect(alert.acknowledgedAt).not.toBeNull();

  // A second event cannot be opened: the core refuses naming the first...
  const refused = await refusal(page, 'crisis.open', { studentId: student.id, level: '1', description: '再次开启（合成数据）' });
  expect(refused).toMatchObject({ code: 'CONFLICT', details: { reason: 'crisisEventOpen', eventId } });
  // ...and the student file's button leads to the open one instead of opening another.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await expect(page.getByTestId('open-crisis-banner')).toContainText(/CR-\d{4}-0001/, { timeout: 15_000 });
  const openButton = page.getByTestId('open-crisis-button');
  await expect(openButton).toHaveText('查看进行中的危机事件');
  await openButton.click();
  await expect(heading).toBeVisible({ timeout: 15_000 });
  expect(page.url()).toBe(eventUrl);
  // So does the assessment detail's advice.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await page.getByRole('tab', { name: '心理测评' }).click();
  await page.locator('tr', { hasText: '患者健康问卷（PHQ-9）' }).getByRole('button', { name: '详情' }).click();
  const drawer = page.getByRole('dialog', { name: '测评详情' });
  await drawer.getByTestId('start-crisis-button').click();
  await expect(heading).toBeVisible({ timeout: 15_000 });
  expect(page.url()).toBe(eventUrl);
  const events = await value(page, 'crisis.board', { studentId: student.id, status: 'all' });
  expect(events.rows).toHaveLength(1);

  // Closing with open steps: refused, and the steps are listed with links.
  await page.getByRole('button', { name: '申请结案' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('结案小结（处置经过、结案依据）').fill('处置完毕（合成数据）');
  await dialog.getByRole('button', { name: /^确\s*定$/ }).click();
  const openSteps = dialog.getByTestId('crisis-open-steps');
  await expect(openSteps).toBeVisible();
  await expect(openSteps.getByTestId('crisis-open-step-link').first()).toBeVisible();
  const listed = await openSteps.getByTestId('crisis-open-step-link').evaluateAll((links) => links.map((l) => l.getAttribute('data-step-key')));
  expect(listed).toEqual(expect.arrayContaining(['discovery', 'report', 'assess']));
  expect((await value(page, 'crisis.get', { id: eventId })).event.status).toBe('open');
  const coreRefusal = await refusal(page, 'crisis.requestClose', { id: eventId, summary: '处置完毕（合成数据）' });
  expect(coreRefusal).toMatchObject({ code: 'CONFLICT', details: { reason: 'crisisStepsOpen' } });
  expect((coreRefusal.details.steps as { key: string }[]).map((s) => s.key).sort()).toEqual([...listed].sort());
  await shot(page, 'h2-02-close-refused-zh');

  // A link leads to its step; the first one is done on the screen, the rest through the core.
  await openSteps.locator('[data-step-key="discovery"]').click();
  const discovery = page.getByTestId('crisis-step-discovery');
  await expect(discovery).toBeVisible();
  await discovery.getByRole('button', { name: /^完\s*成$/ }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('处置记录（谁、何时、做了什么）').fill('值班咨询师陪护，完成 C-SSRS 筛查（合成数据）');
  await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(discovery).toContainText('已完成');
  const detail = await value(page, 'crisis.get', { id: eventId });
  for (const step of detail.steps.filter((s: any) => s.applicable && s.status === 'open' && s.key !== 'closure')) {
    await value(page, 'crisis.completeStep', { stepId: step.id, note: `已完成：${step.key}（合成数据）` });
  }

  // Now closing goes through: summary, then the director's approval.
  await page.reload();
  await expect(heading).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: '申请结案' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('crisis-open-steps')).toHaveCount(0);
  await dialog.getByLabel('结案小结（处置经过、结案依据）').fill('评估、通知、转介与随访均已完成（合成数据）');
  await dialog.getByRole('button', { name: /^确\s*定$/ }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: '批准结案' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^确\s*定$/ })
    .click();
  await expect(page.getByTestId('crisis-event-status')).toHaveText('已结案');
});

test('in English: the critical result and the header count; handling later keeps the alert open and makes a task', async ({ page, shell }) => {
  test.setTimeout(180_000);
  await initializeViaCore(shell);
  await page.getByText('English', { exact: true }).click();
  await signIn(page, ADMIN.username, ADMIN.password, { username: 'Username', password: 'Password', submit: 'Sign in' });
  await expect(page.getByText(`Hello, ${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  const student = await value(page, 'students.create', STUDENT_EN);

  // Item 9 "several days" (1): URGENT.
  await takePhq9(page, student.id, '2');
  await teacherExit(page, { exit: 'Teacher exit', password: 'Password', ok: 'Exit' });
  const result = page.getByTestId('critical-result');
  await expect(result).toBeVisible({ timeout: 15_000 });
  const modal = page.locator('.ant-modal', { has: result });
  await expect(modal).toContainText('Urgent result: act today');
  await expect(result.getByTestId('critical-finding')).toHaveAttribute('data-level', 'URGENT');
  await expect(page.getByTestId('header-urgent-count')).toHaveText(/Urgent 1/);
  await shot(page, 'h2-03-urgent-result-en');

  await modal.getByRole('button', { name: 'Handle later (record why)' }).click();
  await modal.getByLabel('Why not now').fill('The liaison is with the student; we meet at 3 pm today (synthetic)');
  await shot(page, 'h2-04-handle-later-en');
  await modal.getByRole('button', { name: 'Record and handle later' }).click();
  await expect(result).toHaveCount(0);

  // The alert stays open and counted; the reason is a task for the teacher.
  await expect(page.getByTestId('header-urgent-count')).toHaveText(/Urgent 1/);
  const open = await value(page, 'alerts.list', { status: 'open', studentId: student.id });
  expect(open).toEqual([expect.objectContaining({ code: 'PHQ9_ITEM9', level: 'URGENT', acknowledgedAt: null })]);
  const tasks = await value(page, 'followups.list', { studentId: student.id });
  expect(tasks.rows).toEqual([expect.objectContaining({ title: 'The liaison is with the student; we meet at 3 pm today (synthetic)', status: 'open' })]);

  // The header count opens the alert list, where the URGENT alert is orange. From another page, at
  // once: often while that page's code still loads, when the list is hidden, not gone (the focus
  // then waits for it to be shown again; tests/renderer/alerts-focus.test.tsx makes that certain).
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await page.getByTestId('header-alert-count').click();
  const panel = page.getByTestId('alerts-panel');
  await expect(panel).toBeFocused();
  await expect(panel).toHaveAttribute('data-urgent', 'true');
  await expect(panel.locator('tbody tr[data-level="URGENT"]')).toHaveCount(1);
  await shot(page, 'h2-05-workbench-urgent-en');
  await shot(page, 'h2-05-header-en', true);
  await expectNoSeriousA11yViolations(page, 'workbench with an urgent alert and the header count');
});
