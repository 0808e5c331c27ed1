import type { Page } from '@playwright/test';
import { ADMIN, expect, expectNoSeriousA11yViolations, initializeViaCore, SCHOOL, signIn, test } from './fixtures';

/**
 * Accessibility and ergonomics (issue 9, item 7) on the real shell, as an admin+director:
 * axe-core finds no serious or critical WCAG 2.1 A/AA violation on the main screens; the menu,
 * a search and a dialog work by keyboard alone with a visible focus ring; the workbench and a
 * list fit 1366x768 and 1366x768 at 125 % scaling without a horizontal page scroll.
 * Synthetic people only.
 */

const STUDENT = { studentNo: '2026900001', name: '测试学生甲', department: '心理学院', grade: '2026级', className: '心理1班' };

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

/** A student with an open case and a crisis event, so the student file, case page and board have content. */
async function seed(page: Page): Promise<{ studentId: string; caseId: string; crisisId: string }> {
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
  return { studentId: student.id, caseId: intake.caseId, crisisId: crisis.id };
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

test.describe('accessibility', () => {
  test('first-run, sign-in and lock screens: no serious axe violations, also with field errors shown', async ({ page, shell }) => {
    await expect(page.getByText('首次设置')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'first-run: school');
    await page.getByLabel('学校名称').fill(SCHOOL);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByLabel('用户名')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'first-run: administrator');

    await initializeViaCore(shell);
    await expect(page.getByLabel('用户名', { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'sign-in');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByText('请填写此项。').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'sign-in with field errors');

    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
    await value(page, 'auth.lock', {});
    await expect(page.getByText('工作站已锁定')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'lock screen');
  });

  test('main screens as admin+director: no serious axe violations', async ({ page, shell }) => {
    test.setTimeout(240_000);
    await signedIn(page, shell);
    const { studentId, caseId, crisisId } = await seed(page);
    const screens: [string, string][] = [
      ['workbench', '#/workbench'],
      ['students', '#/students'],
      ['student file', `#/student/${studentId}`],
      ['case', `#/case/${caseId}`],
      ['crisis board', '#/crisis'],
      ['crisis event', `#/crisisEvent/${crisisId}`],
      ['statistics', '#/statistics'],
      ['audit log', '#/audit'],
      ['settings', '#/settings'],
      ['sync export', '#/sync'],
      ['backup', '#/backup'],
    ];
    for (const [name, hash] of screens) {
      await go(page, hash);
      await expectNoSeriousA11yViolations(page, name);
    }
  });
});

interface Focused {
  name: string;
  role: string | null;
  text: string;
  /** An outline or a box-shadow on the element, its field wrapper, or the box drawn beside a native checkbox/radio. */
  ring: boolean;
}

/** What has the keyboard focus now, and whether it shows a focus indicator. */
async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const drawn = (node: Element) => {
      const box = node.getBoundingClientRect();
      const style = getComputedStyle(node);
      return box.width > 0 && box.height > 0 && style.opacity !== '0' && style.visibility !== 'hidden';
    };
    // A ring, not a drop shadow: antd's buttons always carry "0 2px 0" shadows, focused or not.
    const ringShadow = (shadow: string) =>
      shadow !== 'none' &&
      shadow.split(/,(?![^(]*\))/).some((part) => {
        const [x, y, , spread] = part
          .replace(/rgba?\([^)]*\)/g, '')
          .trim()
          .split(/\s+/)
          .map(parseFloat);
        return x === 0 && y === 0 && spread > 0;
      });
    const shows = (node: Element | null) => {
      if (!node || !drawn(node)) return false;
      const style = getComputedStyle(node);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || ringShadow(style.boxShadow);
    };
    // antd draws the ring on the field's wrapper (inputs with affixes, selects, pickers), on the
    // box next to a native checkbox or radio, or on the option around a hidden radio (segmented).
    const wrapper = el.closest('.ant-input-affix-wrapper, .ant-select, .ant-picker, .ant-input-number');
    const ring = shows(el) || shows(wrapper) || shows(el.nextElementSibling) || shows(el.parentElement);
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const role = el.getAttribute('role');
    return { name: `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ''} "${text}"`, role, text, ring };
  });
}

/** Tab (or Shift+Tab) until `until` matches, checking every stop on the way; fails after `max` stops. */
async function tabUntil(page: Page, until: (f: Focused) => boolean, seen: Focused[], max = 40, key = 'Tab'): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    // Some widgets (antd's menu) move the focus in an animation frame after the key: let it land.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const now = await focused(page);
    if (!now) continue;
    seen.push(now);
    if (until(now)) return now;
  }
  throw new Error(`not reached in ${max} ${key} presses; stops: ${seen.map((f) => f.name).join(' | ')}`);
}

