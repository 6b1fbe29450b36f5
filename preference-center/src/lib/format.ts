import type { Strings } from '../i18n/locale.js';

/** Purposes in the order the contract lists them (essential first); unknown ones last. */
const PURPOSE_ORDER = [
  'essential',
  'personalization.stated',
  'personalization.behavioral',
  'personalization.purchase',
  'model.training',
  'analytics',
  'marketing.email',
  'marketing.push',
  'share.partners',
];

export function byPurposeOrder(a: string, b: string): number {
  const rank = (p: string) => (PURPOSE_ORDER.includes(p) ? PURPOSE_ORDER.indexOf(p) : PURPOSE_ORDER.length);
  return rank(a) - rank(b);
}

/** A purpose's name in words, before the notice titles have loaded (use `usePurposeTitles` where possible). */
export const purposeName = (t: Strings, purpose: string | null | undefined) =>
  purpose ? ((t.words.purposes as Record<string, string>)[purpose] ?? purpose) : t.words.noPurpose;

/** How a decision was made, in words (the ledger's method codes are for machines). */
export const methodWords = (t: Strings, method: string) =>
  (t.words.methods as Record<string, string>)[method.toUpperCase().replace(/-/g, '_')] ?? t.words.otherMethod;

export type DecisionStatus = keyof Strings['words']['statuses'];

/** A decision's outcome, in words. */
export const statusWords = (t: Strings, status: string) => (t.words.statuses as Record<string, string>)[status] ?? status;
