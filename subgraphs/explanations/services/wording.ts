import { ContributionSource } from '../../shared/contribution.types.js';
import { Purpose } from '../../shared/purposes.js';

/** Plain-language sentence for one reason; `label` names the evidence ("trail running", "Tents"). */
export function reasonText(source: ContributionSource, label: string): string {
  switch (source) {
    case ContributionSource.STATED_PREFERENCE:
      return `Because you said you like ${label}.`;
    case ContributionSource.BROWSING:
      return `Because you looked at ${label} recently.`;
    case ContributionSource.PURCHASE_HISTORY:
      return `Because you bought from ${label} before.`;
    case ContributionSource.SIMILAR_CUSTOMERS:
      return `Customers who bought ${label} also bought this.`;
    case ContributionSource.TRENDING:
      return `It is ${label} right now.`;
    case ContributionSource.CONTEXT:
      return `Because of ${label}.`;
    case ContributionSource.EXPLORATION:
      return `Something different to explore: ${label}.`;
    case ContributionSource.PROMOTED:
      return `Promoted by our merchandising team (${label}).`;
    case ContributionSource.HOLDOUT:
      return 'You are in a small comparison group that sees the same list as everyone; it lets us check honestly whether personalization helps.';
  }
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
      return source === ContributionSource.CONTEXT ? 'this visit only (not stored)' : 'no personal data';
  }
}

export const WITHDRAW_LABELS: Record<string, string> = {
  [Purpose.STATED]: 'Stop using what I told you',
  [Purpose.BEHAVIORAL]: 'Stop using my browsing',
  [Purpose.PURCHASE]: 'Stop using my purchases',
  [Purpose.MODEL_TRAINING]: 'Stop using my activity for everyone’s recommendations',
};
