/** Small, consistent wording helpers for dates, money and purposes. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—');
export const formatPrice = (value: number) => money.format(value);
export const formatShare = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');

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

/** A purpose's name in words; the notice title is preferred where it is at hand. */
export const purposeName = (purpose: string | null | undefined) => (purpose ? (PURPOSE_NAMES[purpose] ?? purpose) : 'none');

/** Purposes in the order the contract lists them (essential first); unknown ones last. */
export function byPurposeOrder(a: string, b: string): number {
  const order = Object.keys(PURPOSE_NAMES);
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
  return rank(a) - rank(b);
}
