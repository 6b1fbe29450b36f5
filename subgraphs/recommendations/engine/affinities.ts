import type { GatedSignal } from '../../shared/gate.js';
import { SignalKind } from '../../shared/signal.types.js';
import { PRICE_TIERS, type CatalogIndex } from './catalog-index.js';
import type { CatalogItem } from './types.js';

/** A piece of evidence for a preference, with the consent that allowed its use. */
export interface Evidence {
  /** What it is about: the category, brand, attribute or price range. */
  key: string;
  weight: number;
  purpose: string;
  noticeVersion: number;
  evidence: string[];
}

/** An item that points to similar items, with the consent that allowed its use (null: this visit). */
export interface SeedItem {
  itemId: string;
  weight: number;
  purpose: string | null;
  noticeVersion: number | null;
}

/**
 * Long-term taste from one purpose's history (browsing, or purchases): how the customer's interest
 * is spread over categories, brands, attributes and price tiers, each signal already decayed by
 * its recency. Shares are relative to `total`, so a focused history counts more than a scattered one.
 */
export interface Taste {
  categories: Map<string, Evidence>;
  /** Durable goods' categories (purchases only): someone who bought a tent rarely buys a second. */
  durableCategories: Map<string, Evidence>;
  brands: Map<string, Evidence>;
  attributes: Map<string, Evidence>;
  /** Keyed by tier name (budget, mid-range, premium within the item's category). */
  priceTiers: Map<string, Evidence>;
  items: Map<string, Evidence>;
  total: number;
  /** The strongest single item's weight. */
  maxItem: number;
}

export type StatedKind = 'CATEGORY' | 'BRAND' | 'ATTRIBUTE' | 'PRICE_RANGE';

/** What the gated signals say about a customer, in catalog terms. */
export interface Affinities {
  likes: Record<StatedKind, Map<string, Evidence>>;
  /** DISLIKE ("show me less"): scored down and given fewer places, never filtered out. */
  lessened: Record<StatedKind, Map<string, Evidence>>;
  /** NEVER: hard filters. */
  excluded: Record<StatedKind, Set<string>>;
  browsed: Taste;
  purchased: Taste;
  dismissedItems: Set<string>;
  /** Items the customer interacted with (browsing, purchases): seeds for "customers who … also …". */
  seedItems: SeedItem[];
  /** Signals used, per purpose: what the decision log records instead of the signals themselves. */
  usedPerPurpose: Record<string, number>;
}

type StatedFeeling = 'likes' | 'lessened' | 'excluded';
const STATED: Record<string, { kind: StatedKind; feeling: StatedFeeling }> = {
  [SignalKind.LIKE_CATEGORY]: { kind: 'CATEGORY', feeling: 'likes' },
  [SignalKind.LIKE_BRAND]: { kind: 'BRAND', feeling: 'likes' },
  [SignalKind.LIKE_ATTRIBUTE]: { kind: 'ATTRIBUTE', feeling: 'likes' },
  [SignalKind.LIKE_PRICE_RANGE]: { kind: 'PRICE_RANGE', feeling: 'likes' },
  [SignalKind.DISLIKE_CATEGORY]: { kind: 'CATEGORY', feeling: 'lessened' },
  [SignalKind.DISLIKE_BRAND]: { kind: 'BRAND', feeling: 'lessened' },
  [SignalKind.DISLIKE_ATTRIBUTE]: { kind: 'ATTRIBUTE', feeling: 'lessened' },
  [SignalKind.DISLIKE_PRICE_RANGE]: { kind: 'PRICE_RANGE', feeling: 'lessened' },
  [SignalKind.NEVER_CATEGORY]: { kind: 'CATEGORY', feeling: 'excluded' },
  [SignalKind.NEVER_BRAND]: { kind: 'BRAND', feeling: 'excluded' },
  [SignalKind.NEVER_ATTRIBUTE]: { kind: 'ATTRIBUTE', feeling: 'excluded' },
  [SignalKind.NEVER_PRICE_RANGE]: { kind: 'PRICE_RANGE', feeling: 'excluded' },
};

