import { eventSignals, statedSignals, EVENT_SIGNALS } from '../../subgraphs/profile/services/signal-builder.js';
import type { EventType } from '../../subgraphs/profile/entities/event.entity.js';
import type { StatedPreferenceRecord } from '../../subgraphs/profile/entities/stated-preference.entity.js';
import { CatalogIndex } from '../../subgraphs/recommendations/engine/catalog-index.js';
import { InteractionModel } from '../../subgraphs/recommendations/engine/interaction-model.js';
import { recommend } from '../../subgraphs/recommendations/engine/recommend.js';
import type { CatalogItem, RequestContext } from '../../subgraphs/recommendations/engine/types.js';
import type { Weights } from '../../subgraphs/recommendations/engine/weights.js';
import { gateSignals } from '../../subgraphs/shared/gate.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { isTrainable } from '../../subgraphs/shared/trainable.js';
import { Resamples, type Interval } from './bootstrap.js';
import type { Dataset, EventLine } from './dataset.js';
import { intraListDiversity, ndcgAt, novelty, recallAt } from './metrics.js';

export const K = 10;
const HELD_OUT_SHARE = 0.2;
const MIN_EVENTS = 5;
/** Events closer together than this belong to one visit. */
const VISIT_GAP_MS = 30 * 60_000;
/** This visit's most recent items that the request carries. */
const VISIT_ITEMS = 3;
const RESAMPLES = 1000;

export const METRICS = ['ndcg', 'recall', 'coverage', 'novelty', 'diversity'] as const;
export type Metric = (typeof METRICS)[number];

export interface Row {
  name: string;
  metrics: Record<Metric, Interval>;
  /** NDCG@10 per customer (the same customers, in the same order, in every row): for paired comparisons. */
  ndcgPerCustomer: number[];
  /** Paired with the contextual row on the same customers: the difference, and NDCG@10 as a multiple of contextual's. */
  vsContextual: { ndcg: Interval; ndcgRatio: Interval; diversity: Interval; coverage: Interval } | null;
}

export interface RowSpec {
  name: string;
  /** The purposes granted (each row passes the customer's stored signals through the real gate); null: global top-K. */
  granted: string[] | null;
}

/** The consent levels compared. */
export const ROWS: RowSpec[] = [
  { name: 'popularity baseline', granted: null },
  { name: 'contextual', granted: [] },
  { name: 'stated only', granted: [Purpose.STATED] },
  { name: 'stated + behavioral', granted: [Purpose.STATED, Purpose.BEHAVIORAL] },
  { name: 'all purposes', granted: [Purpose.STATED, Purpose.BEHAVIORAL, Purpose.PURCHASE, Purpose.MODEL_TRAINING] },
];

export interface EvaluateOptions {
  rows?: RowSpec[];
  weights?: Weights;
  /**
   * Tuning: drop each customer's test part and hold out the last share of what is left instead
   * (the validation split), so weights are never chosen on the items the evaluation reports.
   */
  validation?: boolean;
  resamples?: number;
}

interface Split {
  customerId: string;
  train: EventLine[];
  relevant: Set<string>;
}

/**
 * Time split per customer (the last 20% of their events held out), training on the rest, then the
 * engine's own `recommend` per consent level, every row on the same request context: this visit's
 * items only (the customer's last training events within one visit), never their stored history.
 * Relevant items are the held-out positive interactions (views, carts, purchases, ratings of 4 or
 * 5 stars); dismissals and low ratings are not. Intervals bootstrap over customers.
 */
