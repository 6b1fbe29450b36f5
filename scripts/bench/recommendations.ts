import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { generateDemoData } from '../demo/generate.js';
import { CatalogIndex } from '../../subgraphs/recommendations/engine/catalog-index.js';
import { InteractionModel, type Interaction } from '../../subgraphs/recommendations/engine/interaction-model.js';
import { recommend } from '../../subgraphs/recommendations/engine/recommend.js';
import type { RequestContext } from '../../subgraphs/recommendations/engine/types.js';
import type { GatedSignal } from '../../subgraphs/shared/gate.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';

/**
 * `npm run bench:recs`: one in-process decision on a 10,000-item catalog with about 500 candidates
 * (target p99 < 2 ms), and unlearning one customer with 1,000 events (target < 100 ms).
 */
const DECISIONS = 2000;
const WARMUP = 200;
const data = generateDemoData({ items: 10_000, customers: 1 });
const catalog = new CatalogIndex(data.catalog);
const now = new Date('2026-11-01T12:00:00.000Z');
const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

// A trained model: 2,000 customers with 40 interactions each, clustered by category.
const interactions: Interaction[] = [];
for (let c = 0; c < 2000; c += 1) {
  const categories = [catalog.categories[c % 30], catalog.categories[(c * 7) % 30]];
  for (let k = 0; k < 40; k += 1) {
    const items = catalog.byCategory.get(categories[k % 2])!;
    interactions.push({
      customerId: `c${c}`,
      itemId: items[(c * 13 + k * 17) % items.length].id,
      channel: k % 3 ? 'web' : 'app',
      occurredAt: at(c + k * 60),
    });
  }
}
const model = InteractionModel.fromInteractions(interactions);

// A customer with stated likes, browsing and purchases across several categories.
const signal = (kind: string, value: string, purpose: GatedSignal['purpose'], weight = 1): GatedSignal => ({
  kind,
  value,
  weight,
  occurredAt: at(60),
  purpose,
  noticeVersion: 1,
  evidenceId: null,
});
const signals: GatedSignal[] = [
  signal('LIKE_CATEGORY', catalog.categories[0], Purpose.STATED),
  signal('LIKE_CATEGORY', catalog.categories[5], Purpose.STATED),
  signal('LIKE_BRAND', catalog.brands[0], Purpose.STATED),
  signal('LIKE_ATTRIBUTE', 'waterproof', Purpose.STATED),
  signal('LIKE_PRICE_RANGE', '50-150', Purpose.STATED),
  signal('NEVER_CATEGORY', catalog.categories[9], Purpose.STATED),
  ...catalog.byCategory
    .get(catalog.categories[12])!
    .slice(0, 15)
    .map((i, k) => signal('VIEWED_ITEM', i.id, Purpose.BEHAVIORAL, 1 + (k % 3))),
  ...catalog.byCategory
    .get(catalog.categories[20])!
    .slice(0, 5)
    .map((i) => signal('PURCHASED_ITEM', i.id, Purpose.PURCHASE, 5)),
];
const context: RequestContext = {
  surface: 'PRODUCT_PAGE',
  device: 'mobile',
  locale: 'en-GB',
  pageCategory: catalog.categories[3],
  viewedItemIds: catalog.byCategory
    .get(catalog.categories[3])!
    .slice(0, 3)
    .map((i) => i.id),
};
const input = { catalog, signals, context, first: 10, model, now };

let candidates = 0;
for (let i = 0; i < WARMUP; i += 1) candidates = recommend(input).candidates.considered;
const times: number[] = [];
for (let i = 0; i < DECISIONS; i += 1) {
  const started = performance.now();
  recommend(input);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(3);
console.log(
  `decision: ${catalog.size} items, ${candidates} candidates scored, ${DECISIONS} runs: p50 ${pct(50)} ms, p99 ${pct(99)} ms (target p99 < 2 ms)`,
);

// Unlearning: one customer with 1,000 events over 1,000 distinct items, forgotten by exact decrement.
const heavy = Array.from({ length: 1000 }, (_, k): Interaction => ({
  customerId: 'heavy',
  itemId: data.catalog[(k * 7) % data.catalog.length].id,
  channel: 'web',
  occurredAt: at(k),
}));
const unlearn: number[] = [];
for (let run = 0; run < 20; run += 1) {
  model.learn(heavy);
  const started = performance.now();
  model.forget('heavy');
  unlearn.push(performance.now() - started);
}
unlearn.sort((a, b) => a - b);
console.log(
  `unlearning one customer with 1,000 events: median ${unlearn[10].toFixed(2)} ms, worst ${unlearn.at(-1)!.toFixed(2)} ms of 20 (target < 100 ms)`,
);
