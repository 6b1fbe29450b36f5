import { ContributionSource } from '../../shared/contribution.types.js';
import type { Affinities, SeedItem } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import { explorationPicks } from './exploration.js';
import { daypart, type InteractionModel } from './interaction-model.js';
import { isLocale, localeLabel } from '../../shared/locale.js';
import { round } from './contribution.js';
import { describeLikeMinded, describeSimilar, likeMindedItems, similarItems, type SimilarPart } from './similar-items.js';
import type { Describe, ScoreBuilder } from './score.js';
import type { TasteWeights } from './scorer.js';
import type { CatalogItem, RequestContext } from './types.js';
import { TUNED_WEIGHTS, type Weights } from './weights.js';

export const TRENDING_HALF_LIFE_DAYS = 7;
const EXPLORATION_PICKS = 30;

interface Segment {
  key: string;
  label: string;
  popularity: Map<string, number>;
}

/** Per-request contributions from the learned model and the context, keyed by item id. */
export interface LearnedSources {
  /** Per purpose (in the order the seeds came), the items similar to the customer's and this visit's. */
  similar: Map<string, SimilarPart>[];
  /** Per purpose, the items of customers whose learned history is like this customer's (stored history only). */
  likeMinded: Map<string, SimilarPart>[];
  exploration: Set<string>;
  trendingInPage: Map<string, number>;
  segments: Segment[];
  /** Share of this visit's viewed items per category. */
  session: Map<string, number>;
  weights: Weights;
  tasteWeights: { browsed: TasteWeights; purchased: TasteWeights };
}

export function learnedSources(
  catalog: CatalogIndex,
  a: Affinities,
  context: RequestContext,
  model: InteractionModel | null,
  now: Date,
  weights: Weights = TUNED_WEIGHTS,
): LearnedSources {
  const part = daypart(now);
  const session: SeedItem[] = context.viewedItemIds.map((itemId) => ({ itemId, weight: 1, purpose: null, noticeVersion: null }));
  return {
    // A source tuned off (weight 0) is not computed at all.
    similar: model
      ? similarItems(model, catalog, [...(weights.similarHistory > 0 ? a.seedItems : []), ...(weights.similarVisit > 0 ? session : [])])
      : [],
    likeMinded:
      model && a.seedItems.length > 0 && weights.likeMinded > 0
        ? likeMindedItems(model, catalog, a.seedItems, new Set(a.seedItems.map((s) => s.itemId)))
        : [],
    exploration: new Set(explorationPicks(catalog, context, part, EXPLORATION_PICKS).map((i) => i.id)),
    trendingInPage: model && context.pageCategory ? trendingIn(catalog, model, context.pageCategory, now) : new Map(),
    segments: model ? segmentKeys(context, part).map(({ key, label }) => ({ label, key, popularity: model.segmentPopularity(key) })) : [],
    session: sessionCategories(catalog, context),
    weights,
    tasteWeights: {
      browsed: {
        category: weights.browsedCategory,
        durableCategory: weights.browsedCategory,
        brand: weights.browsedBrand,
        attribute: weights.browsedAttribute,
        priceTier: weights.browsedPriceTier,
        again: weights.viewedAgain,
        prior: weights.tastePrior,
      },
      purchased: {
        category: weights.purchasedCategory,
        durableCategory: weights.purchasedDurableCategory,
        brand: weights.purchasedBrand,
        attribute: weights.purchasedAttribute,
        priceTier: weights.purchasedPriceTier,
        again: weights.boughtAgain,
        prior: weights.tastePrior,
      },
    },
  };
}

/** The contributions of the learned and contextual sources to the item being scored. */
export function addLearnedContributions(b: ScoreBuilder, sources: LearnedSources): void {
  const { id } = b.item;
  const w = sources.weights;
  for (const parts of sources.similar) {
    const part = parts.get(id);
    const weight = part ? (part.group.purpose === null ? w.similarVisit : w.similarHistory) * part.weight : 0;
    if (part && round(weight) > 0)
      b.add(ContributionSource.SIMILAR_CUSTOMERS, weight, part.group.purpose, part.group.noticeVersion, describeSimilar, part);
  }
  for (const parts of sources.likeMinded) {
    const part = parts.get(id);
    if (part && round(w.likeMinded * part.weight) > 0)
      b.add(ContributionSource.SIMILAR_CUSTOMERS, w.likeMinded * part.weight, part.group.purpose, part.group.noticeVersion, describeLikeMinded, part);
  }
  const trending = sources.trendingInPage.get(id);
  if (trending) b.add(ContributionSource.TRENDING, w.trendingInCategory * trending, null, null, describeTrending, b.item);
  for (const segment of sources.segments) {
    const popularity = segment.popularity.get(id);
    if (popularity) b.add(ContributionSource.CONTEXT, w.segment * popularity, null, null, describeSegment, segment);
  }
  if (sources.exploration.has(id)) b.add(ContributionSource.EXPLORATION, w.exploration, null, null, describeExploration, b.item);
}

const describeTrending: Describe<CatalogItem> = (item) => ({ evidence: [item.category], label: `trending in ${item.category} this week` });
const describeExploration: Describe<CatalogItem> = (item) => ({ evidence: [item.category], label: item.category });
const describeSegment: Describe<Segment> = (segment) => ({ evidence: [segment.key], label: segment.label });
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

/** Segments of this request: the device (as the channel it shops on), the part of the day and the locale. */
function segmentKeys(context: RequestContext, part: string): { key: string; label: string }[] {
  const keys = [{ key: `daypart:${part}`, label: `popular with shoppers in the ${part}` }];
  if (context.locale && isLocale(context.locale))
    keys.push({ key: `locale:${context.locale}`, label: `popular with shoppers in ${localeLabel(context.locale)}` });
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