export function evaluate(dataset: Dataset, options: EvaluateOptions = {}): { rows: Row[]; customers: number } {
  let splits = splitByTime(dataset.events.filter((e) => e.type in EVENT_SIGNALS));
  if (options.validation) splits = splitByTime(splits.flatMap((s) => s.train));
  const train = splits.flatMap((s) => s.train);
  splits = splits.filter((s) => s.relevant.size > 0);
  const customersPerItem = countCustomers(train);
  const catalog = new CatalogIndex(dataset.catalog.map((c) => toCatalogItem(c, customersPerItem)));
  const model = InteractionModel.fromInteractions(
    train
      .filter((e) => isTrainable({ ...e, value: e.value ?? null }))
      .map((e) => ({ customerId: e.customerId, itemId: e.itemId, channel: 'web', occurredAt: e.occurredAt })),
  );
  const features = new Map(dataset.catalog.map((c) => [c.id, new Set([`c:${c.category}`, `b:${c.brand}`, ...c.attributes.map((a) => `a:${a}`)])]));
  const statedBy = groupBy(dataset.stated, (s) => s.customerId);
  const requests = splits.map((split) => {
    const now = new Date(split.train.at(-1)!.occurredAt);
    const stored = [...statedSignals(toPreferences(statedBy.get(split.customerId) ?? [], now)), ...eventSignals(toEvents(split.train), now)];
    return { now, stored, context: visitContext(split, catalog) };
  });
  const popular = catalog.byPopularity.slice(0, K).map((i) => i.id);

  const resamples = new Resamples(splits.length, options.resamples ?? RESAMPLES, 20261202);
  const itemIndex = new Map(dataset.catalog.map((c, i) => [c.id, i]));
  // `recommend` is deterministic: rows granting the same purposes get the same lists.
  const listsByGrant = new Map<string, string[][]>();
  const listsFor = (granted: string[]) =>
    requests.map(({ now, stored, context }) => {
      const signals = gateSignals(granted, stored);
      return recommend({ catalog, signals, context, first: K, model, now, weights: options.weights }).items.map((i) => i.itemId);
    });
  const perRow = (options.rows ?? ROWS).map(({ name, granted }) => {
    const key = JSON.stringify(granted);
    if (granted !== null && !listsByGrant.has(key)) listsByGrant.set(key, listsFor(granted));
    const lists = granted === null ? requests.map(() => popular) : listsByGrant.get(key)!;
    const values = {
      ndcg: lists.map((l, i) => ndcgAt(K, l, splits[i].relevant)),
      recall: lists.map((l, i) => recallAt(K, l, splits[i].relevant)),
      novelty: lists.map((l) => novelty(l, customersPerItem, splits.length)),
      diversity: lists.map((l) => intraListDiversity(l, features)),
    };
    return { name, lists: lists.map((l) => l.map((id) => itemIndex.get(id) ?? -1)), values };
  });

  const coverageOf = (lists: number[][]) => {
    const stamp = new Uint32Array(itemIndex.size);
    let round = 0;
    return (draw: ArrayLike<number>) => {
      round += 1;
      let distinct = 0;
      for (let i = 0; i < draw.length; i += 1) {
        for (const item of lists[draw[i]]) {
          if (item >= 0 && stamp[item] !== round) {
            stamp[item] = round;
            distinct += 1;
          }
        }
      }
      return distinct / catalog.size;
    };
  };
  const contextual = perRow.find((r) => r.name === 'contextual');
  const rows = perRow.map((r): Row => {
    const coverage = coverageOf(r.lists);
    const metrics = {
      ndcg: resamples.mean(r.values.ndcg),
      recall: resamples.mean(r.values.recall),
      coverage: resamples.interval(coverage, true),
      novelty: resamples.mean(r.values.novelty),
      diversity: resamples.mean(r.values.diversity),
    };
    if (!contextual || r === contextual) return { name: r.name, metrics, ndcgPerCustomer: r.values.ndcg, vsContextual: null };
    const contextualCoverage = coverageOf(contextual.lists);
    return {
      name: r.name,
      metrics,
      ndcgPerCustomer: r.values.ndcg,
      vsContextual: {
        ndcg: resamples.difference(r.values.ndcg, contextual.values.ndcg),
        ndcgRatio: resamples.ratio(r.values.ndcg, contextual.values.ndcg),
        diversity: resamples.difference(r.values.diversity, contextual.values.diversity),
        coverage: resamples.interval((draw) => coverage(draw) - contextualCoverage(draw), true),
      },
    };
  });
  return { rows, customers: splits.length };
}