test.describe('keyboard', () => {
  test('menu, student search and the new-student dialog work by keyboard alone, each stop with a visible focus ring', async ({ page, shell }) => {
    test.setTimeout(120_000);
    await signedIn(page, shell);
    await seed(page);
    await value(page, 'students.create', { ...STUDENT, studentNo: '2026900003', name: '测试学生丙' });
    await go(page, '#/workbench');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: Focused[] = [];

    // Into the side menu and down to 学生档案; Enter opens it.
    await tabUntil(page, (f) => f.role === 'menu' || f.role === 'menuitem', seen);
    await tabUntil(page, (f) => f.role === 'menuitem' && f.text.includes('学生档案'), seen, 30, 'ArrowDown');
    await expect(page.getByRole('menuitem', { name: '学生档案' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/students$/);

    // The search box, then the result list; Enter opens the student's file.
    await tabUntil(page, (f) => f.text === '搜索学生', seen);
    await page.keyboard.type(STUDENT.name);
    // The search has run (two students, one matches) before the list takes the focus.
    await expect(page.getByTestId('student-total')).toHaveText('共 1 名学生');
    const grid = page.getByRole('grid', { name: '学生列表' });
    await expect(grid).toHaveAttribute('aria-busy', 'false');
    await tabUntil(page, (f) => f.role === 'grid', seen);
    // Focusing the list selects its first row; Enter opens it.
    await expect(grid.locator('[role=row][aria-selected=true]')).toContainText(STUDENT.name);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/student\/[^/]+$/);
    await expect(page.getByRole('heading', { name: STUDENT.name })).toBeVisible();

    // Back to the list; the primary action opens its dialog with Space, and the form is filled and saved by keyboard.
    await page.goBack();
    await expect(page).toHaveURL(/#\/students$/);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabUntil(page, (f) => f.text.includes('新增学生'), seen);
    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    // The focus moves into the dialog (antd keeps it there), so Tab reaches its fields.
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    const studentNo = dialog.getByLabel('学号');
    if (!(await studentNo.evaluate((el) => el === document.activeElement))) {
      await tabUntil(page, (f) => f.name.startsWith('input'), seen, 5);
      await expect(studentNo).toBeFocused();
    } else {
      seen.push((await focused(page))!);
    }
    await page.keyboard.type('2026900002');
    await page.keyboard.press('Tab');
    seen.push((await focused(page))!);
    await expect(dialog.getByLabel('姓名')).toBeFocused();
    await page.keyboard.type('测试学生乙');
    await tabUntil(page, (f) => f.text === '保存', seen, 60);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: '测试学生乙' })).toBeVisible();

    const noRing = seen.filter((f) => !f.ring).map((f) => f.name);
    expect(noRing, 'focused elements without a visible focus indicator').toEqual([]);
  });
});

/** 1366x768 at 125 % scaling: Windows gives the page 1093x614 CSS pixels at 1.25 device pixels each. */
const VIEWPORTS = [
  { label: '1366x768', width: 1366, height: 768, scale: 1 },
  { label: '1366x768-at-125', width: 1093, height: 614, scale: 1.25 },
] as const;

test.describe('small screens', () => {
  test('workbench and lists fit 1366x768 and 125 % scaling: no horizontal page scroll, menu and header visible', async ({ page, shell }, testInfo) => {
    test.setTimeout(120_000);
    await signedIn(page, shell);
    await seed(page);
    const cdp = await page.context().newCDPSession(page);
    for (const viewport of VIEWPORTS) {
      await cdp.send('Emulation.setDeviceMetricsOverride', {
        width: viewport.width,
        height: viewport.height,
        deviceScaleFactor: viewport.scale,
        mobile: false,
      });
      expect(await page.evaluate(() => [window.innerWidth, window.devicePixelRatio])).toEqual([viewport.width, viewport.scale]);
      for (const [name, hash] of [
        ['workbench', '#/workbench'],
        ['students', '#/students'],
        ['audit', '#/audit'],
      ] as const) {
        await go(page, hash);
        const overflow = await page.evaluate(() => {
          const root = document.scrollingElement as HTMLElement;
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
        });
        expect(overflow.scrollWidth, `${viewport.label} ${name}: horizontal page scroll`).toBeLessThanOrEqual(overflow.clientWidth);
        await expect(page.getByRole('menuitem', { name: '工作台' })).toBeInViewport();
        await expect(page.locator('.main-header')).toBeInViewport();
        await expect(page.getByRole('button', { name: /锁定/ })).toBeInViewport();
        await expect(page.locator('main > *').first()).toBeInViewport();
        const path = testInfo.outputPath(`${viewport.label}-${name}.png`);
        await page.screenshot({ path });
        await testInfo.attach(`${viewport.label}-${name}`, { path, contentType: 'image/png' });
      }
    }
  });
});
