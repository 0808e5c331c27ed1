/**
 * The page's first script (issue 19 goal 4): a tiny classic script that index.html loads before the
 * app's (async: nothing waits for it; vite.renderer.config.ts builds it from lock/page-early-entry.ts).
 * The body holds the lock screen prerendered in both languages (lock/prerender.tsx); the inline
 * script before it (src-shared/csp.ts's LANGUAGE_BOOT_SCRIPT) has marked <html lang> with the remembered
 * language, whose copy alone styles.css shows. This script looks after the form until React takes it
 * over (main.tsx hydrates it):
 *
 * - a sign-in asked for before React runs (Enter, or the button) is never sent by the browser (the
 *   CSP's form-action 'none' forbids it anyway) but noted, and done once the lock screen is live;
 * - a language picked before React runs switches the copy shown and carries what was typed over.
 *
 * No imports: it must stay a few hundred bytes and run without modules.
 */

/** The same key as lock/bridge.ts's LANGUAGE_KEY (a unit test checks it). */
export const EARLY_LANGUAGE_KEY = 'counsel.language';
/** On <html> when a sign-in was asked for on the prerendered form; taken by lock/Startup.tsx. */
export const EARLY_SUBMIT_ATTRIBUTE = 'data-lock-submit';
/** On each prerendered copy of the lock screen (its language), until main.tsx takes the chosen one over. */
export const PRERENDERED_ATTRIBUTE = 'data-lock-prerendered';
/** On each prerendered copy: the version its footer shows, for main.tsx to hydrate the same markup. */
export const PRERENDERED_VERSION_ATTRIBUTE = 'data-lock-version';
/** The lock screen's form (screens/LockScreen.tsx). */
const LOCK_FORM = 'lock-form';

export function installEarlyPage(win: Window): void {
  const doc = win.document;
  // Bubbling to the window comes after React's own handler, which prevents the default once the form is live.
  win.addEventListener('submit', (event) => {
    const form = event.target as Element | null;
    if (event.defaultPrevented || !form?.classList?.contains(LOCK_FORM)) return;
    event.preventDefault();
    doc.documentElement.setAttribute(EARLY_SUBMIT_ATTRIBUTE, '');
  });

  win.addEventListener('change', (event) => {
    const radio = event.target as HTMLInputElement | null;
    const from = radio?.closest?.(`[${PRERENDERED_ATTRIBUTE}]`);
    if (!from || radio?.type !== 'radio' || (radio.value !== 'en' && radio.value !== 'zh-CN')) return;
    const to = doc.querySelector(`[${PRERENDERED_ATTRIBUTE}="${radio.value}"]`);
    if (!to || to === from) return;
    for (const name of ['username', 'password']) {
      const typed = from.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      const target = to.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (typed && target) target.value = typed.value;
    }
    // Both copies' choices are one radio group: the copy shown checks its own language again.
    for (const choice of to.querySelectorAll<HTMLInputElement>('input[type="radio"]')) choice.checked = choice.defaultChecked;
    doc.documentElement.lang = radio.value;
    try {
      win.localStorage.setItem(EARLY_LANGUAGE_KEY, radio.value);
    } catch {
      // The choice then lasts for this window only.
    }
  });
}

/** Whether a sign-in was asked for before the lock screen was live (once: the mark is removed). */
export function takeEarlySubmit(doc: Document = document): boolean {
  const root = doc.documentElement;
  const asked = root.hasAttribute(EARLY_SUBMIT_ATTRIBUTE);
  root.removeAttribute(EARLY_SUBMIT_ATTRIBUTE);
  return asked;
}
