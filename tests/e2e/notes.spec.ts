import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 咨询记录 on the real shell, synthetic people only. Students, accounts and cases belong to other
 * pages and are set up through the page's own bridge; the notes themselves go through their UI.
 */

const SUPERVISOR = { username: 'zhao.dudao', displayName: '赵督导', password: 'zhao-initial-pass-1', newPassword: 'zhao-own-pass-2026' };
const TRAINEE = { username: 'xiao.shixi', displayName: '小实习', password: 'xiao-initial-pass-1', newPassword: 'xiao-own-pass-2026' };

async function invoke<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A case through an intake (the cases module's channel), assigned to `counselorId`. */
async function openCase(page: Page, studentNo: string, name: string, counselorId: string): Promise<string> {
  const student = await invoke<{ id: string }>(page, 'students.create', { studentNo, name, department: '文学院' });
  const opened = await invoke<{ caseId: string }>(page, 'cases.intake', {
    studentId: student.id,
    consent: { confidentialityLimitsExplained: true, consentedBy: name, consentedAt: new Date().toISOString(), minor: false },
    concerns: ['sleep'],
    cssrs: [0, 0, 'NA', 'NA', 'NA', 0, 'NA'],
    disposition: 'individual',
    counselorId,
  });
  return opened.caseId;
}

/** Sign in through the bridge as a new account, changing its initial password. */
async function switchTo(page: Page, who: { username: string; password: string; newPassword: string }) {
  await invoke(page, 'auth.lock', {});
  await invoke(page, 'auth.signIn', { username: who.username, password: who.password });
  await invoke(page, 'auth.changePassword', { currentPassword: who.password, newPassword: who.newPassword });
}

test('a counselor writes a session note, signs it and adds an addendum', async ({ shell, page }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible();
  const me = await invoke<{ session: { accountId: string } }>(page, 'app.status', {});
  const caseId = await openCase(page, '2026990001', '测试学生甲', me.session.accountId);

  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), caseId);
  await page.getByRole('tab', { name: '咨询记录' }).click();
  const notes = page.getByTestId('case-notes');
  await expect(notes.getByText('暂无咨询记录')).toBeVisible();
  await notes.getByRole('button', { name: /新建咨询记录/ }).click();

  const editor = page.getByTestId('note-editor');
  await editor.getByLabel('主诉').fill('测试主诉：开学后入睡困难');
  await editor.getByLabel('咨询过程').fill('测试过程：讨论作息');
  await editor.getByLabel('计划').fill('一周后再谈');
  await editor.getByRole('button', { name: '签名并锁定' }).click();
  // Signing without the risk re-check is refused in the form, in Chinese.
  await expect(editor.getByText('签名前请完成风险复核（风险等级、自杀意念、自伤）。').first()).toBeVisible();
  // ... and without one of the plan's counseling topics.
  await expect(editor.getByText('签名前请至少选择一个咨询议题。')).toBeVisible();
  await editor.getByRole('checkbox', { name: '学习适应' }).check();
  await editor.getByText('低', { exact: true }).click();
  await editor.locator('#riskCheck_suicidalIdeation').getByText('否').click();
  await editor.locator('#riskCheck_selfHarm').getByText('否').click();
  await editor.getByRole('button', { name: '保存草稿' }).click();
  await expect(notes.getByText('草稿')).toBeVisible();

  await editor.getByRole('button', { name: '签名并锁定' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '签名并锁定' }).click();

  const view = page.getByTestId('note-view');
  await expect(view.getByText('记录已锁定，只能添加补充记录。')).toBeVisible();
  await expect(view.getByText('测试主诉：开学后入睡困难')).toBeVisible();
  await expect(notes.getByText('已签名')).toBeVisible();
  await expect(view.getByRole('button', { name: /解锁/ })).toBeVisible();

  await view.getByLabel('新的补充记录').fill('补充：家长来电询问');
  await view.getByRole('button', { name: '添加补充记录' }).click();
  await expect(view.getByTestId('note-addenda').getByText('补充：家长来电询问')).toBeVisible();

  // The locked body did not change underneath.
  const [stored] = await invoke<{ body: Record<string, string>; status: string; addenda: unknown[] }[]>(page, 'notes.list', { caseId });
  expect(stored).toMatchObject({ status: 'signed', body: { chief_complaint: '测试主诉：开学后入睡困难' } });
  expect(stored.addenda).toHaveLength(1);
});

test("a trainee's note waits for the supervisor, who co-signs it on the co-sign page", async ({ shell, page }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible();
  const supervisor = await invoke<{ id: string }>(page, 'accounts.create', {
    username: SUPERVISOR.username,
    displayName: SUPERVISOR.displayName,
    password: SUPERVISOR.password,
    roles: ['supervisor'],
  });
  const trainee = await invoke<{ id: string }>(page, 'accounts.create', {
    username: TRAINEE.username,
    displayName: TRAINEE.displayName,
    password: TRAINEE.password,
    roles: ['trainee'],
    supervisorId: supervisor.id,
  });
  const caseId = await openCase(page, '2026990002', '测试学生乙', trainee.id);

  await switchTo(page, TRAINEE);
  const draft = await invoke<{ id: string }>(page, 'notes.create', {
    caseId,
    sessionAt: new Date().toISOString(),
    mode: 'online',
    minutes: 40,
    topics: ['人际'],
    topicCategories: ['interpersonal'],
    body: { chief_complaint: '测试主诉：宿舍矛盾', process: '', assessment: '', plan: '' },
    riskCheck: { level: 'none', suicidalIdeation: false, selfHarm: false },
  });
  expect(await invoke<{ status: string }>(page, 'notes.sign', { id: draft.id })).toMatchObject({ status: 'awaiting_cosign' });

  await switchTo(page, SUPERVISOR);
  await page.reload();
  await expect(page.getByRole('heading', { name: /赵督导/ })).toBeVisible();
  await expect(page.getByTestId('notes-panel').getByText('测试学生乙')).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/cosign'));
  const row = page.getByRole('row', { name: /测试学生乙/ });
  await expect(row.getByText('小实习')).toBeVisible();
  await row.getByRole('button', { name: '查看' }).click();
  const view = page.getByTestId('note-view');
  await expect(view.getByText('测试主诉：宿舍矛盾')).toBeVisible();
  await expect(view.getByText('等待督导 赵督导 签名')).toBeVisible();
  await view.getByRole('button', { name: '督导签名' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '督导签名' }).click();
  await expect(page.getByText('没有等待您签名的记录。')).toBeVisible();
  const signed = await invoke<{ status: string; cosigner: { displayName: string } }>(page, 'notes.get', { id: draft.id });
  expect(signed).toMatchObject({ status: 'signed', cosigner: { displayName: '赵督导' } });
});
