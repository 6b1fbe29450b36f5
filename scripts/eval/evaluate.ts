import { eventSignals, statedSignals, EVENT_SIGNALS } from '../../subgraphs/profile/services/signal-builder.js';
import type { EventType } from '../../subgraphs/profile/entities/event.entity.js';
import type { StatedPreferenceRecord } from '../../subgraphs/profile/entities/stated-preference.entity.js';
import { CatalogIndex } from '../../subgraphs/recommendations/engine/catalog-index.js';
import { InteractionModel } from '../../subgraphs/recommendations/engine/interaction-model.js';
import { recommend } from '../../subgraphs/recommendations/engine/recommend.js';
import type { CatalogItem, RequestContext } from '../../subgraphs/recommendations/engine/types.js';
import { gateSignals } from '../../subgraphs/shared/gate.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { isTrainable } from '../../subgraphs/shared/trainable.js';
import type { Dataset, EventLine } from './dataset.js';
import { intraListDiversity, mean, ndcgAt, novelty, recallAt } from './metrics.js';

export const K = 10;
const HELD_OUT_SHARE = 0.2;
const MIN_EVENTS = 5;

export interface Row {
  name: string;
  ndcg: number;
  recall: number;
  coverage: number;
  novelty: number;
  diversity: number;
}

/** The consent levels compared; each personalized row passes its signals through the real gate. */
const ROWS: { name: string; granted: string[] | null }[] = [
  { name: 'popularity baseline', granted: null },
  { name: 'contextual', granted: [] },
  { name: 'stated only', granted: [Purpose.STATED] },
  { name: 'stated + behavioral', granted: [Purpose.STATED, Purpose.BEHAVIORAL] },
  { name: 'all purposes', granted: [Purpose.STATED, Purpose.BEHAVIORAL, Purpose.PURCHASE, Purpose.MODEL_TRAINING] },
];

interface Split {
  customerId: string;
  train: EventLine[];
  relevant: Set<string>;
}

/**
 * Time split per customer (the last 20% of their events held out), training on the rest, then the
 * engine's own `recommend` per consent level. No second scoring implementation.
 */
export function evaluate(dataset: Dataset): { rows: Row[]; customers: number } {
  const splits = splitByTime(dataset.events.filter((e) => e.type in EVENT_SIGNALS));
  const train = splits.flatMap((s) => s.train);
  const customersPerItem = countCustomers(train);
  const catalog = new CatalogIndex(dataset.catalog.map((c) => toCatalogItem(c, customersPerItem)));
  const model = InteractionModel.fromInteractions(
    train
      .filter((e) => isTrainable({ ...e, value: null }))
      .map((e) => ({ customerId: e.customerId, itemId: e.itemId, channel: 'web', occurredAt: e.occurredAt })),
  );
  const features = new Map(dataset.catalog.map((c) => [c.id, new Set([`c:${c.category}`, `b:${c.brand}`, ...c.attributes.map((a) => `a:${a}`)])]));
  const statedBy = groupBy(dataset.stated, (s) => s.customerId);

  const rows = ROWS.map(({ name, granted }) => {
    const lists = splits.map((split) => {
      if (granted === null) return { list: catalog.byPopularity.slice(0, K).map((i) => i.id), relevant: split.relevant };
      const now = new Date(split.train.at(-1)!.occurredAt);
      const stored = [...statedSignals(toPreferences(statedBy.get(split.customerId) ?? [], now)), ...eventSignals(toEvents(split.train), now)];
      const signals = gateSignals(granted, stored);
      const items = recommend({ catalog, signals, context: contextOf(split, catalog), first: K, model, now }).items;
      return { list: items.map((i) => i.itemId), relevant: split.relevant };
    });
    return {
      name,
      ndcg: mean(lists.map((l) => ndcgAt(K, l.list, l.relevant))),
      recall: mean(lists.map((l) => recallAt(K, l.list, l.relevant))),
      coverage: new Set(lists.flatMap((l) => l.list)).size / catalog.size,
      novelty: mean(lists.map((l) => novelty(l.list, customersPerItem, splits.length))),
      diversity: mean(lists.map((l) => intraListDiversity(l.list, features))),
    };
  });
  return { rows, customers: splits.length };
}

export function formatTable(rows: Row[]): string {
  const header = '| row | NDCG@10 | recall@10 | coverage | novelty | intra-list diversity |\n| --- | ---: | ---: | ---: | ---: | ---: |';
  const f = (n: number) => n.toFixed(4);
  return [header, ...rows.map((r) => `| ${r.name} | ${f(r.ndcg)} | ${f(r.recall)} | ${f(r.coverage)} | ${f(r.novelty)} | ${f(r.diversity)} |`)].join(
    '\n',
  );
}

function splitByTime(events: EventLine[]): Split[] {
  return [...groupBy(events, (e) => e.customerId)]
    .filter(([, list]) => list.length >= MIN_EVENTS)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([customerId, list]) => {
      const sorted = [...list].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
      const cut = sorted.length - Math.max(1, Math.ceil(sorted.length * HELD_OUT_SHARE));
      return { customerId, train: sorted.slice(0, cut), relevant: new Set(sorted.slice(cut).map((e) => e.itemId)) };
    });
}

/** What the site knows in the request: the page of the last item looked at and this visit's last items. */
function contextOf(split: Split, catalog: CatalogIndex): RequestContext {
  const recent = [...new Set(split.train.slice(-3).map((e) => e.itemId))].filter((id) => catalog.byId.has(id));
  return {
    surface: 'PRODUCT_PAGE',
    device: null,
    locale: null,
    pageCategory: catalog.byId.get(split.train.at(-1)!.itemId)?.category ?? null,
    viewedItemIds: recent,
  };
}

function toCatalogItem(c: Dataset['catalog'][number], customersPerItem: Map<string, number>): CatalogItem {
  const max = Math.max(1, ...customersPerItem.values());
  return { ...c, durable: false, popularity: Math.round(((customersPerItem.get(c.id) ?? 0) / max) * 1000) / 1000 };
}

function toEvents(events: EventLine[]) {
  return events.map((e) => ({
    type: e.type as EventType,
    itemId: e.itemId,
    value: e.type === 'RATING' ? '5' : null,
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
