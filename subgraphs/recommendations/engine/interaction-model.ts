/**
 * What recommendations learn from the interactions of customers who granted `model.training`:
 * item-to-item co-occurrence, per-item recency (for "trending") and segment popularity.
 *
 * The state is a pure function of each customer's window (their WINDOW most recent distinct
 * items), so it is updated incrementally and exactly: learning swaps a customer's old window for
 * the new one, forgetting subtracts their window. `snapshot()` of a model that forgot someone
 * equals that of a model built from scratch without them.
 */

export interface Interaction {
  customerId: string;
  itemId: string;
  /** The first-party channel it happened on ("web", "app", …): the device segment. */
  channel: string;
  /** The shop locale ("de-DE"), when known: the locale segment. */
  locale?: string | null;
  occurredAt: string;
}

interface Entry {
  itemId: string;
  lastAt: string;
  channel: string;
  locale: string | null;
}

/** Distinct items per customer that count; bounds learning and unlearning cost to WINDOW². */
export const WINDOW = 100;
const DAY_MS = 86_400_000;
/** How many customers of a segment must have had an item before it is popular there. */
export const MIN_SEGMENT_CUSTOMERS = 3;
const MAX_CUSTOMERS_PER_ITEM = 300;

export class InteractionModel {
  /** Every distinct item per customer, latest occurrence (the window is derived from it). */
  private readonly histories = new Map<string, Map<string, Entry>>();
  private readonly windows = new Map<string, Entry[]>();
  private readonly pairs = new Map<string, Map<string, number>>();
  /** item → customer → last interaction time, for customers with the item in their window. */
  private readonly itemCustomers = new Map<string, Map<string, string>>();
  private readonly segments = new Map<string, Map<string, number>>();
  private readonly cache = new Map<string, unknown>();
  /** Changes on every update: what caches and decision logs key on. */
  version = 0;

  static fromInteractions(interactions: Iterable<Interaction>): InteractionModel {
    const model = new InteractionModel();
    model.learn([...interactions]);
    return model;
  }

  learn(interactions: Interaction[]): void {
    const byCustomer = new Map<string, Interaction[]>();
    for (const i of interactions) byCustomer.set(i.customerId, [...(byCustomer.get(i.customerId) ?? []), i]);
    for (const [customerId, list] of byCustomer) {
      const history = this.histories.get(customerId) ?? new Map<string, Entry>();
      for (const i of list) {
        const known = history.get(i.itemId);
        if (!known || isLater(i, known))
          history.set(i.itemId, { itemId: i.itemId, lastAt: i.occurredAt, channel: i.channel, locale: i.locale ?? null });
      }
      this.histories.set(customerId, history);
      this.replaceWindow(customerId, windowOf(history));
    }
    this.touch();
  }

  /** Removes one customer's whole contribution; returns how many distinct items they had. */
  forget(customerId: string): number {
    const history = this.histories.get(customerId);
    if (!history) return 0;
    this.replaceWindow(customerId, []);
    this.histories.delete(customerId);
    this.touch();
    return history.size;
  }

  has(customerId: string): boolean {
    return this.histories.has(customerId);
  }

  get customerCount(): number {
    return this.histories.size;
  }

  /** Customers who had both items, over the geometric mean of each item's customers (cosine). */
  similarity(a: string, b: string): number {
    const both = this.pairs.get(a)?.get(b) ?? 0;
    if (both === 0) return 0;
    return both / Math.sqrt(this.customersOf(a) * this.customersOf(b));
  }

