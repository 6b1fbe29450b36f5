import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { de } from './de.js';
import { en, type Messages } from './en.js';

/** The languages the preference center speaks, each named in itself (for the picker). */
export const CATALOGS = { en, de } satisfies Record<string, Messages>;
export type Language = keyof typeof CATALOGS;
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };
const LANGUAGES = Object.keys(CATALOGS) as Language[];
const STORAGE_KEY = 'preference-center.language';

/** The words of one language, with dates, numbers and money formatted for its locale. */
export interface Strings extends Messages {
  language: Language;
  /** The BCP 47 tag used for formatting ("de-DE" when the browser asks for it, else "de"). */
  locale: string;
  formatDateTime: (iso: string | null | undefined) => string;
  formatDate: (iso: string | null | undefined) => string;
  formatPrice: (value: number, currency: string) => string;
  formatShare: (part: number, whole: number) => string;
  formatNumber: (value: number) => string;
  formatRetention: (days: number) => string;
}

/** The language chosen in the picker (remembered in this browser), else the browser's first one we speak, else English. */
export function chooseLanguage(stored: string | null, preferred: readonly string[]): { language: Language; locale: string } {
  if (stored && stored in CATALOGS) {
    const language = stored as Language;
    return { language, locale: preferred.find((tag) => baseOf(tag) === language) ?? language };
  }
  for (const tag of preferred) {
    const base = baseOf(tag);
    if (LANGUAGES.includes(base as Language)) return { language: base as Language, locale: tag };
  }
  return { language: 'en', locale: 'en' };
}

const baseOf = (tag: string) => tag.toLowerCase().split('-')[0];

export function stringsFor(language: Language, locale: string): Strings {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const unit = (name: 'day' | 'week' | 'month' | 'year', n: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(n);
  return {
    ...CATALOGS[language],
    language,
    locale,
    formatDateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : '—'),
    formatDate: (iso) => (iso ? date.format(new Date(iso)) : '—'),
    formatPrice: (value, currency) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value),
    formatShare: (part, whole) => (whole > 0 ? percent.format(Math.round((part / whole) * 100) / 100) : '—'),
    formatNumber: (value) => number.format(value),
    // A retention window a person reads at a glance: "30 days", "6 months", "2 years".
    formatRetention: (days) => {
      if (days >= 365 && days % 365 === 0) return unit('year', days / 365);
      if (days >= 60) return unit('month', Math.round(days / 30.4));
      if (days >= 14 && days % 7 === 0) return unit('week', days / 7);
      return unit('day', days);
    },
  };
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const initial = () => chooseLanguage(storedLanguage(), navigator.languages?.length ? navigator.languages : [navigator.language]);
const StringsContext = createContext<Strings>(stringsFor('en', 'en'));
const ChooseContext = createContext<(language: Language) => void>(() => undefined);

/** Gives every component the chosen language's words; the picker's choice is remembered in this browser. */
export function LanguageProvider({ children }: { children: React.ReactNode }) {
  const [chosen, setChosen] = useState(initial);
  const strings = useMemo(() => stringsFor(chosen.language, chosen.locale), [chosen]);
  useEffect(() => {
    document.documentElement.lang = chosen.locale;
  }, [chosen.locale]);
  const choose = (language: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Storage switched off: the choice lasts until the page is reloaded.
    }
    setChosen(chooseLanguage(language, navigator.languages ?? []));
  };
  return (
    <ChooseContext.Provider value={choose}>
      <StringsContext.Provider value={strings}>{children}</StringsContext.Provider>
    </ChooseContext.Provider>
  );
}

/** The chosen language's words and formatters. */
export const useStrings = () => useContext(StringsContext);

/** A visible language picker, labelled in the current language, each language named in itself. */
export function LanguagePicker() {
  const t = useStrings();
  const choose = useContext(ChooseContext);
  return (
    <label className="language-picker">
      <span>{t.app.language}</span>{' '}
      <select value={t.language} onChange={(e) => choose(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
