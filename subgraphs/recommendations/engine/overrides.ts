import { ContributionSource } from '../../shared/contribution.types.js';
import { nonPersonal, sumOf } from './contribution.js';
import type { ScoredCandidate } from './scorer.js';

export type OverrideKind = 'PIN' | 'BOOST';
export type OverrideReason = 'NEW_MARKET' | 'NOVEL_PRODUCT' | 'ETHICAL' | 'COMMERCIAL';

/** A merchandiser's pin or boost that is active for this request. */
export interface ActiveOverride {
  id: string;
  kind: OverrideKind;
  itemId: string;
  /** PIN: the 1-based place in the list. */
  position: number | null;
  /** BOOST: added to the score, disclosed as its own contribution. */
  boost: number | null;
  reasonCategory: OverrideReason;
}

export const REASON_LABELS: Record<OverrideReason, string> = {
  NEW_MARKET: 'introducing a range in a new market',
  NOVEL_PRODUCT: 'a new product we want you to see',
  ETHICAL: 'an ethical choice we stand behind',
  COMMERCIAL: 'a paid or commercial promotion',
};

/**
 * Places pinned items at their positions. The PROMOTED contribution is the lift the item needed to
 * reach the score of the item it displaced (never negative), so the score still adds up.
 */
export function applyPins(
  list: ScoredCandidate[],
  pins: { override: ActiveOverride; candidate: ScoredCandidate }[],
  first: number,
): ScoredCandidate[] {
  let out = [...list];
  for (const { override, candidate } of [...pins].sort((a, b) => (a.override.position ?? 1) - (b.override.position ?? 1))) {
    out = out.filter((c) => c.item.id !== candidate.item.id);
    const index = Math.min(Math.max(0, (override.position ?? 1) - 1), out.length);
    const target = out[index]?.score ?? candidate.score;
    const contributions = [...candidate.contributions, promotion(override, Math.max(0, target - candidate.score))];
    out.splice(index, 0, { ...candidate, contributions, score: sumOf(contributions), promoted: true });
  }
  return out.slice(0, first);
}

function promotion(o: ActiveOverride, weight: number) {
  const { evidence, label } = promotionDetails(o);
  return nonPersonal(ContributionSource.PROMOTED, weight, evidence, label);
}

/** How a PROMOTED contribution reads: the override that placed the item and its reason. */
export function promotionDetails(o: ActiveOverride): { evidence: string[]; label: string } {
  return { evidence: [o.id], label: REASON_LABELS[o.reasonCategory] };
}
