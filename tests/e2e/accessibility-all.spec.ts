import type { Page } from '@playwright/test';
import { NAVIGATION, navItemVisible, SUBPAGES } from '../../src-renderer/navigation';
import { ROUTES, type Route } from '../../src-renderer/router';
import { rolesGrant, type Role } from '../../src-shared/permissions';
import { ADMIN, expect, expectNoSeriousA11yViolations, initializeViaCore, signIn, test } from './fixtures';

/**
 * Accessibility (issue 9, item 7) on every page an admin+director can open, and on the main
 * dialogs: axe-core finds no serious or critical WCAG 2.1 A/AA violation. The page list comes from
 * the router, the menu and the subpages, so a new route is checked (or, for a new subpage that
 * needs a parameter, fails here until it gets one). Synthetic people only.
 */

const ROLES: readonly Role[] = ['admin', 'director'];
const STUDENT = { studentNo: '2026900101', name: '测试学生丁', department: '心理学院', grade: '2026级', className: '心理1班' };

interface Seeded {
  studentId: string;
  caseId: string;
  crisisId: string;
  groupId: string;
}

/** The parameter(s) each subpage is opened with; print is opened once per document that the seed has. */
function subpageParams(s: Seeded): Partial<Record<Route, string[]>> {
  return {
    student: [s.studentId],
    intake: [`student:${s.studentId}`],
    case: [s.caseId],
    group: [s.groupId],
    crisisEvent: [s.crisisId],
    print: [`crisis-report:${s.crisisId}`, `case-file:${s.studentId}`, `case:${s.caseId}`],
  };
}

/** Every hash the roles can open, with a name for the report; throws for a route nobody classified. */
function pagesFor(s: Seeded): [string, string][] {
  const params = subpageParams(s);
  const pages: [string, string][] = [];
  for (const route of ROUTES) {
    const item = NAVIGATION.find((n) => n.route === route);
    const sub = SUBPAGES[route];
    if (item) {
      if (navItemVisible(ROLES, item)) pages.push([route, `#/${route}`]);
    } else if (sub) {
      if (!rolesGrant(ROLES, sub.permission)) continue;
      const values = params[route];
      if (!values?.length) throw new Error(`subpage "${route}" has no parameter in subpageParams: add one (and seed what it needs)`);
      for (const value of values) pages.push([`${route} ${value.split(':')[0]}`, `#/${route}/${encodeURIComponent(value)}`]);
    } else {
      throw new Error(`route "${route}" is neither in NAVIGATION nor in SUBPAGES`);
    }
  }
  return pages;
}

async function value(page: Page, channel: string, input: unknown): Promise<any> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: any;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function signedIn(page: Page, shell: Parameters<typeof initializeViaCore>[0]) {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
}

/** A student with an open case and a crisis event, and a group, so every subpage has content. */
async function seed(page: Page): Promise<Seeded> {
  const student = await value(page, 'students.create', STUDENT);
  const counselors: { id: string }[] = await value(page, 'cases.counselors', {});
  const intake = await value(page, 'cases.intake', {
    studentId: student.id,
    consent: { confidentialityLimitsExplained: true, consentedBy: STUDENT.name, consentedAt: '2026-09-01T08:00:00.000Z', minor: false },
    concerns: ['stress'],
    history: '无既往咨询史（合成数据）',
    cssrs: [0, 0, null, null, null, 0, null],
    impression: '适应压力（合成数据）',
    disposition: 'individual',
    counselorId: counselors[0].id,
  });
  const levels: { key: string }[] = await value(page, 'crisis.levels', {});
  const crisis = await value(page, 'crisis.open', {
    studentId: student.id,
    caseId: intake.caseId,
    level: levels[0].key,
    description: '合成数据：测试危机事件',
  });
  const group = await value(page, 'groups.create', {
    name: '新生适应团体（合成数据）',
    theme: 'freshman_adaptation',
    leaders: [counselors[0].id],
    status: 'planned',
  });
  return { studentId: student.id, caseId: intake.caseId, crisisId: crisis.id, groupId: group.id };
}

async function go(page: Page, hash: string) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await settled(page);
}

/** The page has drawn something and finished loading (no spinner or skeleton left). */
async function settled(page: Page) {
  await expect(page.locator('main > *').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0, { timeout: 15_000 });
}

/** A button's name: its text, after the icon's own label (antd icons are labelled images, e.g. "plus"). */
function withIcon(text: string): RegExp {
  return new RegExp(`^([a-z-]+ )?${text}$`);
}

/** Opens a dialog with its button, checks it with axe, and closes it again. */
async function checkDialog(page: Page, name: string, open: () => Promise<void>, alsoWithErrors?: string) {
  await open();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0, { timeout: 15_000 });
  await expectNoSeriousA11yViolations(page, `${name} dialog`);
  if (alsoWithErrors) {
    await dialog.getByRole('button', { name: alsoWithErrors, exact: true }).click();
    await expect(dialog.locator('.ant-form-item-explain-error').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, `${name} dialog with field errors`);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test.describe('accessibility of every page', () => {
  test('every route an admin+director can open: no serious axe violations', async ({ page, shell }) => {
    test.setTimeout(420_000);
    await signedIn(page, shell);
    const pages = pagesFor(await seed(page));
    // Every menu page the roles see is in the list (the list is not silently short).
    expect(pages.map(([name]) => name)).toEqual(expect.arrayContaining(NAVIGATION.filter((n) => navItemVisible(ROLES, n)).map((n) => n.route)));
    expect(pages.length).toBeGreaterThanOrEqual(30);
    for (const [name, hash] of pages) {
      await go(page, hash);
      // The page itself, not a "not found" placeholder, is what axe checks.
      await expect(page.locator('.ant-result-404'), `${name}: not found`).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, name);
    }
  });

  test('main dialogs (new appointment, new student, new crisis event): no serious axe violations', async ({ page, shell }) => {
    test.setTimeout(180_000);
    await signedIn(page, shell);
    await seed(page);

    await go(page, '#/calendar');
    await checkDialog(page, 'new appointment', () =>
      page
        .locator('main')
        .getByRole('button', { name: withIcon('新建预约') })
        .click(),
    );

    await go(page, '#/students');
    await checkDialog(page, 'new student', () => page.getByRole('button', { name: withIcon('新增学生') }).click(), '保存');

    // The seeded student has an event under way (their file offers 查看进行中的危机事件): a second
    // student without one shows the dialog.
    const calm = await value(page, 'students.create', { ...STUDENT, studentNo: '2026990098', name: '测试学生戊' });
    await go(page, `#/student/${calm.id}`);
    await checkDialog(page, 'new crisis event', () => page.getByRole('button', { name: withIcon('新建危机事件') }).click());
  });
});
