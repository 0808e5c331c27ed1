import { renderToString } from 'react-dom/server';
import { PRERENDERED_ATTRIBUTE, PRERENDERED_VERSION_ATTRIBUTE } from './page-early';
import { Startup } from './Startup';
import { LOCK_LANGUAGES, type LockLanguage } from './texts';

/**
 * The lock screen as HTML, rendered when the renderer is built (vite.renderer.config.ts puts it into
 * index.html): the password field is there as soon as the page is parsed, before any of React is
 * fetched (issue 19 goal 4). One copy per language, each exactly what lock/Startup.tsx renders first
 * when main.tsx hydrates it; the first copy (简体中文) takes the place of #root.
 */
export function prerenderLockScreens(version: string): string {
  return LOCK_LANGUAGES.map((language: LockLanguage, index) => {
    const html = renderToString(<Startup prerendered={{ language, version }} />);
    const id = index === 0 ? ' id="root"' : '';
    return `<div${id} ${PRERENDERED_ATTRIBUTE}="${language}" ${PRERENDERED_VERSION_ATTRIBUTE}="${escapeAttribute(version)}">${html}</div>`;
  }).join('');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
