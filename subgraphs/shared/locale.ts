/** A shop locale as events and requests name it: a language, optionally with a region ("en", "de-DE"). */
const LOCALE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export function isLocale(text: string): boolean {
  return LOCALE.test(text);
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const languages = new Intl.DisplayNames(['en'], { type: 'language' });

/** "de-DE" → "Germany", "fr" → "French": how an explanation names the locale segment. */
export function localeLabel(locale: string): string {
  const [language, region] = locale.split('-');
  try {
    return (region ? regions.of(region) : languages.of(language)) ?? locale;
  } catch {
    return locale;
  }
}
