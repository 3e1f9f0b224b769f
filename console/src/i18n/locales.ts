import en from './messages/en.json';
import bn from './messages/bn.json';
import ar from './messages/ar.json';

/** The languages of the console: each with its message catalog and the direction its script is written in. */
export const LOCALES = {
  en: { name: 'English', dir: 'ltr', messages: en },
  bn: { name: 'বাংলা', dir: 'ltr', messages: bn },
  ar: { name: 'العربية', dir: 'rtl', messages: ar },
} as const;

export type Locale = keyof typeof LOCALES;
export type MessageId = keyof typeof en;

const STORED = 'travobooks.locale';

export function isLocale(value: string | null): value is Locale {
  return value !== null && Object.hasOwn(LOCALES, value);
}

/** The language chosen last in this browser, else the browser's own when the console has it, else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORED);
  if (isLocale(stored)) {
    return stored;
  }
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

/** Remembers the language and sets the page's language and direction, which the layout's logical CSS follows. */
export function applyLocale(locale: Locale): void {
  localStorage.setItem(STORED, locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = LOCALES[locale].dir;
}
