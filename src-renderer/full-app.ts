// First: zod must be told not to use `new Function` before any schema is built.
import './zod-config';
import { setLanguage, type Language } from './i18n';

/**
 * The main window's code (antd, the query library, i18next, the contract's schemas, the screens'
 * routes): loaded by main.tsx after the lock screen is usable, or at once when another screen is
 * the first (setup, a session still open, student mode).
 */
export { AppRoot, type AppStart } from './App';

/** Resolves when the main window can show `language`'s texts (never raw keys). */
export function prepare(language: Language): Promise<void> {
  return setLanguage(language);
}
