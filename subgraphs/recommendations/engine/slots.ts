import { personalCategories, type Affinities } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import type { InteractionModel } from './interaction-model.js';
import type { ScoredCandidate } from './scorer.js';
import type { RequestContext, Slot, SlotPolicy } from './types.js';

const ADJACENT_CATEGORIES = 3;
/** "Show me less": a category the customer asked to see less of gets at most this many places. */
const LESSENED_CATEGORY_CAP = 1;
const SLOTS: Slot[] = ['KNOWN', 'ADJACENT', 'WILDCARD'];
/** At most this share of a list from one brand: a strong brand taste must not make the list one brand's. */
export const MAX_BRAND_SHARE = 0.3;

/** Which categories are known (the customer's data and this visit) and which are adjacent to them. */
export interface CategoryMap {
  known: Set<string>;
  adjacent: Set<string>;
  /** Categories the customer asked to see less of. */
  lessened: Set<string>;
}

/** Adjacency comes from category co-occurrence in the learned model, not from a hand-made list. */
export function categoryMap(
  catalog: CatalogIndex,
  a: Affinities,
  context: RequestContext,
  session: Map<string, number>,
  model: InteractionModel | null,
): CategoryMap {
  const known = personalCategories(a);
  if (context.pageCategory) known.add(context.pageCategory);
  for (const c of session.keys()) known.add(c);
  const adjacency = model?.categoryAdjacency((id) => catalog.byId.get(id)?.category) ?? new Map<string, Map<string, number>>();
  const strength = new Map<string, number>();
  for (const k of known) {
    for (const [other, share] of adjacency.get(k) ?? []) if (!known.has(other)) strength.set(other, (strength.get(other) ?? 0) + share);
  }
  const adjacent = [...strength]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, ADJACENT_CATEGORIES)
    .map(([c]) => c);
  return { known, adjacent: new Set(adjacent), lessened: new Set(a.lessened.CATEGORY.keys()) };
}

export function slotOf(category: string, map: CategoryMap): Slot {
  return map.known.has(category) ? 'KNOWN' : map.adjacent.has(category) ? 'ADJACENT' : 'WILDCARD';
}

/** Slots per kind for a list of `first` items: largest remainders, ties to the earlier slot. */
export function allocate(first: number, policy: SlotPolicy): Record<Slot, number> {
  const exact = SLOTS.map((s) => first * policy[s.toLowerCase() as 'known' | 'adjacent' | 'wildcard']);
  const counts = exact.map(Math.floor);
  const order = SLOTS.map((_, i) => i).sort((x, y) => exact[y] - counts[y] - (exact[x] - counts[x]) || x - y);
  for (let left = first - counts.reduce((s, n) => s + n, 0), i = 0; left > 0; left -= 1, i += 1) counts[order[i % 3]] += 1;
  return { KNOWN: counts[0], ADJACENT: counts[1], WILDCARD: counts[2] };
}

/**
 * Fills each slot kind with its best candidates, never letting one category (or brand) take more
 * than its share; a kind without enough candidates gives its places to the best of the rest. The result
 * is ranked by score.
 */
export function pickBySlots(sorted: ScoredCandidate[], first: number, policy: SlotPolicy, map: CategoryMap): ScoredCandidate[] {
  const quota = allocate(first, policy);
  const cap = Math.max(1, Math.ceil(first * policy.maxCategoryShare));
  const brandCap = Math.max(1, Math.ceil(first * MAX_BRAND_SHARE));
  const perCategory = new Map<string, number>();
  const perBrand = new Map<string, number>();
  const picked = new Set<ScoredCandidate>();
  const take = (c: ScoredCandidate, respectCap: boolean) => {
    const n = perCategory.get(c.item.category) ?? 0;
    const m = perBrand.get(c.item.brand) ?? 0;
    const categoryCap = map.lessened.has(c.item.category) ? LESSENED_CATEGORY_CAP : cap;
    if (picked.has(c) || (respectCap && (n >= categoryCap || m >= brandCap))) return false;
    perCategory.set(c.item.category, n + 1);
    perBrand.set(c.item.brand, m + 1);
    picked.add(c);
    return true;
  };
  for (const slot of SLOTS) {
    let left = quota[slot];
    for (const c of sorted) {
      if (left === 0) break;
      if (slotOf(c.item.category, map) === slot && take(c, true)) left -= 1;
    }
  }
  for (const respectCap of [true, false]) {
    for (const c of sorted) if (picked.size < first) take(c, respectCap);
  }
  return sorted.filter((c) => picked.has(c));
}
