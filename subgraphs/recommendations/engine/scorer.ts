import { ContributionSource } from '../../shared/contribution.types.js';
import type { Affinities, Evidence, Taste } from './affinities.js';
import { PRICE_TIERS, type CatalogIndex } from './catalog-index.js';
import { promotionDetails, type ActiveOverride } from './overrides.js';
import type { Describe, ScoreBuilder } from './score.js';
import type { CategoryMap } from './slots.js';
import { LIKE_MINDED_CANDIDATES, type SimilarPart } from './similar-items.js';
import { addLearnedContributions, type LearnedSources } from './sources.js';
import type { CatalogItem, ContributionValue, RequestContext } from './types.js';

/** "Show me less" outweighs a like of the same strength, so what was asked for less ranks below what is liked. */
const LESS_FACTOR = -2;

const PER_SOURCE_CANDIDATES = 40;
/** The customer's strongest brands that bring their own candidates. */
const TASTE_BRANDS = 3;
/** The most popular items of each adjacent category, so its slots have something of it to show. */
const ADJACENT_CANDIDATES = 10;

export interface ScoredCandidate {
  item: CatalogItem;
  score: number;
  contributions: ContributionValue[];
  personal: boolean;
  /** Placed or lifted by a merchandiser's override. */
  promoted?: boolean;
}

/**
 * A class rather than an object literal on purpose: every candidate of a decision is alive until
 * it ends, and V8 pretenures a literal's allocation site once a scavenge finds them all alive
 * (see similar-items.ts; the bench's p99 went from 1.8 ms to 3.3 ms).
 */
class Scored implements ScoredCandidate {
  constructor(
    readonly item: CatalogItem,
    readonly score: number,
    readonly contributions: ContributionValue[],
    readonly personal: boolean,
    readonly promoted: boolean,
  ) {}
}

/** Candidate items from every source the customer's affinities and the context point to. */
export function generateCandidates(
  catalog: CatalogIndex,
  a: Affinities,
  context: RequestContext,
  sources: LearnedSources,
  map: CategoryMap,
): CatalogItem[] {
  const seen = new Set<string>();
  const out: CatalogItem[] = [];
  const take = (items: CatalogItem[] | undefined, n = PER_SOURCE_CANDIDATES) => {
    for (const item of (items ?? []).slice(0, n)) {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        out.push(item);
      }
    }
  };
  for (const category of a.likes.CATEGORY.keys()) take(catalog.byCategory.get(category));
  for (const brand of a.likes.BRAND.keys()) take(catalog.byBrand.get(brand));
  for (const taste of [a.browsed, a.purchased]) {
    for (const category of [...taste.categories.keys(), ...taste.durableCategories.keys()]) take(catalog.byCategory.get(category));
    for (const brand of strongest(taste.brands, TASTE_BRANDS)) take(catalog.byBrand.get(brand));
  }
  if (context.pageCategory) take(catalog.byCategory.get(context.pageCategory));
  for (const category of sources.session.keys()) take(catalog.byCategory.get(category));
  const byIds = (ids: Iterable<string>) => [...ids].map((id) => catalog.byId.get(id)).filter((i): i is CatalogItem => Boolean(i));
  take(byIds([...a.browsed.items.keys(), ...a.purchased.items.keys()]), Infinity);
  for (const parts of sources.similar) take(byIds(parts.keys()), Infinity);
  for (const parts of sources.likeMinded) take(byIds(strongestParts(parts)));
  take(byIds(sources.exploration), Infinity);
  for (const category of map.adjacent) take(catalog.byCategory.get(category), ADJACENT_CANDIDATES);
  take(catalog.byPopularity, 100);
  return out;
}

/** Hard filters: stated "never", durable goods already bought, dismissed items (a dislike only scores down). */
export function isExcluded(item: CatalogItem, a: Affinities): boolean {
  if (a.dismissedItems.has(item.id)) return true;
  if (a.excluded.CATEGORY.has(item.category) || a.excluded.BRAND.has(item.brand)) return true;
  if (item.attributes.some((attr) => a.excluded.ATTRIBUTE.has(attr))) return true;
  for (const range of a.excluded.PRICE_RANGE) if (inPriceRange(item.price, range)) return true;
  return item.durable && a.purchased.items.has(item.id);
}

/**
 * One item's score and, when the builder explains, the contributions it is the sum of. Active
 * boosts add their PROMOTED contribution last.
 */
export function scoreItem(b: ScoreBuilder, item: CatalogItem, a: Affinities, sources: LearnedSources, boosts: ActiveOverride[]): ScoredCandidate {
  b.start(item);
  const { context } = b;
  const w = sources.weights;
  addStated(b, w.statedCategory, a.likes.CATEGORY.get(item.category));
  addStated(b, w.statedBrand, a.likes.BRAND.get(item.brand));
  for (const attr of item.attributes) addStated(b, w.statedAttribute, a.likes.ATTRIBUTE.get(attr));
  for (const liked of a.likes.PRICE_RANGE.values()) {
    if (inPriceRange(item.price, liked.key))
      b.add(ContributionSource.STATED_PREFERENCE, w.statedPriceRange * liked.weight, liked.purpose, liked.noticeVersion, describePriceRange, liked);
  }
  addStated(b, LESS_FACTOR * w.statedCategory, a.lessened.CATEGORY.get(item.category));
  addStated(b, LESS_FACTOR * w.statedBrand, a.lessened.BRAND.get(item.brand));
  for (const attr of item.attributes) addStated(b, LESS_FACTOR * w.statedAttribute, a.lessened.ATTRIBUTE.get(attr));
  for (const less of a.lessened.PRICE_RANGE.values()) {
    if (inPriceRange(item.price, less.key))
      b.add(
        ContributionSource.STATED_PREFERENCE,
        LESS_FACTOR * w.statedPriceRange * less.weight,
        less.purpose,
        less.noticeVersion,
        describePriceRange,
        less,
      );
  }
  addTaste(b, ContributionSource.BROWSING, a.browsed, sources.tasteWeights.browsed);
  addTaste(b, ContributionSource.PURCHASE_HISTORY, a.purchased, sources.tasteWeights.purchased);

  if (context.pageCategory && item.category === context.pageCategory)
    b.add(ContributionSource.CONTEXT, w.contextPage, null, null, describePage, item);
  const sessionShare = sources.session.get(item.category);
  if (sessionShare) b.add(ContributionSource.CONTEXT, w.contextSession * sessionShare, null, null, describeSession, item);
  if (item.popularity > 0) b.add(ContributionSource.TRENDING, w.trending * item.popularity, null, null, describePopular, item);
  addLearnedContributions(b, sources);
  let promoted = false;
  for (const o of boosts) {
    if (o.itemId !== item.id) continue;
    b.add(ContributionSource.PROMOTED, o.boost ?? 0, null, null, promotionDetails, o);
    promoted = true;
  }
  return new Scored(item, b.score, b.contributions, b.personal, promoted);
}

