import type { CatalogIndex } from '../engine/catalog-index.js';
import type { Slot } from '../engine/types.js';
import type { AttributedExposure } from './attribution.js';
import type { ConsentLevelLift } from './experiment-report.js';
import { outcomeOf, type Outcome } from './outcomes.js';
import type { StoredEvent } from './window-data.js';

export interface SlotShare extends Outcome {
  slot: Slot;
  /** Of all items shown. */
  share: number;
}

export interface BlindSpot {
  itemId: string;
  title: string;
  category: string;
  /** Customers who bought it more than once in the window. */
  repeatBuyers: number;
  /** Ratings of 4 or 5. */
  highRatings: number;
  dismissals: number;
  /** repeatBuyers + highRatings − dismissals. */
  satisfaction: number;
  exposures: number;
}

export interface SegmentGap {
  /** A consent level (see decision-summary.ts): the segments the decision log knows. */
  segment: string;
  customers: number;
  categoriesNeverShown: string[];
}

export interface DiscoveryAudit {
  catalogSize: number;
  itemsShown: number;
  coverage: number;
  slots: SlotShare[];
  blindSpots: BlindSpot[];
  neverShown: SegmentGap[];
  /** Segments where the holdout's conversion rate is above personalization's (with the lift, which says whether that is beyond chance). */
  holdoutConvertsBetter: ConsentLevelLift[];
}

const SLOTS: Slot[] = ['KNOWN', 'ADJACENT', 'WILDCARD'];
/** An item needs at least this much satisfaction to count as a blind spot… */
export const MIN_SATISFACTION = 2;
/** …and fewer exposures than this share of the mean per catalog item. */
export const LOW_EXPOSURE_SHARE = 0.5;
const MAX_BLIND_SPOTS = 20;

/** Where the recommender is blind: satisfying items it rarely shows, coverage, slot shares, categories a segment never saw. */
export function discoveryAudit(
  catalog: CatalogIndex,
  exposures: readonly AttributedExposure[],
  satisfactionEvents: readonly StoredEvent[],
  byConsentLevel: readonly ConsentLevelLift[],
): DiscoveryAudit {
  const shownCount = new Map<string, number>();
  for (const e of exposures) shownCount.set(e.itemId, (shownCount.get(e.itemId) ?? 0) + 1);
  const meanExposures = catalog.size === 0 ? 0 : exposures.length / catalog.size;
  return {
    catalogSize: catalog.size,
    itemsShown: shownCount.size,
    coverage: catalog.size === 0 ? 0 : shownCount.size / catalog.size,
    slots: SLOTS.map((slot) => {
      const inSlot = exposures.filter((e) => e.slot === slot);
      return { slot, share: exposures.length === 0 ? 0 : inSlot.length / exposures.length, ...outcomeOf(inSlot) };
    }),
    blindSpots: blindSpots(catalog, satisfactionEvents, shownCount, meanExposures * LOW_EXPOSURE_SHARE),
    neverShown: neverShown(catalog, exposures),
    holdoutConvertsBetter: byConsentLevel.filter((level) => {
      const conversion = level.lift.find((l) => l.metric === 'CONVERSION');
      return conversion !== undefined && conversion.holdout > conversion.personalized;
    }),
  };
}

function blindSpots(catalog: CatalogIndex, events: readonly StoredEvent[], shownCount: Map<string, number>, lowExposure: number): BlindSpot[] {
  const purchases = new Map<string, Map<string, number>>();
  const highRatings = new Map<string, number>();
  const dismissals = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const e of events) {
    if (!e.itemId || !catalog.byId.has(e.itemId)) continue;
    if (e.type === 'PURCHASE') {
      const buyers = purchases.get(e.itemId) ?? new Map<string, number>();
      bump(buyers, e.customerId);
      purchases.set(e.itemId, buyers);
    } else if (e.type === 'RATING' && Number(e.value) >= 4) bump(highRatings, e.itemId);
    else if (e.type === 'DISMISS') bump(dismissals, e.itemId);
  }
  const items = new Set([...purchases.keys(), ...highRatings.keys()]);
  return [...items]
    .map((itemId) => {
      const item = catalog.byId.get(itemId)!;
      const repeatBuyers = [...(purchases.get(itemId)?.values() ?? [])].filter((n) => n >= 2).length;
      const high = highRatings.get(itemId) ?? 0;
      const dismissed = dismissals.get(itemId) ?? 0;
      return {
        itemId,
        title: item.title,
        category: item.category,
        repeatBuyers,
        highRatings: high,
        dismissals: dismissed,
        satisfaction: repeatBuyers + high - dismissed,
        exposures: shownCount.get(itemId) ?? 0,
      };
    })
    .filter((b) => b.satisfaction >= MIN_SATISFACTION && b.exposures < lowExposure)
    .sort((a, b) => b.satisfaction - a.satisfaction || a.exposures - b.exposures || (a.itemId < b.itemId ? -1 : 1))
    .slice(0, MAX_BLIND_SPOTS);
}

function neverShown(catalog: CatalogIndex, exposures: readonly AttributedExposure[]): SegmentGap[] {
  const segments = new Map<string, { customers: Set<string>; categories: Set<string> }>();
  for (const e of exposures) {
    const s = segments.get(e.consentLevel) ?? { customers: new Set<string>(), categories: new Set<string>() };
    s.customers.add(e.customerId);
    s.categories.add(e.category);
    segments.set(e.consentLevel, s);
  }
  return [...segments.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([segment, s]) => ({
      segment,
      customers: s.customers.size,
      categoriesNeverShown: catalog.categories.filter((c) => !s.categories.has(c)),
    }));
}
