import type { Slot, Surface } from '../engine/types.js';
import type { LoggedDecision, StoredEvent } from './window-data.js';

/** One item shown in one decision, with what the customer did with it within the attribution window. */
export interface AttributedExposure {
  decisionId: string;
  customerId: string;
  itemId: string;
  rank: number;
  category: string;
  surface: Surface;
  slot: Slot;
  promoted: boolean;
  /** The overrides that placed or boosted it (their ids, from its PROMOTED contribution). */
  overrideIds: string[];
  holdout: boolean;
  consentLevel: string;
  clicked: boolean;
  addedToCart: boolean;
  purchases: number;
  revenue: number;
}

const ATTRIBUTED_TYPES = new Set(['VIEW', 'ADD_TO_CART', 'PURCHASE']);

/**
 * Attributes clicks (VIEW), add-to-carts and purchases to the decision and item they name: the
 * event must be the same customer's, name an item the decision showed, and happen between the
 * decision and `windowMs` after it. Only stored events are given here, so only what the
 * customer's consent allowed is counted (an event without its purpose granted was never stored).
 */
export function attribute(
  decisions: readonly LoggedDecision[],
  events: readonly StoredEvent[],
  windowMs: number,
  priceOf: (itemId: string) => number,
): AttributedExposure[] {
  const exposures = new Map<string, AttributedExposure>();
  const decisionsById = new Map<string, LoggedDecision>();
  for (const d of decisions) {
    decisionsById.set(d.decisionId, d);
    for (const item of d.items) {
      exposures.set(key(d.decisionId, item.itemId), {
        decisionId: d.decisionId,
        customerId: d.customerId,
        itemId: item.itemId,
        rank: item.rank,
        category: item.category,
        surface: d.surface,
        slot: item.slot,
        promoted: item.promotedBy.length > 0,
        overrideIds: item.promotedBy,
        holdout: d.holdout,
        consentLevel: d.consentLevel,
        clicked: false,
        addedToCart: false,
        purchases: 0,
        revenue: 0,
      });
    }
  }
  for (const e of events) {
    if (!e.decisionId || !e.itemId || !ATTRIBUTED_TYPES.has(e.type)) continue;
    const decision = decisionsById.get(e.decisionId);
    const exposure = exposures.get(key(e.decisionId, e.itemId));
    if (!decision || !exposure || decision.customerId !== e.customerId) continue;
    const elapsed = Date.parse(e.occurredAt) - Date.parse(decision.createdAt);
    if (elapsed < 0 || elapsed > windowMs) continue;
    if (e.type === 'VIEW') exposure.clicked = true;
    else if (e.type === 'ADD_TO_CART') exposure.addedToCart = true;
    else {
      exposure.purchases += 1;
      exposure.revenue += priceOf(e.itemId);
    }
  }
  return [...exposures.values()];
}

function key(decisionId: string, itemId: string): string {
  return `${decisionId}\n${itemId}`;
}
