import type { GatedSignal } from '../../shared/gate.js';
import { SignalKind } from '../../shared/signal.types.js';
import type { CatalogIndex } from './catalog-index.js';

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

export type StatedKind = 'CATEGORY' | 'BRAND' | 'ATTRIBUTE' | 'PRICE_RANGE';

/** What the gated signals say about a customer, in catalog terms. */
export interface Affinities {
  likes: Record<StatedKind, Map<string, Evidence>>;
  /** DISLIKE ("show me less"): scored down and given fewer places, never filtered out. */
  lessened: Record<StatedKind, Map<string, Evidence>>;
  /** NEVER: hard filters. */
  excluded: Record<StatedKind, Set<string>>;
  browsedCategories: Map<string, Evidence>;
  purchasedCategories: Map<string, Evidence>;
  purchasedItems: Set<string>;
  dismissedItems: Set<string>;
  /** Items the customer interacted with (browsing, purchases): seeds for "customers who … also …". */
  seedItems: SeedItem[];
  /** The strongest browsing and purchase category weights, which those contributions are scaled by. */
  maxWeight: { browsing: number; purchase: number };
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
    browsedCategories: new Map(),
    purchasedCategories: new Map(),
    purchasedItems: new Set(),
    dismissedItems: new Set(),
    seedItems: [],
    maxWeight: { browsing: 1, purchase: 1 },
    usedPerPurpose: {},
  };
  for (const s of signals) {
    a.usedPerPurpose[s.purpose] = (a.usedPerPurpose[s.purpose] ?? 0) + 1;
    const stated = STATED[s.kind];
    if (stated) {
      if (stated.feeling === 'excluded') a.excluded[stated.kind].add(s.value);
      else add(a[stated.feeling][stated.kind], s.value, s, s.evidenceId ?? s.value);
      continue;
    }
    const item = catalog.byId.get(s.value);
    switch (s.kind) {
      case SignalKind.VIEWED_ITEM:
      case SignalKind.CARTED_ITEM:
      case SignalKind.RATED_ITEM:
        if (item && s.weight > 0) {
          add(a.browsedCategories, item.category, s, item.id);
          a.seedItems.push(seedOf(s));
        }
        break;
      case SignalKind.PURCHASED_ITEM:
        if (item) {
          add(a.purchasedCategories, item.category, s, item.id);
          a.purchasedItems.add(item.id);
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
  a.maxWeight = { browsing: maxWeight(a.browsedCategories), purchase: maxWeight(a.purchasedCategories) };
  return a;
}

function maxWeight(map: Map<string, Evidence>): number {
  let max = 0;
  for (const e of map.values()) max = Math.max(max, e.weight);
  return max || 1;
}

function seedOf(s: GatedSignal): SeedItem {
  return { itemId: s.value, weight: s.weight, purpose: s.purpose, noticeVersion: s.noticeVersion };
}

/** Categories the customer's own data points to. */
export function personalCategories(a: Affinities): Set<string> {
  return new Set([...a.likes.CATEGORY.keys(), ...a.browsedCategories.keys(), ...a.purchasedCategories.keys()]);
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
