import { EventRecord } from '../../subgraphs/profile/entities/event.entity.js';
import { CatalogItemRecord } from '../../subgraphs/recommendations/entities/catalog-item.entity.js';
import { DecisionRecord } from '../../subgraphs/recommendations/entities/decision.entity.js';
import type { TestStack } from './stack.js';

/** One shown item and what happened to it, computed here straight from the stored rows (not by the service). */
export interface ReferenceExposure {
  decision: DecisionRecord;
  itemId: string;
  rank: number;
  slot: string;
  category: string;
  promoted: boolean;
  promotedBy: string[];
  clicked: boolean;
  carted: boolean;
  purchases: number;
  revenue: number;
}

export interface StoredRows {
  decisions: DecisionRecord[];
  events: EventRecord[];
  catalog: CatalogItemRecord[];
}

export async function storedRows(stack: TestStack): Promise<StoredRows> {
  const recommendations = stack.subgraphs.recommendations.dataSource;
  return {
    decisions: await recommendations.getRepository(DecisionRecord).find(),
    events: await stack.subgraphs.profile.dataSource.getRepository(EventRecord).find(),
    catalog: await recommendations.getRepository(CatalogItemRecord).find(),
  };
}

/** Signed-in customers' lists decided in [from, to); events naming them count within `windowMs` after each. */
export function referenceExposures(rows: StoredRows, window: { from: string; to: string }, windowMs: number): ReferenceExposure[] {
  const prices = new Map(rows.catalog.map((i) => [i.id, i.price]));
  const inWindow = rows.decisions.filter((d) => d.customerId && d.createdAt >= window.from && d.createdAt < window.to);
  const exposures = new Map<string, ReferenceExposure>();
  for (const decision of inWindow) {
    for (const item of decision.items) {
      exposures.set(`${decision.decisionId}/${item.itemId}`, {
        decision,
        itemId: item.itemId,
        rank: item.rank,
        slot: item.slot,
        category: item.category,
        promoted: item.promoted,
        promotedBy: item.contributions.filter((c) => c.source === 'PROMOTED').flatMap((c) => c.evidence),
        clicked: false,
        carted: false,
        purchases: 0,
        revenue: 0,
      });
    }
  }
  for (const e of rows.events) {
    const exposure = exposures.get(`${e.decisionId}/${e.itemId}`);
    if (!exposure || exposure.decision.customerId !== e.customerId) continue;
    const elapsed = Date.parse(e.occurredAt) - Date.parse(exposure.decision.createdAt);
    if (elapsed < 0 || elapsed > windowMs) continue;
    if (e.type === 'VIEW') exposure.clicked = true;
    if (e.type === 'ADD_TO_CART') exposure.carted = true;
    if (e.type === 'PURCHASE') {
      exposure.purchases += 1;
      exposure.revenue += prices.get(e.itemId!)!;
    }
  }
  return [...exposures.values()];
}
