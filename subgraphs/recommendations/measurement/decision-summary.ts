import { ContributionSource } from '../../shared/contribution.types.js';
import { isGranted } from '../../shared/gate.js';
import { PERSONALIZATION_PURPOSES } from '../../shared/purposes.js';
import type { ShownItem } from '../entities/decision.entity.js';
import type { ServedItem } from '../engine/types.js';

/** A customer's personalization grants as one label: "none", or the granted purposes' short names joined by "+" (e.g. "stated+behavioral"). */
export function consentLevelOf(grantedPurposes: unknown): string {
  const granted = PERSONALIZATION_PURPOSES.filter((p) => isGranted(grantedPurposes, p)).map((p) => p.replace('personalization.', ''));
  return granted.length === 0 ? 'none' : granted.join('+');
}

/** Decisions logged before consent levels were recorded. */
export const UNKNOWN_CONSENT_LEVEL = 'unknown';

/** What the reports keep of a served item: where and why it was shown, not its score. */
export function shownItemOf(item: Pick<ServedItem, 'itemId' | 'rank' | 'category' | 'slot' | 'contributions'>): ShownItem {
  return {
    itemId: item.itemId,
    rank: item.rank,
    category: item.category,
    slot: item.slot,
    promotedBy: item.contributions.filter((c) => c.source === ContributionSource.PROMOTED).flatMap((c) => c.evidence),
  };
}
