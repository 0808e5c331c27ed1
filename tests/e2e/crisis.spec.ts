import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * Issue 6, the crisis core on the browser shell: a PHQ-9 with item 9 = 2 raises a CRITICAL alert,
 * the alert becomes a crisis event through the workbench, two steps are done with notes, the core
 * clock moves 3 hours so the 2-hour assessment step runs overdue (red on the event page and the
 * board), and the event is closed with the director's approval. Synthetic data only.
 */
test('critical alert -> crisis event -> steps -> overdue after 3 h -> close approved', async ({ page, shell }) => {
  test.setTimeout(180_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });

  // Another module's data through the core: the student and a paper PHQ-9 with item 9 = 2.
  const student = await shell.client.invoke('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' });
  expect(student.ok).toBe(true);
  const studentId = (student as { value: { id: string } }).value.id;
  const entered = await shell.client.invoke('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [1, 1, 1, 1, 1, 1, 1, 1, 2] });
  expect(entered.ok).toBe(true);

  // The alert on the workbench: 打开危机事件 opens the event in one click and acknowledges the alert.
  await page.reload();
  const panel = page.getByTestId('alerts-panel');
  const alertRow = panel.locator('tr', { hasText: '第9题 死亡或自伤念头' });
  await expect(alertRow).toContainText('危急', { timeout: 15_000 });
  await alertRow.getByRole('button', { name: '打开危机事件' }).click();
  const eventPage = page.getByTestId('crisis-event');
  await expect(eventPage.getByRole('heading', { name: /^CR-\d{4}-0001$/ })).toBeVisible({ timeout: 15_000 });
  await expect(eventPage.getByTestId('crisis-level-tag').first()).toHaveText('一级');
  await expect(eventPage.getByTestId('crisis-event-status')).toHaveText('处置中');
  const alerts = await shell.client.invoke('alerts.list', { status: 'all' });
  expect(alerts).toMatchObject({ ok: true, value: [{ code: 'PHQ9_ITEM9', level: 'CRITICAL', crisisEventNo: expect.stringMatching(/^CR-/) }] });
  expect((alerts as { value: { acknowledgedAt: string | null }[] }).value[0].acknowledgedAt).not.toBeNull();

  // Two steps done with notes.
  for (const [key, note] of [
    ['discovery', '值班咨询师陪护学生，已完成 C-SSRS 筛查（合成数据）'],
    ['report', '已电话报告值班咨询师和院系负责人（合成数据）'],
  ] as const) {
    const row = page.getByTestId(`crisis-step-${key}`);
    await row.getByRole('button', { name: /^完\s*成$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('处置记录（谁、何时、做了什么）').fill(note);
    await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText(note);
    await expect(row).toContainText('已完成');
  }
  const assess = page.getByTestId('crisis-step-assess');
  await expect(assess).toHaveAttribute('data-overdue', 'false');
  await expect(assess.getByTestId('crisis-step-timer')).toContainText('剩余');

  // Three hours later by the core's clock: the 2-hour step is overdue, in red, here and on the board.
  await shell.client.advanceClock(3 * 3600_000);
  await page.reload();
  await expect(page.getByTestId('crisis-step-assess')).toHaveAttribute('data-overdue', 'true', { timeout: 15_000 });
  const timer = page.getByTestId('crisis-step-assess').getByTestId('crisis-step-timer');
  await expect(timer).toContainText('已超时');
  await expect(timer).toHaveCSS('color', 'rgb(207, 19, 34)');
  await expect(page.getByTestId('crisis-step-discovery')).toHaveAttribute('data-overdue', 'false');
  const eventUrl = page.url();

  await page.getByRole('menuitem', { name: '危机干预' }).click();
  const board = page.getByTestId('crisis-board');
  const boardRow = board.locator('tr', { hasText: '测试学生甲' });
  await expect(boardRow.getByTestId('crisis-board-overdue')).toHaveAttribute('data-overdue', 'true');
  await expect(boardRow.getByTestId('crisis-board-overdue')).not.toHaveText('0');
  await expect(boardRow.getByTestId('crisis-board-overdue')).toHaveCSS('color', 'rgb(207, 19, 34)');

  // The workbench shows the overdue step and the in-app banner (the browser shell's notification).
  await page.getByRole('menuitem', { name: /工作台/ }).click();
  await expect(page.getByTestId('crisis-overdue-banner')).toBeVisible();
  await expect(page.getByTestId('crisis-workbench').getByTestId('crisis-overdue-step').first()).toContainText('测试学生甲');

  // A close needs every checklist step done or marked not applicable (issue 14): the rest are marked here.
  const eventId = decodeURIComponent(eventUrl.split('/').pop()!);
  const open = (await shell.client.invoke('crisis.get', { id: eventId })) as {
    value: { steps: { id: string; key: string; applicable: boolean; status: string }[] };
  };
  for (const step of open.value.steps.filter((s) => s.applicable && s.status === 'open' && s.key !== 'closure')) {
    expect((await shell.client.invoke('crisis.markNotApplicable', { stepId: step.id, reason: '本次事件不涉及（合成数据）' })).ok).toBe(true);
  }

  // Request closure with a summary, then approve as the director.
  await page.goto(eventUrl);
  await page.reload();
  await page.getByRole('button', { name: '申请结案' }).click();
  const request = page.getByRole('dialog');
  await request.getByLabel('结案小结（处置经过、结案依据）').fill('学生已转介就医，监护人接回，转入常规随访（合成数据）');
  await request.getByRole('button', { name: /^确\s*定$/ }).click();
  await expect(request).toBeHidden();
  await expect(page.getByTestId('crisis-event-status')).toHaveText('待审批结案');
  await page.getByRole('button', { name: '批准结案' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^确\s*定$/ })
    .click();
  await expect(page.getByTestId('crisis-event-status')).toHaveText('已结案');
  // A closed event is never overdue.
  await expect(page.getByTestId('crisis-step-assess')).toHaveAttribute('data-overdue', 'false');
});
