import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, SessionInfo, Student } from '../../src-shared/contract';
import { FACETS, fullStudent, listItem, searchHandler } from '../support/student-fakes';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

const DIRECTOR = session();
const LIAISON = session({ accountId: 'acc-9', username: 'li.fudaoyuan', displayName: '李老师', roles: ['liaison'] });

type SearchInput = ChannelInput<'students.search'>;

function openStudents(s: SessionInfo = DIRECTOR, total = 240, extra: Handlers = {}) {
  window.location.hash = '#/students';
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.search': searchHandler(total),
    'students.facets': () => FACETS,
    'students.get': ({ id }) => fullStudent(Number(id.replace('stu-', '')) - 1),
    'students.timeline': () => [],
    ...extra,
  });
}

/** jsdom has no layout: give the list's scroller a height so the virtualizer has a window to fill. */
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset?.testid === 'student-grid-scroller' ? 480 : 0;
    },
  });
  if (!HTMLElement.prototype.scrollTo) HTMLElement.prototype.scrollTo = function scrollTo() {};
});
afterAll(() => {
  // Back to jsdom's own (Element.prototype) getter.
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

/** An option of the open antd Select popup (the grid has cells with the same title). */
async function option(title: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).toBeTruthy());
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

function bodyRows(): HTMLElement[] {
  return within(screen.getByRole('grid', { name: '学生列表' }))
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-rowindex') !== '1');
}

describe('student list', () => {
  it('searches by pinyin initials after a short pause and renders the rows', async () => {
    const fake = openStudents();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const grid = await screen.findByRole('grid', { name: '学生列表' });
    await within(grid).findByText('2026000001');
    expect(screen.getByTestId('student-total').textContent).toContain('共 240 名学生');

    await fill(user, screen.getByRole('textbox', { name: '搜索学生' }), 'zs');
    await waitFor(() => expect(fake.callsTo('students.search').some((input) => (input as SearchInput).query === 'zs')).toBe(true));
    await waitFor(() => expect(screen.getByTestId('student-total').textContent).toContain('共 10 名学生'));
    const names = bodyRows().map((row) => within(row).getAllByRole('gridcell')[1].textContent);
    expect(names.length).toBe(10);
    for (const name of names) expect(name).toMatch(/^张/);
    // The query went out once, after typing stopped, not once per key.
    expect(fake.callsTo('students.search').filter((input) => (input as SearchInput).query === 'z')).toHaveLength(0);
    // Columns in Chinese, gender and status translated.
    const header = within(grid)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(header).toEqual(['学号', '姓名', '性别', '院系', '年级', '班级', '状态']);
    expect(within(bodyRows()[0]).getByText('男')).toBeTruthy();
    expect(within(bodyRows()[0]).getByText('在读')).toBeTruthy();
  });

  it('renders only a window of rows for 100,000 students and asks for further pages when scrolled', async () => {
    const fake = openStudents(DIRECTOR, 100_000);
    await renderApp();
    const grid = await screen.findByRole('grid', { name: '学生列表' });
    await within(grid).findByText('2026000001');
    expect(screen.getByTestId('student-total').textContent).toContain('100,000');
    expect(grid.getAttribute('aria-rowcount')).toBe('100001');
    // 480 px / 40 px rows = 12 in view, plus a few above and below: far fewer than 100,000.
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThan(40);
    expect(fake.callsTo('students.search').every((input) => (input as SearchInput).limit === 100)).toBe(true);

    const scroller = screen.getByTestId('student-grid-scroller');
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 50_000 * 40 });
    act(() => {
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(fake.callsTo('students.search').some((input) => (input as SearchInput).offset === 50_000)).toBe(true));
    await within(grid).findByText(listItem(50_000).studentNo);
    expect(bodyRows().length).toBeLessThan(40);
    // No page between the first and the one in view was fetched.
    expect(fake.callsTo('students.search').some((input) => (input as SearchInput).offset === 100)).toBe(false);
  });

  it('opens a file by click, and by keyboard (↓ then Enter)', async () => {
    openStudents();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const grid = await screen.findByRole('grid', { name: '学生列表' });
    await user.click(await within(grid).findByText(listItem(2).name));
    await waitFor(() => expect(window.location.hash).toBe('#/student/stu-3'));

    window.location.hash = '#/students';
    const again = await screen.findByRole('grid', { name: '学生列表' });
    await within(again).findByText('2026000001');
    act(() => again.focus());
    fireEvent.keyDown(again, { key: 'ArrowDown' });
    fireEvent.keyDown(again, { key: 'ArrowDown' });
    expect(again.getAttribute('aria-activedescendant')).toBeTruthy();
    const active = document.getElementById(again.getAttribute('aria-activedescendant')!)!;
    expect(active.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(again, { key: 'Enter' });
    // Focus selects the first row in view; ↓ ↓ moves to the third.
    await waitFor(() => expect(window.location.hash).toBe('#/student/stu-3'));
  });

  it('filters by department and status from the facets', async () => {
    const fake = openStudents();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByRole('grid', { name: '学生列表' });
    await user.click(screen.getByRole('combobox', { name: '状态' }));
    await user.click(await option('休学'));
    await waitFor(() => expect(fake.callsTo('students.search').some((input) => (input as SearchInput).status === 'leave')).toBe(true));
    await user.click(screen.getByRole('combobox', { name: '院系' }));
    await user.click(await option('计算机学院'));
    await waitFor(() =>
      expect(
        fake.callsTo('students.search').some((input) => (input as SearchInput).department === '计算机学院' && (input as SearchInput).status === 'leave'),
      ).toBe(true),
    );
  });

  it('hides 新增学生 and 导入花名册 from a department liaison', async () => {
    openStudents(LIAISON);
    await renderApp();
    await screen.findByRole('grid', { name: '学生列表' });
    expect(screen.queryByRole('button', { name: /新增学生/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /导入花名册/ })).toBeNull();
  });
});

describe('add a student', () => {
  it('shows translated errors for an empty 学号 and a bad date, and calls nothing', async () => {
    const fake = openStudents();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: /新增学生/ }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('姓名'), '张三');
    await fill(user, within(dialog).getByLabelText('出生日期'), '2007-13-45');
    await user.click(within(dialog).getByLabelText('联系电话'));
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请填写此项。')).toBeTruthy();
    expect(await within(dialog).findByText('“2007-13-45”不是有效的日期，请按 YYYY-MM-DD 填写，例如 2007-09-01。')).toBeTruthy();
    expect(fake.callsTo('students.create')).toHaveLength(0);

    // A 学号 with characters the contract refuses gets its own message.
    await fill(user, within(dialog).getByLabelText('学号'), '2026/01');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('学号只能包含英文字母、数字和连字符。')).toBeTruthy();
    expect(fake.callsTo('students.create')).toHaveLength(0);
  });

  it('sends every field, with guardians, and opens the new file', async () => {
    let created: Student | null = null;
    const fake = openStudents(DIRECTOR, 240, {
      'students.create': (input) => {
        created = fullStudent(0, { ...input, id: 'stu-new', source: 'manual' } as Partial<Student>);
        return created;
      },
      'students.get': () => created ?? fail('NOT_FOUND', { reason: 'studentNotFound' }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: /新增学生/ }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('学号'), 'x2026-77');
    await fill(user, within(dialog).getByLabelText('姓名'), '王小明');
    await fill(user, within(dialog).getByLabelText('出生日期'), '2007/9/1');
    await user.click(within(dialog).getByLabelText('宿舍'));
    await user.paste('5号楼 302');
    await user.click(within(dialog).getByRole('button', { name: /添加监护人/ }));
    await fill(user, within(dialog).getByLabelText('监护人姓名'), '王大明');
    await fill(user, within(dialog).getByLabelText('关系'), '父亲');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fake.callsTo('students.create')).toHaveLength(1));
    expect(fake.callsTo('students.create')[0]).toMatchObject({
      studentNo: 'x2026-77',
      name: '王小明',
      birthDate: '2007-09-01',
      dorm: '5号楼 302',
      status: 'enrolled',
      guardians: [{ name: '王大明', phone: null, relation: '父亲' }],
    });
    await waitFor(() => expect(window.location.hash).toBe('#/student/stu-new'));
  });

  it('puts a 学号 conflict from the core on the 学号 field', async () => {
    openStudents(DIRECTOR, 240, { 'students.create': () => fail('CONFLICT', { reason: 'studentNoTaken' }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: /新增学生/ }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('学号'), '2026000001');
    await fill(user, within(dialog).getByLabelText('姓名'), '张一');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('该学号已被使用。')).toBeTruthy();
  });
});