/** Turns gated signals into affinities. Callers must pass only what the consent gate let through. */
export function buildAffinities(signals: GatedSignal[], catalog: CatalogIndex): Affinities {
  const a: Affinities = {
    likes: { CATEGORY: new Map(), BRAND: new Map(), ATTRIBUTE: new Map(), PRICE_RANGE: new Map() },
    lessened: { CATEGORY: new Map(), BRAND: new Map(), ATTRIBUTE: new Map(), PRICE_RANGE: new Map() },
    excluded: { CATEGORY: new Set(), BRAND: new Set(), ATTRIBUTE: new Set(), PRICE_RANGE: new Set() },
    browsed: emptyTaste(),
    purchased: emptyTaste(),
    dismissedItems: new Set(),
    seedItems: [],
    usedPerPurpose: {},
  };
  for (const s of signals) {
    a.usedPerPurpose[s.purpose] = (a.usedPerPurpose[s.purpose] ?? 0) + 1;
    const stated = STATED[s.kind];
    if (stated) {
      const key = stated.kind === 'PRICE_RANGE' ? s.value : catalog.nameOf(s.value);
      if (stated.feeling === 'excluded') a.excluded[stated.kind].add(key);
      else add(a[stated.feeling][stated.kind], key, s, s.evidenceId ?? s.value);
      continue;
    }
    const item = catalog.byId.get(s.value);
    switch (s.kind) {
      case SignalKind.VIEWED_ITEM:
      case SignalKind.CARTED_ITEM:
      case SignalKind.RATED_ITEM:
        if (item && s.weight > 0) {
          addTaste(a.browsed, item, s, catalog, false);
          a.seedItems.push(seedOf(s));
        }
        break;
      case SignalKind.PURCHASED_ITEM:
        if (item) {
          addTaste(a.purchased, item, s, catalog, true);
          a.seedItems.push(seedOf(s));
        }
        break;
      case SignalKind.DISMISSED_ITEM:
        a.dismissedItems.add(s.value);
        break;
      default:
        break;
    }
  }
  return a;
}

function emptyTaste(): Taste {
  const maps = () => new Map<string, Evidence>();
  return {
    categories: maps(),
    durableCategories: maps(),
    brands: maps(),
    attributes: maps(),
    priceTiers: maps(),
    items: maps(),
    total: 0,
    maxItem: 0,
  };
}

/** Purchases keep durable goods' categories apart; browsing a tent is interest in tents all the same. */
function addTaste(taste: Taste, item: CatalogItem, s: GatedSignal, catalog: CatalogIndex, durableApart: boolean): void {
  add(durableApart && item.durable ? taste.durableCategories : taste.categories, item.category, s, item.id);
  add(taste.brands, item.brand, s, item.id);
  for (const attribute of item.attributes) add(taste.attributes, attribute, s, item.id);
  add(taste.priceTiers, PRICE_TIERS[catalog.priceTier.get(item.id) ?? 1], s, item.id);
  add(taste.items, item.id, s, item.id);
  taste.total += s.weight;
  taste.maxItem = Math.max(taste.maxItem, taste.items.get(item.id)!.weight);
}

function seedOf(s: GatedSignal): SeedItem {
  return { itemId: s.value, weight: s.weight, purpose: s.purpose, noticeVersion: s.noticeVersion };
}

/** Categories the customer's own data points to. */
export function personalCategories(a: Affinities): Set<string> {
  const { browsed, purchased } = a;
  return new Set([...a.likes.CATEGORY.keys(), ...browsed.categories.keys(), ...purchased.categories.keys(), ...purchased.durableCategories.keys()]);
}

function add(map: Map<string, Evidence>, key: string, s: GatedSignal, evidenceId: string): void {
  const existing = map.get(key);
  if (existing) {
    existing.weight += s.weight;
    existing.noticeVersion = Math.max(existing.noticeVersion, s.noticeVersion);
    if (existing.evidence.length < 5 && !existing.evidence.includes(evidenceId)) existing.evidence.push(evidenceId);
  } else {
    map.set(key, { key, weight: s.weight, purpose: s.purpose, noticeVersion: s.noticeVersion, evidence: [evidenceId] });
  }
}
