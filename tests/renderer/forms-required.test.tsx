import { cleanup, configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FACETS, searchHandler } from '../support/student-fakes';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const DIRECTOR = session({ roles: ['admin', 'director', 'counselor'] });

function core(hash: string) {
  window.location.hash = hash;
  return installFakeBridge({
    'app.status': () => status.signedIn(DIRECTOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.search': searchHandler(5),
    'students.facets': () => FACETS,
    'accounts.list': () => [],
    'roster.template': () => ({ fileName: '学生花名册模板.xlsx', contentBase64: Buffer.from('xlsx bytes').toString('base64') }),
  });
}

/** The labels antd marks as required (the mark comes from `required` or a required rule). */
function requiredLabels(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.ant-form-item-required')].map((label) => label.textContent?.trim() ?? '');
}

const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
  window.location.hash = '';
});

describe('required fields are marked', () => {
  it('the student form marks 学号 and 姓名, and only them', async () => {
    core('#/students');
    const user = userEvent.setup({ delay: null });
    await renderApp('zh-CN');
    await user.click(await screen.findByRole('button', { name: /新增学生/ }));
    const dialog = await screen.findByRole('dialog');
    expect(requiredLabels(dialog)).toEqual(['学号', '姓名']);
  });

  it('the new-account form marks username, name, roles and the password', async () => {
    core('#/accounts');
    const user = userEvent.setup({ delay: null });
    await renderApp('en');
    await user.click(await screen.findByRole('button', { name: /New account|Create account|Add account/i }));
    const dialog = await screen.findByRole('dialog');
    const labels = requiredLabels(dialog);
    expect(labels.length).toBeGreaterThanOrEqual(5);
    expect(labels.join(' | ')).toMatch(/Username/);
    expect(labels.join(' | ')).toMatch(/Roles/);
  });
});

describe('roster template', () => {
  it('the roster import page offers the template and saves it as the exports do', async () => {
    const fake = core('#/roster');
    const names: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:test') as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const user = userEvent.setup({ delay: null });
    await renderApp('zh-CN');
    await user.click(await screen.findByRole('button', { name: /下载花名册模板/ }));
    await vi.waitFor(() => expect(names).toEqual(['学生花名册模板.xlsx']));
    expect(fake.callsTo('roster.template')).toEqual([{}]);
    expect(within(document.body).getByText(/学号和姓名必填/)).toBeTruthy();
  });
});
