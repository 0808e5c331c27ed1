import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src-renderer/i18n';
import { lazyScreen, ScreenLoading } from '../../src-renderer/screens/lazyScreens';

/** Issue 19 goal 4: a route's code loads when it opens; meanwhile a translated, announced status shows. */
describe('screens loaded on demand', () => {
  afterEach(() => setLanguage('zh-CN'));

  it('shows a polite loading status in Chinese, then the screen once its code has arrived', async () => {
    await setLanguage('zh-CN');
    let arrive: (screen: () => React.JSX.Element) => void = () => undefined;
    const Page = lazyScreen(() => new Promise<() => React.JSX.Element>((resolve) => (arrive = resolve)));
    render(
      <Suspense fallback={<ScreenLoading />}>
        <Page />
      </Suspense>,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('正在加载…');
    expect(status.getAttribute('aria-live')).toBe('polite');
    arrive(() => <h1>工作台</h1>);
    expect(await screen.findByRole('heading', { name: '工作台' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says it in English too', async () => {
    await setLanguage('en');
    render(<ScreenLoading />);
    expect(screen.getByRole('status').textContent).toContain('Loading…');
  });

  it('fetches a screen once, however often it is preloaded and shown', async () => {
    let loads = 0;
    const Page = lazyScreen(async () => {
      loads += 1;
      return () => <p>页面</p>;
    });
    await Promise.all([Page.preload(), Page.preload()]);
    render(
      <Suspense fallback={<ScreenLoading />}>
        <Page />
      </Suspense>,
    );
    expect(await screen.findByText('页面')).toBeTruthy();
    expect(loads).toBe(1);
  });
});