export function inPriceRange(price: number, range: string): boolean {
  const dash = range.indexOf('-');
  return price >= Number(range.slice(0, dash)) && price <= Number(range.slice(dash + 1));
}

/** The weights of one taste's parts (browsing, or purchases). */
export interface TasteWeights {
  category: number;
  durableCategory: number;
  brand: number;
  attribute: number;
  priceTier: number;
  /** The very item, interacted with before. */
  again: number;
  /** Shares are of the history plus this much: a single view is not yet a taste. */
  prior: number;
}

/** Long-term taste: the item's category, brand, attributes and price tier as shares of the history, and the item itself. */
function addTaste(b: ScoreBuilder, source: ContributionSource, taste: Taste, w: TasteWeights): void {
  if (taste.total <= 0) return;
  const { item } = b;
  const total = taste.total + w.prior;
  const category = taste.categories.get(item.category);
  if (category) b.add(source, (w.category * category.weight) / total, category.purpose, category.noticeVersion, describeEvidence, category);
  const durable = taste.durableCategories.size > 0 ? taste.durableCategories.get(item.category) : undefined;
  if (durable) b.add(source, (w.durableCategory * durable.weight) / total, durable.purpose, durable.noticeVersion, describeEvidence, durable);
  const brand = taste.brands.get(item.brand);
  if (brand) b.add(source, (w.brand * brand.weight) / total, brand.purpose, brand.noticeVersion, describeEvidence, brand);
  let attributeShare = 0;
  let attribute: Evidence | undefined;
  for (const key of w.attribute > 0 ? item.attributes : NO_ATTRIBUTES) {
    const e = taste.attributes.get(key);
    if (e) {
      attributeShare += e.weight / total / item.attributes.length;
      attribute ??= e;
    }
  }
  if (attribute) b.add(source, w.attribute * attributeShare, attribute.purpose, attribute.noticeVersion, describeAttributes, taste);
  const tier = w.priceTier > 0 ? taste.priceTiers.get(PRICE_TIERS[b.catalog.priceTier.get(item.id) ?? 1]) : undefined;
  if (tier) b.add(source, (w.priceTier * tier.weight) / total, tier.purpose, tier.noticeVersion, describeTier, tier);
  const again = taste.items.get(item.id);
  if (again) b.add(source, (w.again * again.weight) / taste.maxItem, again.purpose, again.noticeVersion, describeItem, item);
}

const NO_ATTRIBUTES: string[] = [];

function strongestParts(parts: Map<string, SimilarPart>): string[] {
  return [...parts.values()]
    .sort((x, y) => y.weight - x.weight || (x.itemId < y.itemId ? -1 : 1))
    .slice(0, LIKE_MINDED_CANDIDATES)
    .map((p) => p.itemId);
}

function strongest(map: Map<string, Evidence>, n: number): string[] {
  return [...map.values()]
    .sort((x, y) => y.weight - x.weight || (x.key < y.key ? -1 : 1))
    .slice(0, n)
    .map((e) => e.key);
}

function addStated(b: ScoreBuilder, base: number, liked: Evidence | undefined): void {
  if (liked) b.add(ContributionSource.STATED_PREFERENCE, base * liked.weight, liked.purpose, liked.noticeVersion, describeEvidence, liked);
}

const describeEvidence: Describe<Evidence> = (e) => ({ evidence: e.evidence, label: e.key });
const describeAttributes: Describe<Taste> = (taste, { item }) => {
  const matched = item.attributes.filter((key) => taste.attributes.has(key));
  return { evidence: [...new Set(matched.flatMap((key) => taste.attributes.get(key)!.evidence))].slice(0, 5), label: `${matched.join(', ')} items` };
};
const describeTier: Describe<Evidence> = (e) => ({ evidence: e.evidence, label: `${e.key}-priced items` });
const describeItem: Describe<CatalogItem> = (item) => ({ evidence: [item.id], label: item.title });
const describePriceRange: Describe<Evidence> = (e) => ({ evidence: e.evidence, label: `priced ${e.key}` });
const describePage: Describe<CatalogItem> = (item) => ({ evidence: [item.category], label: `the ${item.category} page you are on` });
const describePopular: Describe<CatalogItem> = (item) => ({ evidence: [item.category], label: `popular in ${item.category}` });
const describeSession: Describe<CatalogItem> = (item, { catalog, context }) => ({
  evidence: context.viewedItemIds.filter((id) => catalog.byId.get(id)?.category === item.category),
  label: `${item.category} you looked at this visit`,
});
