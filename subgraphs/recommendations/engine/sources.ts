import { ContributionSource } from '../../shared/contribution.types.js';
import type { Affinities, SeedItem } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import { explorationPicks } from './exploration.js';
import { daypart, type InteractionModel } from './interaction-model.js';
import { nonPersonal, round } from './contribution.js';
import type { ContributionValue, RequestContext } from './types.js';

/** Relative strength of the learned and contextual sources (the content sources are in scorer.ts). */
export const LEARNED_WEIGHTS = {
  similar: 1.2,
  trendingInCategory: 0.6,
  segment: 0.3,
  exploration: 0.35,
};
export const TRENDING_HALF_LIFE_DAYS = 7;
const MAX_SEEDS_PER_PURPOSE = 10;
const NEIGHBOURS_PER_SEED = 20;
const EXPLORATION_PICKS = 30;

/** Per-request contributions from the learned model and the context, keyed by item id. */
export interface LearnedSources {
  similar: Map<string, ContributionValue[]>;
  exploration: Set<string>;
  trendingInPage: Map<string, number>;
  segments: { key: string; label: string; popularity: Map<string, number> }[];
  /** Share of this visit's viewed items per category. */
  session: Map<string, number>;
}

export function learnedSources(catalog: CatalogIndex, a: Affinities, context: RequestContext, model: InteractionModel | null, now: Date): LearnedSources {
  const part = daypart(now);
  const session: SeedItem[] = context.viewedItemIds.map((itemId) => ({ itemId, weight: 1, purpose: null, noticeVersion: null }));
  return {
    similar: model ? similarItems(model, catalog, [...a.seedItems, ...session]) : new Map(),
    exploration: new Set(explorationPicks(catalog, context, part, EXPLORATION_PICKS).map((i) => i.id)),
    trendingInPage: model && context.pageCategory ? trendingIn(catalog, model, context.pageCategory, now) : new Map(),
    segments: model ? segmentKeys(context, part).map(({ key, label }) => ({ label, key, popularity: model.segmentPopularity(key) })) : [],
    session: sessionCategories(catalog, context),
  };
}

/** The contributions of the learned and contextual sources to one item. */
export function addLearnedContributions(out: ContributionValue[], itemId: string, category: string, sources: LearnedSources): void {
  const similar = sources.similar.get(itemId);
  if (similar) for (const c of similar) if (c.weight > 0) out.push(c);
  const trending = sources.trendingInPage.get(itemId);
  if (trending) out.push(nonPersonal(ContributionSource.TRENDING, LEARNED_WEIGHTS.trendingInCategory * trending, [category], `trending in ${category} this week`));
  for (const segment of sources.segments) {
    const popularity = segment.popularity.get(itemId);
    if (popularity) out.push(nonPersonal(ContributionSource.CONTEXT, LEARNED_WEIGHTS.segment * popularity, [segment.key], segment.label));
  }
  if (sources.exploration.has(itemId)) out.push(nonPersonal(ContributionSource.EXPLORATION, LEARNED_WEIGHTS.exploration, [category], category));
}

/**
 * "Customers who … also …": items that co-occur with the seeds, one contribution per purpose the
 * seeds came under (so withdrawing a purpose removes exactly its part). Session seeds have none.
 */
function similarItems(model: InteractionModel, catalog: CatalogIndex, seeds: SeedItem[]): Map<string, ContributionValue[]> {
  const byPurpose = new Map<string | null, SeedItem[]>();
  for (const s of seeds) if (catalog.byId.has(s.itemId)) byPurpose.set(s.purpose, [...(byPurpose.get(s.purpose) ?? []), s]);
  const out = new Map<string, ContributionValue[]>();
  for (const [purpose, group] of byPurpose) {
    const top = [...group].sort((x, y) => y.weight - x.weight || (x.itemId < y.itemId ? -1 : 1)).slice(0, MAX_SEEDS_PER_PURPOSE);
    const max = Math.max(...top.map((s) => s.weight)) || 1;
    const noticeVersion = purpose === null ? null : Math.max(...top.map((s) => s.noticeVersion ?? 1));
    const acc = new Map<string, { weight: number; seeds: [string, number][] }>();
    for (const seed of top) {
      for (const [other, similarity] of model.neighbours(seed.itemId, NEIGHBOURS_PER_SEED)) {
        const part = (seed.weight / max) * similarity;
        const entry = acc.get(other) ?? { weight: 0, seeds: [] };
        entry.weight += part;
        entry.seeds.push([seed.itemId, part]);
        acc.set(other, entry);
      }
    }
    for (const [itemId, { weight, seeds: from }] of acc) {
      const evidence = from.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3).map(([id]) => id);
      const label = catalog.byId.get(evidence[0])?.title ?? evidence[0];
      const value = { source: ContributionSource.SIMILAR_CUSTOMERS, weight: round(LEARNED_WEIGHTS.similar * weight), purpose, noticeVersion, evidence, label };
      out.set(itemId, [...(out.get(itemId) ?? []), value]);
    }
  }
  return out;
}

/** Recent interest in the page's category, relative to its most trending item (0..1). */
function trendingIn(catalog: CatalogIndex, model: InteractionModel, category: string, now: Date): Map<string, number> {
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000); // stable within the hour
  const ids = (catalog.byCategory.get(category) ?? []).map((i) => i.id);
  return model.trending(`category:${category}`, ids, hour, TRENDING_HALF_LIFE_DAYS);
}

/** Share of this visit's viewed items per category (context only, never stored). */
export function sessionCategories(catalog: CatalogIndex, context: RequestContext): Map<string, number> {
  const counts = new Map<string, number>();
  const viewed = context.viewedItemIds.map((id) => catalog.byId.get(id)).filter((i) => i !== undefined);
  for (const item of viewed) counts.set(item.category, (counts.get(item.category) ?? 0) + 1 / viewed.length);
  return counts;
}

/** Segments of this request: the device (as the channel it shops on) and the part of the day. */
function segmentKeys(context: RequestContext, part: string): { key: string; label: string }[] {
  const keys = [{ key: `daypart:${part}`, label: `popular with shoppers in the ${part}` }];
  if (context.device) {
    const channel = channelOfDevice(context.device);
    keys.unshift({ key: `channel:${channel}`, label: `popular with shoppers on ${channel === 'app' ? 'our app' : 'the web'}` });
  }
  return keys;
}

/** Requests name a device; events name the channel they came through. */
export function channelOfDevice(device: string): string {
  const d = device.toLowerCase();
  if (['mobile', 'app', 'ios', 'android', 'tablet'].includes(d)) return 'app';
  if (['desktop', 'web', 'browser'].includes(d)) return 'web';
  return d;
}
