// First: the core's status is asked for while the rest of the script (React) starts.
import { startStatus } from './lock/early';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { storedLockLanguage } from './lock/bridge';
import { PRERENDERED_ATTRIBUTE, PRERENDERED_VERSION_ATTRIBUTE } from './lock/page-early';
import { Startup, type Prerendered } from './lock/Startup';
import './styles.css';

// The start-up script is React, the lock screen and its texts: the main window's code (antd, the
// query library, zod, i18next, the screens) is a chunk that lock/Startup.tsx loads (issue 19 goal 4).
const prerendered = takePrerenderedCopy();
/** The window's React root (exported for tests, which run this script more than once). */
export const root = prerendered
  ? hydrateRoot(
      prerendered.container,
      <StrictMode>
        <Startup status={startStatus} prerendered={prerendered.page} />
      </StrictMode>,
    )
  : drawn(document.getElementById('root'));

/** A page without the lock screen in it (the dev server): drawn from nothing. */
function drawn(container: HTMLElement | null) {
  if (!container) throw new Error('#root is missing from index.html');
  const created = createRoot(container);
  created.render(
    <StrictMode>
      <Startup status={startStatus} />
    </StrictMode>,
  );
  return created;
}

/**
 * The built page holds the lock screen in both languages (lock/prerender.tsx), the remembered one
 * shown (lock/page-early.ts). That copy becomes #root and is hydrated as it is, with whatever was
 * typed into it; the other is dropped.
 */
function takePrerenderedCopy(): { container: HTMLElement; page: Prerendered } | null {
  const copies = [...document.querySelectorAll<HTMLElement>(`[${PRERENDERED_ATTRIBUTE}]`)];
  const language = storedLockLanguage();
  const chosen = copies.find((copy) => copy.getAttribute(PRERENDERED_ATTRIBUTE) === language);
  if (!chosen) return null;
  const version = chosen.getAttribute(PRERENDERED_VERSION_ATTRIBUTE) ?? '';
  for (const copy of copies) if (copy !== chosen) copy.remove();
  chosen.removeAttribute(PRERENDERED_ATTRIBUTE);
  chosen.id = 'root';
  document.documentElement.lang = language;
  // Both copies' language choices were one radio group: this copy's own choice, as drawn.
  for (const radio of chosen.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.defaultChecked;
  // The browser focuses the first autofocus field of the page, which may have been the other copy's.
  if (document.activeElement === document.body || !document.activeElement) chosen.querySelector<HTMLElement>('[autofocus]')?.focus();
  return { container: chosen, page: { language, version } };
}
