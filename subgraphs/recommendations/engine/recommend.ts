import { ContributionSource } from '../../shared/contribution.types.js';
import type { GatedSignal } from '../../shared/gate.js';
import { buildAffinities } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import { generateCandidates, isExcluded, scoreItem, type ScoredCandidate } from './scorer.js';
import type { RequestContext, ServedItem, Slot, SlotPolicy } from './types.js';

export const DEFAULT_POLICY: SlotPolicy = { known: 0.7, adjacent: 0.2, wildcard: 0.1, maxCategoryShare: 0.4 };

export interface RecommendInput {
  catalog: CatalogIndex;
  /** Only what the consent gate let through. */
  signals: GatedSignal[];
  context: RequestContext;
  first: number;
  policy?: SlotPolicy;
}

export interface RecommendOutput {
  items: ServedItem[];
  personalized: boolean;
  usedPerPurpose: Record<string, number>;
}

/** One ranked list. Deterministic: the same inputs give the same list, item for item. */
export function recommend(input: RecommendInput): RecommendOutput {
  const policy = input.policy ?? DEFAULT_POLICY;
  const affinities = buildAffinities(input.signals, input.catalog);
  const scored = generateCandidates(input.catalog, affinities, input.context)
    .filter((item) => !isExcluded(item, affinities))
    .map((item) => scoreItem(item, affinities, input.context, input.catalog))
    .sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1));
  const picked = pickDiverse(scored, input.first, policy.maxCategoryShare);
  const items = picked.map((c, i) => ({
    itemId: c.item.id,
    rank: i + 1,
    category: c.item.category,
    score: c.score,
    slot: slotOf(c),
    promoted: false,
    contributions: c.contributions,
  }));
  return { items, personalized: picked.some((c) => c.personal), usedPerPurpose: affinities.usedPerPurpose };
}

/** Greedy by score, with no category taking more than its share of the list. */
function pickDiverse(sorted: ScoredCandidate[], first: number, maxShare: number): ScoredCandidate[] {
  const cap = Math.max(1, Math.ceil(first * maxShare));
  const perCategory = new Map<string, number>();
  const picked: ScoredCandidate[] = [];
  const skipped: ScoredCandidate[] = [];
  for (const c of sorted) {
    if (picked.length >= first) break;
    const n = perCategory.get(c.item.category) ?? 0;
    if (n >= cap) {
      skipped.push(c);
      continue;
    }
    perCategory.set(c.item.category, n + 1);
    picked.push(c);
  }
  // A small catalog may not have enough categories: fill up rather than serve a short list.
  for (const c of skipped) if (picked.length < first) picked.push(c);
  return picked;
}

function slotOf(c: ScoredCandidate): Slot {
  if (c.personal) return 'KNOWN';
  return c.contributions.some((x) => x.source === ContributionSource.CONTEXT) ? 'ADJACENT' : 'WILDCARD';
}
