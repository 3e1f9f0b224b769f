import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { applyLocale, initialLocale, LOCALES, type Locale } from './locales';

interface LocaleState {
  readonly locale: Locale;
  choose(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState | null>(null);

/** The console's language: its messages, the page's direction, and the choice a person made last. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => {
    const first = initialLocale();
    applyLocale(first);
    return first;
  });
  const choose = useCallback((next: Locale) => {
    applyLocale(next);
    setLocale(next);
  }, []);
  const state = useMemo(() => ({ locale, choose }), [locale, choose]);
  return (
    <LocaleContext.Provider value={state}>
      <IntlProvider locale={locale} messages={LOCALES[locale].messages} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (state === null) {
    throw new Error('useLocale outside LocaleProvider');
  }
  return state;
}
