import { ContributionSource } from '../../shared/contribution.types.js';
import type { Affinities, Evidence } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import { promotionDetails, type ActiveOverride } from './overrides.js';
import type { Describe, ScoreBuilder } from './score.js';
import { addLearnedContributions, type LearnedSources } from './sources.js';
import type { CatalogItem, ContributionValue, RequestContext } from './types.js';

/** Relative strength of each source; every score is the sum of its contributions. */
export const SOURCE_WEIGHTS = {
  statedCategory: 1.5,
  statedBrand: 1.0,
  statedAttribute: 0.5,
  statedPriceRange: 0.3,
  browsing: 1.2,
  purchase: 1.0,
  contextPage: 0.8,
  contextSession: 0.5,
  trending: 0.5,
};

/** "Show me less" outweighs a like of the same strength, so what was asked for less ranks below what is liked. */
const LESS_FACTOR = -2;

const PER_SOURCE_CANDIDATES = 40;

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
export function generateCandidates(catalog: CatalogIndex, a: Affinities, context: RequestContext, sources: LearnedSources): CatalogItem[] {
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
  for (const category of a.browsedCategories.keys()) take(catalog.byCategory.get(category));
  for (const category of a.purchasedCategories.keys()) take(catalog.byCategory.get(category));
  if (context.pageCategory) take(catalog.byCategory.get(context.pageCategory));
  for (const category of sources.session.keys()) take(catalog.byCategory.get(category));
  const byIds = (ids: Iterable<string>) => [...ids].map((id) => catalog.byId.get(id)).filter((i): i is CatalogItem => Boolean(i));
  for (const parts of sources.similar) take(byIds(parts.keys()), Infinity);
  take(byIds(sources.exploration), Infinity);
  take(catalog.byPopularity, 100);
  return out;
}

/** Hard filters: stated "never", durable goods already bought, dismissed items (a dislike only scores down). */
export function isExcluded(item: CatalogItem, a: Affinities): boolean {
  if (a.dismissedItems.has(item.id)) return true;
  if (a.excluded.CATEGORY.has(item.category) || a.excluded.BRAND.has(item.brand)) return true;
  if (item.attributes.some((attr) => a.excluded.ATTRIBUTE.has(attr))) return true;
  for (const range of a.excluded.PRICE_RANGE) if (inPriceRange(item.price, range)) return true;
  return item.durable && a.purchasedItems.has(item.id);
}

/**
 * One item's score and, when the builder explains, the contributions it is the sum of. Active
 * boosts add their PROMOTED contribution last.
 */
export function scoreItem(b: ScoreBuilder, item: CatalogItem, a: Affinities, sources: LearnedSources, boosts: ActiveOverride[]): ScoredCandidate {
  b.start(item);
  const { context } = b;
  addStated(b, SOURCE_WEIGHTS.statedCategory, a.likes.CATEGORY.get(item.category));
  addStated(b, SOURCE_WEIGHTS.statedBrand, a.likes.BRAND.get(item.brand));
  for (const attr of item.attributes) addStated(b, SOURCE_WEIGHTS.statedAttribute, a.likes.ATTRIBUTE.get(attr));
  for (const liked of a.likes.PRICE_RANGE.values()) {
    if (inPriceRange(item.price, liked.key))
      b.add(
        ContributionSource.STATED_PREFERENCE,
        SOURCE_WEIGHTS.statedPriceRange * liked.weight,
        liked.purpose,
        liked.noticeVersion,
        describePriceRange,
        liked,
      );
  }
  addStated(b, LESS_FACTOR * SOURCE_WEIGHTS.statedCategory, a.lessened.CATEGORY.get(item.category));
  addStated(b, LESS_FACTOR * SOURCE_WEIGHTS.statedBrand, a.lessened.BRAND.get(item.brand));
  for (const attr of item.attributes) addStated(b, LESS_FACTOR * SOURCE_WEIGHTS.statedAttribute, a.lessened.ATTRIBUTE.get(attr));
  for (const less of a.lessened.PRICE_RANGE.values()) {
    if (inPriceRange(item.price, less.key))
      b.add(
        ContributionSource.STATED_PREFERENCE,
        LESS_FACTOR * SOURCE_WEIGHTS.statedPriceRange * less.weight,
        less.purpose,
        less.noticeVersion,
        describePriceRange,
        less,
      );
  }
  const browsed = a.browsedCategories.get(item.category);
  if (browsed)
    b.add(
      ContributionSource.BROWSING,
      SOURCE_WEIGHTS.browsing * (1 / a.maxWeight.browsing) * browsed.weight,
      browsed.purpose,
      browsed.noticeVersion,
      describeEvidence,
      browsed,
    );
  const bought = a.purchasedCategories.get(item.category);
  if (bought)
    b.add(
      ContributionSource.PURCHASE_HISTORY,
      SOURCE_WEIGHTS.purchase * (1 / a.maxWeight.purchase) * bought.weight,
      bought.purpose,
      bought.noticeVersion,
      describeEvidence,
      bought,
    );

  if (context.pageCategory && item.category === context.pageCategory)
    b.add(ContributionSource.CONTEXT, SOURCE_WEIGHTS.contextPage, null, null, describePage, item);
  const sessionShare = sources.session.get(item.category);
  if (sessionShare) b.add(ContributionSource.CONTEXT, SOURCE_WEIGHTS.contextSession * sessionShare, null, null, describeSession, item);
  if (item.popularity > 0) b.add(ContributionSource.TRENDING, SOURCE_WEIGHTS.trending * item.popularity, null, null, describePopular, item);
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

function addStated(b: ScoreBuilder, base: number, liked: Evidence | undefined): void {
  if (liked) b.add(ContributionSource.STATED_PREFERENCE, base * liked.weight, liked.purpose, liked.noticeVersion, describeEvidence, liked);
}

const describeEvidence: Describe<Evidence> = (e) => ({ evidence: e.evidence, label: e.key });
const describePriceRange: Describe<Evidence> = (e) => ({ evidence: e.evidence, label: `priced ${e.key}` });
const describePage: Describe<CatalogItem> = (item) => ({ evidence: [item.category], label: `the ${item.category} page you are on` });
const describePopular: Describe<CatalogItem> = (item) => ({ evidence: [item.category], label: `popular in ${item.category}` });
const describeSession: Describe<CatalogItem> = (item, { catalog, context }) => ({
  evidence: context.viewedItemIds.filter((id) => catalog.byId.get(id)?.category === item.category),
  label: `${item.category} you looked at this visit`,
});
