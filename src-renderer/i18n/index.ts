import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import type { Locale } from 'antd/es/locale';
import type { Resource } from './types';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'counsel.language';

/**
 * Each language's texts are a chunk of their own, loaded when that language is first shown: the
 * start-up script carries neither, and start-up waits for the chosen one only (issue 19 goal 4).
 */
const LOADERS: Record<Language, () => Promise<Resource>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};

/** Loads a language's texts once; resolves when `t` can show them (never raw keys in between). */
export async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await LOADERS[language]());
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen on this computer (localStorage), 简体中文 unless English was picked. */
export function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applyDocumentLanguage(language: Language): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this window only.
  }
  // Switch once the texts are there: the page keeps the old language meanwhile, never raw keys.
  await loadLanguage(language);
  applyDocumentLanguage(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export function antdLocale(language: Language): Locale {
  return language === 'en' ? enUS : zhCNLocale;
}

const initial = storedLanguage();
applyDocumentLanguage(initial);
void i18n.use(initReactI18next).init({
  // Filled by loadLanguage (an empty object, not none: i18next then looks for no backend).
  resources: {},
  lng: initial,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
});

/** Resolves when the chosen language's texts are loaded: full-app.ts's `prepare` waits for it before the main window is shown. */
export const languageReady: Promise<void> = loadLanguage(initial);

export default i18n;
