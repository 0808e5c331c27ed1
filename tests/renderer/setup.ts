import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { z } from 'zod';

// A loaded CI machine renders slower than a desk: wait up to 5 s for what a test expects to appear.
configure({ asyncUtilTimeout: 5_000 });

// The renderer runs zod without its `new Function` fast path (strict CSP); tests do the same.
z.config({ jitless: true });

// The app loads each language's texts when first shown (src-renderer/i18n/index.ts); tests have both at hand.
const { loadLanguage } = await import('../../src-renderer/i18n');
await Promise.all([loadLanguage('zh-CN'), loadLanguage('en')]);

// antd reads media queries and observes sizes; jsdom has neither.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    // Reduced motion, as the e2e shell asks for: antd skips its animations, so no click lands mid-animation.
    value: (query: string) => ({
      matches: query.includes('prefers-reduced-motion: reduce'),
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', { configurable: true, value: ResizeObserverStub });
  Object.defineProperty(globalThis, 'ResizeObserver', { configurable: true, value: ResizeObserverStub });
}

if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
if (!window.scrollTo) window.scrollTo = () => undefined;

// jsdom resolves every rule of every <style> element on each getComputedStyle call, and antd's
// CSS-in-JS injects about 300 KB of them, which makes role queries and clicks take seconds. In
// these tests visibility is decided by inline styles and the `hidden` attribute (which is how
// antd hides closed popups and motion leftovers), so a copy of the inline style is enough.
window.getComputedStyle = (element: Element) => {
  const copy = document.createElement('div').style;
  copy.cssText = (element as HTMLElement).style?.cssText ?? '';
  return copy;
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.localStorage.clear();
  window.location.hash = '';
});
