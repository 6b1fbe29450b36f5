import { ContributionSource } from '../../shared/contribution.types.js';
import type { GatedSignal } from '../../shared/gate.js';
import { buildAffinities, type Affinities } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import { nonPersonal } from './contribution.js';
import type { InteractionModel } from './interaction-model.js';
import { applyPins, type ActiveOverride } from './overrides.js';
import { generateCandidates, isExcluded, scoreItem, type ScoredCandidate } from './scorer.js';
import { ScoreBuilder } from './score.js';
import { categoryMap, pickBySlots, slotOf, type CategoryMap } from './slots.js';
import { learnedSources } from './sources.js';
import type { CatalogItem, RequestContext, ServedItem, SlotPolicy } from './types.js';
import type { Weights } from './weights.js';

export const DEFAULT_POLICY: SlotPolicy = { known: 0.7, adjacent: 0.2, wildcard: 0.1, maxCategoryShare: 0.4 };
/** Shown this often without any engagement: suppressed for a while. */
export const SATURATION_IMPRESSIONS = 5;

export interface RecommendInput {
  catalog: CatalogIndex;
  /** Only what the consent gate let through. */
  signals: GatedSignal[];
  context: RequestContext;
  first: number;
  policy?: SlotPolicy;
  /** What was learned from customers who granted `model.training`; null: nothing learned. */
  model?: InteractionModel | null;
  now?: Date;
  overrides?: ActiveOverride[];
  /** How often each item was shown to this customer recently; only passed when browsing is granted. */
  impressions?: Map<string, number>;
  /** Items shown to this customer today as often as the frequency cap allows: left out, pins included (only passed when browsing is granted). */
  capped?: ReadonlySet<string>;
  /** In the holdout group: every item says so (a zero-weight HOLDOUT contribution). */
  holdout?: boolean;
  /** The sources' weights; the tuned ones unless an evaluation is searching them. */
  weights?: Weights;
}

export interface RecommendOutput {
  items: ServedItem[];
  personalized: boolean;
  usedPerPurpose: Record<string, number>;
  candidates: { considered: number; perSlot: Record<string, number> };
}

/** One ranked list. Deterministic: the same inputs give the same list, item for item. */
export function recommend(input: RecommendInput): RecommendOutput {
  const policy = input.policy ?? DEFAULT_POLICY;
  const model = input.model ?? null;
  const affinities = buildAffinities(input.signals, input.catalog);
  const sources = learnedSources(input.catalog, affinities, input.context, model, input.now ?? new Date(0), input.weights);
  const overrides = input.overrides ?? [];
  const boosts = overrides.filter((o) => o.kind === 'BOOST');
  const allowed = (item: CatalogItem) =>
    !isExcluded(item, affinities) && !saturated(item.id, affinities, input.impressions) && !input.capped?.has(item.id);
  const ranking = new ScoreBuilder(input.catalog, input.context, false);
  const explaining = new ScoreBuilder(input.catalog, input.context, true);

  const overrideItems = overrides.map((o) => input.catalog.byId.get(o.itemId)).filter((i): i is CatalogItem => Boolean(i));
  const map = categoryMap(input.catalog, affinities, input.context, sources.session, model);
  const candidates = unique([...generateCandidates(input.catalog, affinities, input.context, sources, map), ...overrideItems]).filter(allowed);
  // Rank on totals alone; only what is served is scored again with its contributions spelled out.
  const ranked = candidates.map((item) => scoreItem(ranking, item, affinities, sources, boosts)).sort(byScoreThenId);
  const explained = (c: ScoredCandidate) => scoreItem(explaining, c.item, affinities, sources, boosts);
  const pins = overrides
    .filter((o) => o.kind === 'PIN')
    .map((override) => ({ override, candidate: ranked.find((c) => c.item.id === override.itemId) }))
    .filter((p): p is { override: ActiveOverride; candidate: ScoredCandidate } => Boolean(p.candidate))
    .map((p) => ({ override: p.override, candidate: explained(p.candidate) }));
  const picked = applyPins(pickBySlots(ranked, input.first, policy, map).map(explained), pins, input.first);
  const items = picked.map((c, i) => served(c, i + 1, map, input.holdout ?? false));
  return {
    items,
    personalized: picked.some((c) => c.personal),
    usedPerPurpose: affinities.usedPerPurpose,
    candidates: { considered: ranked.length, perSlot: countSlots(ranked, map) },
  };
}

function served(c: ScoredCandidate, rank: number, map: CategoryMap, holdout: boolean): ServedItem {
  const holdoutNote = holdout ? [nonPersonal(ContributionSource.HOLDOUT, 0, [], 'comparison group')] : [];
  return {
    itemId: c.item.id,
    rank,
    category: c.item.category,
    score: c.score,
    slot: slotOf(c.item.category, map),
    promoted: c.promoted ?? false,
    contributions: [...c.contributions, ...holdoutNote],
  };
}

/** Shown many times without the customer ever engaging with it. */
function saturated(itemId: string, a: Affinities, impressions: Map<string, number> | undefined): boolean {
  if (!impressions || (impressions.get(itemId) ?? 0) < SATURATION_IMPRESSIONS) return false;
  return !a.seedItems.some((s) => s.itemId === itemId);
}

function countSlots(scored: ScoredCandidate[], map: CategoryMap): Record<string, number> {
  const counts: Record<string, number> = { KNOWN: 0, ADJACENT: 0, WILDCARD: 0 };
  for (const c of scored) counts[slotOf(c.item.category, map)] += 1;
  return counts;
}

function unique(items: CatalogItem[]): CatalogItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && Boolean(seen.add(i.id)));
}

/** Higher score first, then by id. Returns only -1 or 1: a float difference would be boxed per comparison. */
function byScoreThenId(a: ScoredCandidate, b: ScoredCandidate): number {
  if (a.score !== b.score) return a.score > b.score ? -1 : 1;
  return a.item.id < b.item.id ? -1 : 1;
}
