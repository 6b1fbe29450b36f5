import { ContributionSource, WITHDRAWN_DATA_LABEL } from '../../shared/contribution.types.js';
import { Purpose } from '../../shared/purposes.js';

/**
 * Plain-language sentence for one reason; `label` names the evidence ("trail running", "Tents", an
 * item's title), `purpose` says whose data it was (null: none of the customer's stored data), and a
 * negative `weight` is a "show me less" that lowered the item.
 */
export function reasonText(source: ContributionSource, label: string, purpose: string | null = null, weight = 1): string {
  if (label === WITHDRAWN_DATA_LABEL)
    return `It used ${dataCategoryOf(purpose, source)}, which you have since withdrawn; it is no longer used or kept.`;
  switch (source) {
    case ContributionSource.STATED_PREFERENCE:
      return weight < 0 ? `Shown lower, because you asked to see less of ${label}.` : `Because you said you like ${label}.`;
    case ContributionSource.BROWSING:
      return `Because you looked at ${label} recently.`;
    case ContributionSource.PURCHASE_HISTORY:
      return `Because you bought from ${label} before.`;
    case ContributionSource.SIMILAR_CUSTOMERS:
      return similarCustomersText(label, purpose);
    case ContributionSource.TRENDING:
      return `It is ${label} right now.`;
    case ContributionSource.CONTEXT:
      return `Because of ${label}.`;
    case ContributionSource.EXPLORATION:
      return `Something different to explore: ${label}.`;
    case ContributionSource.PROMOTED:
      return `Promoted by our merchandising team (${label}).`;
    case ContributionSource.HOLDOUT:
      return HOLDOUT_TEXT;
  }
}

export const HOLDOUT_TEXT =
  'You are in a small comparison group that sees the same list as everyone; it lets us check honestly whether personalization helps.';

function similarCustomersText(title: string, purpose: string | null): string {
  if (purpose === Purpose.PURCHASE) return `Customers who bought ${title} also bought this.`;
  if (purpose === Purpose.BEHAVIORAL) return `Customers who looked at ${title}, as you did, also liked this.`;
  return `Customers who looked at ${title}, which you viewed this visit, also liked this.`;
}

/** What kind of data a purpose covers, in words. */
export function dataCategoryOf(purpose: string | null, source: ContributionSource): string {
  switch (purpose) {
    case Purpose.STATED:
      return 'your stated preferences';
    case Purpose.BEHAVIORAL:
      return 'your browsing in our shop';
    case Purpose.PURCHASE:
      return 'your purchases';
    case Purpose.MODEL_TRAINING:
      return "other customers' activity";
    default:
      return source === ContributionSource.CONTEXT || source === ContributionSource.SIMILAR_CUSTOMERS
        ? 'this visit only (not stored)'
        : 'no personal data';
  }
}

export const WITHDRAW_LABELS: Record<string, string> = {
  [Purpose.STATED]: 'Stop using what I told you',
  [Purpose.BEHAVIORAL]: 'Stop using my browsing',
  [Purpose.PURCHASE]: 'Stop using my purchases',
  [Purpose.MODEL_TRAINING]: 'Stop using my activity for everyone’s recommendations',
};
