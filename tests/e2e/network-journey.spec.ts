import type { Page } from '@playwright/test';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * Issue 17 end to end, on the real shell with synthetic people only: a register (工作网络) is
 * imported -> a 心理委员 of the register files a report through the center -> the crisis event's
 * step goes to a 保卫处 person of the register -> the leadership group's emergency plan with its
 * decisions, carried out -> a family contact with the guardian -> a training with attendance ->
 * the work report shows all of them (figures, the written part and its delivery).
 */

const SHOTS = process.env.JOURNEY_SHOTS;
const STUDENT = {
  studentNo: '2026500001',
  name: '测试学生戊',
  department: '计算机学院',
  grade: '2026级',
  className: '计算1班',
  guardians: [{ name: '测试家长戊', relation: '母亲', phone: '13800000001' }],
};
const PEER = { studentNo: '2026500002', name: '测试委员己', department: '计算机学院', grade: '2026级', className: '计算1班' };

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

/** The school year (2026-2027) of a date, September on. */
function schoolYearOf(date: Date): string {
  const y = date.getFullYear();
  return date.getMonth() >= 8 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

/** Picks a register person in a PersonPicker by typing part of the name. */
async function pickPerson(page: Page, label: string, name: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: label, exact: true }).click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
}

test('register -> report by a 心理委员 -> step for 保卫处 -> leadership decisions -> family contact -> training -> work report', async ({ page, shell }) => {
  test.setTimeout(300_000);
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  const student = await value(page, 'students.create', STUDENT);
  await value(page, 'students.create', PEER);
  const year = schoolYearOf(new Date());

  // 1. The register, imported from a file (the template's columns).
  const csv = [
    '学年,角色,姓名,学号,单位/职务,电话,院系,年级,班级,账号,任期开始,任期结束,备注',
    `${year},组长,测试校长,,校长,0000-0000001,,,,,,,`,
    `${year},保卫处人员,测试保卫值班员,,保卫处,0000-0000110,,,,,,,24小时值班`,
    `${year},班主任,测试班主任,,,,计算机学院,2026级,计算1班,,,,`,
    `${year},心理委员,测试委员己,${PEER.studentNo},,,计算机学院,2026级,计算1班,,,,`,
  ].join('\n');
  await page.getByRole('menuitem', { name: /工作网络/ }).click();
  await page.getByRole('button', { name: /导\s*入$/ }).click();
  const importDialog = page.getByRole('dialog');
  await importDialog.locator('input[type=file]').setInputFiles({ name: '工作网络.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(importDialog).toContainText('新增 4');
  await importDialog.getByRole('button', { name: '导入 4 行' }).click();
  await expect(importDialog).toContainText('导入完成：新增 4');
  await importDialog
    .getByRole('button')
    .filter({ hasText: /关\s*闭|完\s*成|确\s*定/ })
    .first()
    .click();
  const people = (await value(page, 'network.people', {})).rows as { id: string; name: string }[];
  const person = (name: string) => people.find((p) => p.name === name)!;

  // 2. The 心理委员 reports through the center; the center opens a level-1 crisis event from it.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await page.getByRole('button', { name: /上报/ }).first().click();
  const form = page.getByRole('dialog');
  await pickPerson(page, '上报人（从工作网络选择）', '测试委员己');
  await expect(form.getByLabel('上报人姓名')).toHaveValue(/测试委员己/);
  await form.getByLabel('情绪低落').check();
  await form.getByLabel('具体情况').fill('同学反映该生近日情绪低落（合成数据）');
  await form.getByRole('button', { name: '提交上报' }).click();
  await expect(page.getByText('上报已提交，心理中心会尽快处理。')).toBeVisible();
  const queued = (await value(page, 'reports.triageQueue', {})).rows as { id: string; reporterName: string | null; reporterPersonId?: string | null }[];
  const report = queued.find((r) => r.reporterPersonId === person('测试委员己').id)!;
  expect(report.reporterName).toContain('心理委员');
  const event = await value(page, 'crisis.open', {
    studentId: student.id,
    reportId: report.id,
    level: '1',
    description: '心理委员上报，中心评估为一级（合成数据）',
  });

  // 3. A step goes to the 保卫处 person of the register (no account); the center records that they did it.
  await page.evaluate((id) => (window.location.hash = `#/crisisEvent/${id}`), event.id);
  const stepRow = page.getByTestId('crisis-step-assess');
  await stepRow.getByRole('button', { name: /指\s*派/ }).click();
  await pickPerson(page, '交给工作网络中的人员（无账号）', '测试保卫值班员');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(stepRow).toContainText('测试保卫值班员');
  await stepRow.getByRole('button', { name: /^完\s*成$/ }).click();
  await page.getByRole('dialog').getByLabel('处置记录（谁、何时、做了什么）').fill('保卫处值班员协助护送（合成数据）');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^完\s*成$/ })
    .click();
  await expect(stepRow).toContainText('已完成');
  const done = (
    (await value(page, 'crisis.get', { id: event.id })).steps as {
      key: string;
      status: string;
      assigneePerson?: { name: string } | null;
      doneByPerson?: { name: string } | null;
      doneBy: { displayName: string } | null;
    }[]
  ).find((st) => st.key === 'assess')!;
  expect(done).toMatchObject({
    status: 'done',
    assigneePerson: { name: '测试保卫值班员' },
    doneByPerson: { name: '测试保卫值班员' },
    doneBy: { displayName: ADMIN.displayName },
  });

  // 4. The leadership group: emergency plan, decisions, one carried out.
  await page.evaluate((id) => (window.location.hash = `#/crisisEvent/${id}`), event.id);
  const panel = page.getByTestId('leadership-panel');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  await panel.getByRole('button', { name: '记录启动应急预案' }).click();
  await pickPerson(page, '决定人', '测试校长');
  await page.getByRole('dialog').getByLabel('说明（会议、通报方式等）').fill('领导小组紧急会议（合成数据）');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(panel).toContainText('测试校长');
  await panel.getByRole('button', { name: /添加决定事项/ }).click();
  await page.getByRole('dialog').getByLabel('决定内容').fill('保卫处加强宿舍区巡查');
  await pickPerson(page, '落实人', '测试保卫值班员');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  const decision = panel.locator('tbody tr', { hasText: '保卫处加强宿舍区巡查' });
  await expect(decision).toContainText('待落实');
  await shot(page, 'leadership-panel');
  // Open decisions show on the director's workbench until carried out.
  await page.getByRole('menuitem', { name: /工作台/ }).click();
  await expect(page.getByTestId('open-decisions')).toContainText('保卫处加强宿舍区巡查');
  await page.getByTestId('open-decisions').getByText(new RegExp(event.eventNo)).click();
  await decision.getByRole('button', { name: /标记已落实/ }).click();
  await page.getByRole('dialog').getByLabel('落实情况').fill('已安排每晚巡查（合成数据）');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(decision).toContainText('已落实');

  // 5. A family contact with the guardian of the record, on the student file.
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await page.getByRole('tab', { name: '家校沟通' }).click();
  const log = page.getByTestId('family-contact-log');
  await log.getByRole('button', { name: /记录家校沟通/ }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByText('面谈', { exact: true }).click();
  await pickPerson(page, '联系人（不是本人时填写）', '测试班主任');
  await dialog.getByLabel('沟通目的').fill('商议在校陪护安排');
  await dialog.getByLabel('沟通摘要').fill('家长同意每周来校一次（合成数据）');
  await dialog.getByLabel('后续跟进').fill('两周后电话回访');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(log.locator('tbody tr', { hasText: '商议在校陪护安排' })).toContainText('测试家长戊（母亲）');
  await expect(log.locator('tbody tr', { hasText: '商议在校陪护安排' })).toContainText('测试班主任');
  await shot(page, 'family-log');

  // 6. A training with attendance (心理委员 of the register).
  const today = new Date().toISOString().slice(0, 10);
  const training = await value(page, 'training.create', {
    title: '心理委员朋辈辅导培训',
    date: today,
    audience: 'peer_counselors',
    trainer: '心理中心',
    hours: 2,
  });
  await value(page, 'training.setAttendance', {
    id: training.id,
    attendees: [{ registerPersonId: person('测试委员己').id, name: '测试委员己', attended: true }],
  });
  await page.getByRole('menuitem', { name: /培训与督导/ }).click();
  await expect(page.getByTestId('training-list').locator('tr', { hasText: '心理委员朋辈辅导培训' })).toBeVisible({ timeout: 15_000 });

  // 7. The work report of the semester: the figures, the written part and its delivery.
  await page.getByRole('menuitem', { name: /统计/ }).click();
  const family = page.getByTestId('statistics-family');
  await expect(family).toBeVisible({ timeout: 15_000 });
  await expect(family.locator('tr', { hasText: '面谈' })).toContainText('1');
  await expect(page.getByText('培训（按对象）')).toBeVisible();
  await expect(page.locator('tr', { hasText: '心理委员' }).filter({ hasText: '2' }).first()).toBeVisible();
  const text = page.getByTestId('work-report-text');
  await text.getByLabel('工作进展').fill('本学期完成工作网络登记、危机事件处置与家校沟通（合成数据）');
  await text.getByLabel('存在问题').fill('院系心理委员培训覆盖不足');
  await text.getByLabel('工作建议').fill('下学期增加心理委员培训场次');
  await text.getByRole('button', { name: /保存文字部分/ }).click();
  await expect(text).toContainText('最后修改');
  await text.getByRole('button', { name: /登记报送/ }).click();
  dialog = page.getByRole('dialog');
  await pickPerson(page, '报送对象', '测试校长');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(text.getByTestId('work-report-delivery')).toContainText('测试校长');
  await shot(page, 'work-report');
  // Printed with the figures: the saved text is in the print view.
  await page.emulateMedia({ media: 'print' });
  await expect(text.getByTestId('work-report-progress')).toBeVisible();
  await expect(page.getByTestId('statistics-family')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The crisis template and the level scheme await the group's approval (待审定) until recorded.
  await page.getByRole('menuitem', { name: /设置/ }).click();
  const approvals = page.getByTestId('leadership-approvals');
  await expect(approvals.getByTestId('approval-pending').first()).toBeVisible({ timeout: 15_000 });
  await shot(page, 'approvals');

  // The same pages in English: words, no keys.
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await page.evaluate((id) => (window.location.hash = `#/crisisEvent/${id}`), event.id);
  await expect(page.getByTestId('leadership-panel')).toContainText('Emergency plan started');
  await expect(page.getByTestId('leadership-panel')).toContainText('Done');
  await shot(page, 'leadership-panel-en');
  await page.evaluate((id) => (window.location.hash = `#/student/${id}`), student.id);
  await page.getByRole('tab', { name: 'Family contact' }).click();
  await expect(page.getByTestId('family-contact-log')).toContainText('In person');
  await shot(page, 'family-log-en');
  await page.evaluate(() => (window.location.hash = '#/statistics'));
  await expect(page.getByTestId('work-report-text')).toContainText('Delivered to the leadership group');
  await expect(page.getByTestId('statistics-family')).toContainText('Students reached');
  await shot(page, 'work-report-en');
});