  /** The k items most often had together with `itemId`, strongest first (cached per version). */
  neighbours(itemId: string, k: number): [string, number][] {
    return this.cached(`n|${itemId}|${k}`, () =>
      [...(this.pairs.get(itemId)?.keys() ?? [])]
        .map((other): [string, number] => [other, this.similarity(itemId, other)])
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, k),
    );
  }

  /**
   * Customers who had the most of `itemIds` in their window (how many, over the square root of
   * their window's size), strongest first, with their windows' items. At most
   * MAX_CUSTOMERS_PER_ITEM customers are looked at per item, so a best-seller costs no more.
   */
  neighbourCustomers(itemIds: readonly string[], k: number): { similarity: number; items: string[] }[] {
    const overlap = new Map<string, number>();
    for (const id of itemIds) {
      let n = 0;
      for (const customer of this.itemCustomers.get(id)?.keys() ?? []) {
        if ((n += 1) > MAX_CUSTOMERS_PER_ITEM) break;
        overlap.set(customer, (overlap.get(customer) ?? 0) + 1);
      }
    }
    return [...overlap]
      .map(([customer, shared]): [string, number] => [customer, shared / Math.sqrt(this.windows.get(customer)?.length ?? 1)])
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, k)
      .map(([customer, similarity]) => ({ similarity, items: (this.windows.get(customer) ?? []).map((e) => e.itemId) }));
  }

  /** Category-to-category co-occurrence, normalized per source category (rows sum to 1). */
  categoryAdjacency(categoryOf: (itemId: string) => string | undefined): Map<string, Map<string, number>> {
    return this.cached('adjacency', () => {
      const raw = new Map<string, Map<string, number>>();
      for (const [a, row] of this.pairs) {
        const ca = categoryOf(a);
        if (!ca) continue;
        for (const [b, count] of row) {
          const cb = categoryOf(b);
          if (!cb || cb === ca) continue;
          const r = raw.get(ca) ?? new Map<string, number>();
          r.set(cb, (r.get(cb) ?? 0) + count);
          raw.set(ca, r);
        }
      }
      for (const row of raw.values()) {
        const total = [...row.values()].reduce((s, n) => s + n, 0);
        for (const [k, n] of row) row.set(k, n / total);
      }
      return raw;
    });
  }

  /**
   * Recency-weighted number of recent customers per item (half-life in days), relative to the most
   * trending of the given items (0..1). Cached per item set and instant, so pass a stable `now`.
   */
  trending(setKey: string, itemIds: string[], now: Date, halfLifeDays: number): Map<string, number> {
    return this.cached(`t|${setKey}|${now.getTime()}|${halfLifeDays}`, () => {
      const scores = new Map<string, number>();
      for (const id of itemIds) {
        let sum = 0;
        for (const at of this.itemCustomers.get(id)?.values() ?? [])
          sum += 0.5 ** (Math.max(0, now.getTime() - Date.parse(at)) / DAY_MS / halfLifeDays);
        if (sum > 0) scores.set(id, sum);
      }
      return normalized(scores);
    });
  }

  /** How popular each item is within a segment, relative to that segment's most popular item (0..1). */
  segmentPopularity(segment: string): Map<string, number> {
    return this.cached(`s|${segment}`, () => {
      // An item counts only once enough customers of the segment had it: a small segment (a rare
      // locale) must not show anyone what one or two identifiable customers did.
      const counts = [...(this.segments.get(segment) ?? new Map<string, number>())].filter(([, customers]) => customers >= MIN_SEGMENT_CUSTOMERS);
      return normalized(new Map(counts));
    });
  }

  /** A canonical, comparable copy of the whole learned state. */
  snapshot(): string {
    const sorted = <V>(m: Map<string, V>, f: (v: V) => unknown) => [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, f(v)]);
    return JSON.stringify({
      windows: sorted(this.windows, (w) => [...w].sort((a, b) => (a.itemId < b.itemId ? -1 : 1))),
      pairs: sorted(this.pairs, (row) => sorted(row, (n) => n)),
      itemCustomers: sorted(this.itemCustomers, (row) => sorted(row, (at) => at)),
      segments: sorted(this.segments, (row) => sorted(row, (n) => n)),
    });
  }

  private customersOf(itemId: string): number {
    return this.itemCustomers.get(itemId)?.size ?? 0;
  }

  private replaceWindow(customerId: string, next: Entry[]): void {
    this.applyWindow(customerId, this.windows.get(customerId) ?? [], -1);
    this.applyWindow(customerId, next, +1);
    if (next.length > 0) this.windows.set(customerId, next);
    else this.windows.delete(customerId);
  }

  private applyWindow(customerId: string, window: Entry[], sign: 1 | -1): void {
    for (let i = 0; i < window.length; i += 1) {
      const a = window[i].itemId;
      for (let j = i + 1; j < window.length; j += 1) {
        const b = window[j].itemId;
        bump(this.pairs, a, b, sign);
        bump(this.pairs, b, a, sign);
      }
      for (const segment of segmentsOf(window[i])) bump(this.segments, segment, a, sign);
      const customers = this.itemCustomers.get(a) ?? new Map<string, string>();
      if (sign > 0) customers.set(customerId, window[i].lastAt);
      else customers.delete(customerId);
      if (customers.size > 0) this.itemCustomers.set(a, customers);
      else this.itemCustomers.delete(a);
    }
  }

  private cached<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  private touch(): void {
    this.version += 1;
    this.cache.clear();
  }
}

/** The segments an interaction counts for: its channel (device), the part of day (UTC) and its locale. */
export function segmentsOf(entry: { channel: string; lastAt: string; locale: string | null }): string[] {
  const segments = [`channel:${entry.channel}`, `daypart:${daypart(new Date(entry.lastAt))}`];
  if (entry.locale) segments.push(`locale:${entry.locale}`);
  return segments;
}

export function daypart(at: Date): string {
  const h = at.getUTCHours();
  return h < 6 ? 'night' : h < 12 ? 'morning' : h < 18 ? 'afternoon' : 'evening';
}

function normalized(scores: Map<string, number>): Map<string, number> {
  let max = 0;
  for (const v of scores.values()) max = Math.max(max, v);
  return new Map([...scores].map(([k, v]) => [k, v / max]));
}

function windowOf(history: Map<string, Entry>): Entry[] {
  return [...history.values()]
    .sort((a, b) => (a.lastAt === b.lastAt ? (a.itemId < b.itemId ? -1 : 1) : a.lastAt < b.lastAt ? 1 : -1))
    .slice(0, WINDOW);
}

function isLater(i: Interaction, known: Entry): boolean {
  return i.occurredAt > known.lastAt || (i.occurredAt === known.lastAt && i.channel < known.channel);
}

function bump(map: Map<string, Map<string, number>>, a: string, b: string, by: number): void {
  const row = map.get(a) ?? new Map<string, number>();
  const n = (row.get(b) ?? 0) + by;
  if (n === 0) row.delete(b);
  else row.set(b, n);
  if (row.size > 0) map.set(a, row);
  else map.delete(a);
}
