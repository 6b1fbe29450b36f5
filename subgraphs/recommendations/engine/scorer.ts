import { ContributionSource } from '../../shared/contribution.types.js';
import type { Affinities, Evidence } from './affinities.js';
import type { CatalogIndex } from './catalog-index.js';
import { nonPersonal, round, sumOf } from './contribution.js';
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

const PER_SOURCE_CANDIDATES = 40;

export interface ScoredCandidate {
  item: CatalogItem;
  score: number;
  contributions: ContributionValue[];
  personal: boolean;
  /** Placed or lifted by a merchandiser's override. */
  promoted?: boolean;
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
  take(byIds(sources.similar.keys()), Infinity);
  take(byIds(sources.exploration), Infinity);
  take(catalog.byPopularity, 100);
  return out;
}

/** Hard filters: stated dislikes and "never", durable goods already bought, dismissed items. */
export function isExcluded(item: CatalogItem, a: Affinities): boolean {
  if (a.dismissedItems.has(item.id)) return true;
  if (a.excluded.CATEGORY.has(item.category) || a.excluded.BRAND.has(item.brand)) return true;
  if (item.attributes.some((attr) => a.excluded.ATTRIBUTE.has(attr))) return true;
  for (const range of a.excluded.PRICE_RANGE) if (inPriceRange(item.price, range)) return true;
  return item.durable && a.purchasedItems.has(item.id);
}

export function scoreItem(item: CatalogItem, a: Affinities, context: RequestContext, catalog: CatalogIndex, sources: LearnedSources): ScoredCandidate {
  const contributions: ContributionValue[] = [];

  const likedCategory = a.likes.CATEGORY.get(item.category);
  if (likedCategory) contributions.push(fromEvidence(ContributionSource.STATED_PREFERENCE, SOURCE_WEIGHTS.statedCategory, likedCategory, item.category));
  const likedBrand = a.likes.BRAND.get(item.brand);
  if (likedBrand) contributions.push(fromEvidence(ContributionSource.STATED_PREFERENCE, SOURCE_WEIGHTS.statedBrand, likedBrand, item.brand));
  for (const attr of item.attributes) {
    const liked = a.likes.ATTRIBUTE.get(attr);
    if (liked) contributions.push(fromEvidence(ContributionSource.STATED_PREFERENCE, SOURCE_WEIGHTS.statedAttribute, liked, attr));
  }
  for (const [range, liked] of a.likes.PRICE_RANGE) {
    if (inPriceRange(item.price, range)) contributions.push(fromEvidence(ContributionSource.STATED_PREFERENCE, SOURCE_WEIGHTS.statedPriceRange, liked, `priced ${range}`));
  }
  const browsed = a.browsedCategories.get(item.category);
  if (browsed) contributions.push(fromEvidence(ContributionSource.BROWSING, SOURCE_WEIGHTS.browsing, browsed, item.category, 1 / a.maxWeight.browsing));
  const bought = a.purchasedCategories.get(item.category);
  if (bought) contributions.push(fromEvidence(ContributionSource.PURCHASE_HISTORY, SOURCE_WEIGHTS.purchase, bought, item.category, 1 / a.maxWeight.purchase));

  if (context.pageCategory && item.category === context.pageCategory) {
    contributions.push(nonPersonal(ContributionSource.CONTEXT, SOURCE_WEIGHTS.contextPage, [item.category], `the ${item.category} page you are on`));
  }
  const sessionShare = sources.session.get(item.category);
  if (sessionShare) {
    const viewed = context.viewedItemIds.filter((id) => catalog.byId.get(id)?.category === item.category);
    contributions.push(nonPersonal(ContributionSource.CONTEXT, SOURCE_WEIGHTS.contextSession * sessionShare, viewed, `${item.category} you looked at this visit`));
  }
  if (item.popularity > 0) {
    contributions.push(nonPersonal(ContributionSource.TRENDING, SOURCE_WEIGHTS.trending * item.popularity, [item.category], `popular in ${item.category}`));
  }
  addLearnedContributions(contributions, item.id, item.category, sources);
  let personal = false;
  for (const c of contributions) personal ||= c.purpose !== null;
  return { item, score: sumOf(contributions), contributions, personal };
}

export function inPriceRange(price: number, range: string): boolean {
  const dash = range.indexOf('-');
  return price >= Number(range.slice(0, dash)) && price <= Number(range.slice(dash + 1));
}

function fromEvidence(source: ContributionSource, base: number, e: Evidence, label: string, scale = 1): ContributionValue {
  return { source, weight: round(base * scale * e.weight), purpose: e.purpose, noticeVersion: e.noticeVersion, evidence: e.evidence, label };
}