export function formatTable(rows: Row[]): string {
  const f = (i: Interval, digits = 4) => `${i.mean.toFixed(digits)} [${i.low.toFixed(digits)}, ${i.high.toFixed(digits)}]`;
  const header = [
    '| row | NDCG@10 | NDCG@10 ÷ contextual | recall@10 | coverage | novelty | intra-list diversity |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const line = (r: Row) =>
    `| ${r.name} | ${f(r.metrics.ndcg)} | ${r.vsContextual ? f(r.vsContextual.ndcgRatio, 2) : '—'} | ${f(r.metrics.recall)} | ${f(r.metrics.coverage, 3)} | ${f(r.metrics.novelty, 2)} | ${f(r.metrics.diversity, 3)} |`;
  return [...header, ...rows.map(line)].join('\n');
}

function splitByTime(events: EventLine[]): Split[] {
  return [...groupBy(events, (e) => e.customerId)]
    .filter(([, list]) => list.length >= MIN_EVENTS)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([customerId, list]) => {
      const sorted = [...list].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
      const cut = sorted.length - Math.max(1, Math.ceil(sorted.length * HELD_OUT_SHARE));
      const relevant = sorted.slice(cut).filter((e) => isTrainable({ ...e, value: e.value ?? null }));
      return { customerId, train: sorted.slice(0, cut), relevant: new Set(relevant.map((e) => e.itemId)) };
    });
}

/** What the site knows in the request: this visit's items (the last ones within one visit) and the page of the last. */
function visitContext(split: Split, catalog: CatalogIndex): RequestContext {
  const visit = [split.train.at(-1)!];
  for (let i = split.train.length - 2; i >= 0; i -= 1) {
    if (Date.parse(visit[0].occurredAt) - Date.parse(split.train[i].occurredAt) > VISIT_GAP_MS) break;
    visit.unshift(split.train[i]);
  }
  const viewed = [...new Set(visit.map((e) => e.itemId).reverse())]
    .filter((id) => catalog.byId.has(id))
    .slice(0, VISIT_ITEMS)
    .reverse();
  return {
    surface: 'PRODUCT_PAGE',
    device: null,
    locale: null,
    pageCategory: catalog.byId.get(visit.at(-1)!.itemId)?.category ?? null,
    viewedItemIds: viewed,
  };
}

function toCatalogItem(c: Dataset['catalog'][number], customersPerItem: Map<string, number>): CatalogItem {
  const max = Math.max(1, ...customersPerItem.values());
  return { ...c, durable: c.durable ?? false, popularity: Math.round(((customersPerItem.get(c.id) ?? 0) / max) * 1000) / 1000 };
}

function toEvents(events: EventLine[]) {
  return events.map((e) => ({
    type: e.type as EventType,
    itemId: e.itemId,
    value: e.value ?? null,
    purpose: EVENT_SIGNALS[e.type as EventType].purpose,
    noticeVersion: 1,
    occurredAt: e.occurredAt,
  }));
}

function toPreferences(lines: Dataset['stated'], now: Date): StatedPreferenceRecord[] {
  return lines.map((s, i) => ({
    id: `stated-${i}`,
    customerId: s.customerId,
    kind: s.kind,
    value: s.value.toLowerCase(),
    sentiment: s.sentiment,
    weight: 1,
    noticeVersion: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  })) as StatedPreferenceRecord[];
}

function countCustomers(events: EventLine[]): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const e of events) seen.set(e.itemId, (seen.get(e.itemId) ?? new Set()).add(e.customerId));
  return new Map([...seen].map(([id, customers]) => [id, customers.size]));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
