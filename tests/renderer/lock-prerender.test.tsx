import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EARLY_SUBMIT_ATTRIBUTE, installEarlyPage, PRERENDERED_ATTRIBUTE } from '../../src-renderer/lock/page-early';
import { LANGUAGE_BOOT_SCRIPT } from '../../src-shared/csp';
import { prerenderLockScreens } from '../../src-renderer/lock/prerender';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';

/**
 * Issue 19 goal 4: the built page holds the lock screen (lock/prerender.tsx) in both languages, usable
 * before any of React is loaded; the inline script of <head> (src-shared/csp.ts) shows the remembered
 * language; lock/page-early.ts keeps the form from being sent; main.tsx hydrates the copy shown, keeping what was typed, and does a sign-in that
 * was asked for before it ran.
 */
const counselor = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
const mainWindow: Handlers = {
  'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 10 }),
  'system.about': () => ({ version: '0.1.0', dataDir: '/tmp/x', schemaVersion: 1, encrypted: true, cipher: 'chacha20', workstationId: 'ws-1' }),
};

/** The built page as the browser has it before its module script runs. */
function loadPrerenderedPage() {
  document.documentElement.lang = 'zh-CN';
  document.documentElement.removeAttribute(EARLY_SUBMIT_ATTRIBUTE);
  // The very text index.html carries inline (jsdom runs no <script> of its own here).
  // eslint-disable-next-line no-new-func -- the shipped script, run as the browser would
  new Function(LANGUAGE_BOOT_SCRIPT)();
  document.body.innerHTML = prerenderLockScreens('0.1.0');
  installEarlyPage(window);
}

const copy = (language: string) => document.querySelector<HTMLElement>(`[${PRERENDERED_ATTRIBUTE}="${language}"]`)!;
const field = (root: ParentNode, name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const isLive = (input: HTMLElement) => Object.keys(input).some((key) => key.startsWith('__reactProps$'));

let unmount: (() => void) | null = null;

/** main.tsx, run as the page's module script (a fresh module each time). */
async function runMainScript() {
  vi.resetModules();
  const { root } = await import('../../src-renderer/main');
  unmount = () => root.unmount();
}

beforeEach(() => {
  window.localStorage.clear();
});

afterEach(() => {
  act(() => unmount?.());
  unmount = null;
});

describe('prerendered lock screen', () => {
  it('holds the lock form in both languages, with its labels, footer and autofocus, and no script', () => {
    const html = prerenderLockScreens('0.1.0');
    const page = document.createElement('div');
    page.innerHTML = html;
    for (const [language, title, label, footer] of [
      ['zh-CN', '工作站已锁定', '密码', '版本 0.1.0'],
      ['en', 'Workstation locked', 'Password', 'Version 0.1.0'],
    ]) {
      const root = page.querySelector(`[${PRERENDERED_ATTRIBUTE}="${language}"]`)!;
      expect(root.textContent).toContain(title);
      expect(root.textContent).toContain(footer);
      const password = field(root, 'password');
      expect(password.type).toBe('password');
      expect(root.querySelector(`label[for="${password.id}"]`)?.textContent).toBe(label);
      expect(field(root, 'username').hasAttribute('autofocus')).toBe(true);
      expect(root.querySelectorAll('form.lock-form')).toHaveLength(1);
    }
    // Ids are the copy's own; nothing the CSP would refuse.
    const ids = [...page.querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page.querySelectorAll('script')).toHaveLength(0);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('notes Enter pressed before React runs without sending the form, then signs in with what was typed', async () => {
    const fake = installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => counselor, ...mainWindow });
    loadPrerenderedPage();
    const zh = copy('zh-CN');
    field(zh, 'username').value = 'wang.zixun';
    field(zh, 'password').value = 'a password';
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    zh.querySelector('form')!.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(document.documentElement.hasAttribute(EARLY_SUBMIT_ATTRIBUTE)).toBe(true);

    await runMainScript();
    expect(await screen.findByText('您好，王老师', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(fake.callsTo('auth.signIn')).toEqual([{ username: 'wang.zixun', password: 'a password' }]);
    expect(document.documentElement.hasAttribute(EARLY_SUBMIT_ATTRIBUTE)).toBe(false);
  }, 30_000);

  it('hydrates the copy shown as it is: the same fields, what was typed kept, the other language dropped', async () => {
    const fake = installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => counselor, ...mainWindow });
    loadPrerenderedPage();
    const zh = copy('zh-CN');
    const username = field(zh, 'username');
    const password = field(zh, 'password');
    username.value = 'wang.zixun';
    password.value = 'typed early';

    await runMainScript();
    await waitFor(() => expect(isLive(password)).toBe(true));
    expect(document.querySelector(`[${PRERENDERED_ATTRIBUTE}]`)).toBeNull();
    expect(document.getElementById('root')).toBe(zh);
    expect(screen.getByLabelText('密码')).toBe(password);
    expect(password.value).toBe('typed early');
    expect(fake.callsTo('auth.signIn')).toEqual([]);

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: '登录' }));
    await waitFor(() => expect(fake.callsTo('auth.signIn')).toEqual([{ username: 'wang.zixun', password: 'typed early' }]));
  }, 30_000);

  it('shows the English copy when English was chosen on this computer, and hydrates that one', async () => {
    installFakeBridge({ 'app.status': status.locked });
    window.localStorage.setItem('counsel.language', 'en');
    loadPrerenderedPage();
    expect(document.documentElement.lang).toBe('en');
    const en = copy('en');

    await runMainScript();
    await waitFor(() => expect(isLive(field(en, 'password'))).toBe(true));
    expect(document.getElementById('root')).toBe(en);
    expect(screen.getByText('Workstation locked')).toBeTruthy();
    expect(screen.queryByText('工作站已锁定')).toBeNull();
    expect((screen.getByRole('radio', { name: 'English' }) as HTMLInputElement).checked).toBe(true);
  });

  it('switches the copy shown when the language is picked before React runs, carrying what was typed', () => {
    loadPrerenderedPage();
    field(copy('zh-CN'), 'username').value = 'wang.zixun';
    const english = copy('zh-CN').querySelector<HTMLInputElement>('input[type="radio"][value="en"]')!;
    english.checked = true;
    english.dispatchEvent(new Event('change', { bubbles: true }));
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('counsel.language')).toBe('en');
    expect(field(copy('en'), 'username').value).toBe('wang.zixun');
    expect(copy('en').querySelector<HTMLInputElement>('input[type="radio"][value="en"]')!.checked).toBe(true);
  });

  it('gives way to the first-run wizard when the workstation is not set up, and signs nobody in', async () => {
    const fake = installFakeBridge({ 'app.status': status.uninitialized });
    loadPrerenderedPage();
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    copy('zh-CN').querySelector('form')!.dispatchEvent(submit);

    await runMainScript();
    expect(await screen.findByText('首次设置', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByText('工作站已锁定')).toBeNull();
    expect(fake.callsTo('auth.signIn')).toEqual([]);
  }, 30_000);
});
