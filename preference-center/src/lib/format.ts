/** Small, consistent wording helpers for dates, money, durations and purposes. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—');
/** A price in the catalog's currency (the API names it, from the service's configuration). */
export const formatPrice = (value: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
export const formatShare = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');

/** A retention window in words a person reads at a glance: "30 days", "6 months", "2 years". */
export function formatRetention(days: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days >= 365 && days % 365 === 0) return plural(days / 365, 'year');
  if (days >= 60) return plural(Math.round(days / 30.4), 'month');
  if (days >= 14 && days % 7 === 0) return plural(days / 7, 'week');
  return plural(days, 'day');
}

const PURPOSE_NAMES: Record<string, string> = {
  essential: 'Running your account',
  'personalization.stated': 'Personalization from what you tell us',
  'personalization.behavioral': 'Personalization from what you browse',
  'personalization.purchase': 'Personalization from what you buy',
  'model.training': 'Improving recommendations for everyone',
  analytics: 'Analytics',
  'marketing.email': 'Marketing emails',
  'marketing.push': 'Push notifications',
  'share.partners': 'Sharing with partners',
};

/** A purpose's name in words, before the notice titles have loaded (use `usePurposeTitles` where possible). */
export const purposeName = (purpose: string | null | undefined) => (purpose ? (PURPOSE_NAMES[purpose] ?? purpose) : 'none');

/** Purposes in the order the contract lists them (essential first); unknown ones last. */
export function byPurposeOrder(a: string, b: string): number {
  const order = Object.keys(PURPOSE_NAMES);
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
  return rank(a) - rank(b);
}

/** How a decision was made, in words (the ledger's method codes are for machines). */
const METHOD_WORDS: Record<string, string> = {
  PREFERENCE_CENTER: 'You, in this preference center',
  API: 'You, in our shop or app',
  GPC: 'Your browser’s Global Privacy Control signal',
  IMPORT: 'Carried over from our earlier system',
  SYSTEM: 'Automatically, when it lapsed',
};
export const methodWords = (method: string) => METHOD_WORDS[method.toUpperCase().replace(/-/g, '_')] ?? 'Another of our services';

/** A decision's outcome, in words. */
export const STATUS_WORDS: Record<'GRANTED' | 'DENIED' | 'WITHDRAWN' | 'EXPIRED', string> = {
  GRANTED: 'Allowed',
  DENIED: 'Declined',
  WITHDRAWN: 'Switched off',
  EXPIRED: 'Expired',
};
