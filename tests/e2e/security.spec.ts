import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { APP_ORIGIN, APP_URL } from '../../src-main/browser-shell/shell';
import { CSP_VIOLATIONS_EXPECTED, expect, initializeViaCore, test } from './fixtures';

type Violation = { directive: string; blocked: string };

test.describe('security of the browser shell', () => {
  test('the app HTML carries the shared CSP, and the app itself runs without any violation', async ({ page }) => {
    // (The `page` fixture fails any test in which the app causes a CSP violation.)
    const response = await page.goto(APP_URL);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await expect(page.getByText('首次设置')).toBeVisible();
    await page.getByLabel('学校名称').fill('测试学院');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByLabel('用户名')).toBeVisible();
  });

  test('an injected inline script is blocked by the CSP', async ({ page }) => {
    test.info().annotations.push({ type: CSP_VIOLATIONS_EXPECTED });
    await expect(page.getByText('首次设置')).toBeVisible();
    const violation = page.evaluate(
      () =>
        new Promise<Violation | 'no violation'>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve({ directive: event.violatedDirective, blocked: event.blockedURI }), {
            once: true,
          });
          setTimeout(() => resolve('no violation'), 5000);
        }),
    );
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = "ran";';
      document.body.appendChild(script);
    });
    expect(await violation).toMatchObject({ directive: expect.stringMatching(/^script-src/), blocked: 'inline' });
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();

    // An inline event handler is blocked the same way.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__injected = "handler ran"');
      img.src = 'data:image/png;base64,broken';
      document.body.appendChild(img);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();

    // So is a script from anywhere but the app's own origin (and the request would be aborted anyway).
    const remote = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.src = 'https://example.com/evil.js';
          script.onload = () => resolve('loaded');
          script.onerror = () => resolve('blocked');
          document.body.appendChild(script);
        }),
    );
    expect(remote).toBe('blocked');
  });

  test('navigation to another origin is denied and the app stays', async ({ page, shell }) => {
    test.info().annotations.push({ type: CSP_VIOLATIONS_EXPECTED }); // the fetch below is refused by connect-src
    await initializeViaCore(shell);
    await expect(page.getByText('工作站已锁定')).toBeVisible();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).origin).toBe(APP_ORIGIN);
    await expect(page.getByText('工作站已锁定')).toBeVisible();

    // A link click and a form submission fare no better.
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'https://example.com/phish';
      document.body.appendChild(link);
      link.click();
    });
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).origin).toBe(APP_ORIGIN);
    await expect(page.getByText('工作站已锁定')).toBeVisible();

    // A fetch to the outside fails (CSP connect-src, and the shell aborts every other request).
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'reached',
        () => 'failed',
      ),
    );
    expect(fetched).toBe('failed');
  });

  test('window.open yields no page, and a popup that gets through is closed', async ({ page, shell }) => {
    await expect(page.getByText('首次设置')).toBeVisible();
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await page.evaluate(() => window.open(location.href) === null)).toBe(true);

    const popup = page.waitForEvent('popup', { timeout: 3000 }).catch(() => null);
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = location.href;
      link.target = '_blank';
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    const opened = await popup;
    if (opened && !opened.isClosed()) await opened.waitForEvent('close', { timeout: 5000 });
    await page.waitForTimeout(500);
    expect(shell.context.pages()).toEqual([page]);
  });

  test('the bridge refuses calls from any frame but the app main frame', async ({ page, shell }) => {
    await expect(page.getByText('首次设置')).toBeVisible();
    // Positive control: the app frame is answered; undeclared channels are not forwarded.
    expect(await page.evaluate(() => window.counsel.invoke('app.status', {}))).toMatchObject({ ok: true, value: { initialized: false } });
    expect(await page.evaluate(() => window.counsel.invoke('no.such.channel', {}))).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } },
    });
    // window.counsel cannot be replaced.
    expect(
      await page.evaluate(() => {
        try {
          (window as unknown as { counsel: unknown }).counsel = { host: 'fake' };
        } catch {
          // strict-mode assignment to a read-only property throws; either way it must stay.
        }
        return [window.counsel.host, Object.isFrozen(window.counsel)];
      }),
    ).toEqual(['browser-shell', true]);

    // A child frame of the app page (same origin, not the main frame).
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.name = 'child';
      frame.srcdoc = '<p>child</p>';
      document.body.appendChild(frame);
    });
    await expect.poll(() => page.frame({ name: 'child' })?.url()).toBe('about:srcdoc');
    const child = page.frame({ name: 'child' })!;
    expect(
      await child.evaluate(() => (window as unknown as { __counselInvoke: (c: string, i: unknown) => Promise<unknown> }).__counselInvoke('app.status', {})),
    ).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'untrustedSender' } },
    });

    // A page on another origin in the same browser context (the test serves it itself).
    await shell.context.route('https://other.invalid/**', (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>other</title><p>other origin</p>' }),
    );
    const other = await shell.context.newPage();
    await other.goto('https://other.invalid/');
    const refused = await other.evaluate(() =>
      (window as unknown as { __counselInvoke: (c: string, i: unknown) => Promise<unknown> }).__counselInvoke('setup.initialize', {
        schoolName: '恶意学院',
        admin: { username: 'evil.admin', displayName: '某人', password: 'evil-password-123' },
        adminIsDirector: true,
      }),
    );
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'untrustedSender' } } });
    expect(await other.evaluate(() => window.counsel.invoke('app.status', {}))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await other.close();
    // Nothing reached the core.
    expect(await shell.client.invoke('app.status', {})).toMatchObject({ ok: true, value: { initialized: false } });
  });
});
