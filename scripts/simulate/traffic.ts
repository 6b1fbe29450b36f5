import { createHash } from 'node:crypto';
import type { ManualClock } from '../../subgraphs/shared/clock.js';
import type { DemoData } from '../demo/generate.js';

export interface TrafficOptions {
  gatewayUrl: string;
  /** The stack's clock: the simulator moves it through the simulated days. */
  clock: ManualClock;
  /** The demo data the stack was seeded with (who the customers are, what the catalog holds). */
  demo: DemoData;
  days: number;
  seed: number;
  /** The first simulated day (midnight UTC). */
  start: Date;
  /** A merchandiser's token: the simulator also runs a few overrides. */
  merchandiserToken: string;
  /**
   * Waits until what the last events teach has been learned (the stack relays it to the model
   * asynchronously); without it the next list may or may not see it, and runs may differ a little.
   */
  settle?: () => Promise<void>;
}

export interface TrafficSummary {
  days: number;
  customers: number;
  visits: number;
  lists: number;
  events: Record<string, number>;
  accepted: number;
  dropped: number;
  overrides: number;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const SURFACES = ['HOME', 'PRODUCT_PAGE', 'EMAIL'] as const;
const LIST = /* GraphQL */ `
  query SimulatedList($context: ContextInput, $first: Int) {
    me {
      recommendations(context: $context, first: $first) {
        decisionId
        items {
          itemId
        }
      }
    }
  }
`;
const RECORD = 'mutation SimulatedEvents($events: [EventInput!]!) { recordEvents(events: $events) { accepted dropped } }';
const CREATE = 'mutation SimulatedOverride($input: OverrideInput!) { createOverride(input: $input) { id } }';
const END = 'mutation SimulatedEnd($id: ID!) { endOverride(id: $id) { id } }';

/** Planted taste: how likely a customer is to click an item, by whether its category is a favourite. */
const CLICK = { favourite: 0.22, other: 0.025 };
const CART_AFTER_CLICK = 0.35;
const PURCHASE_AFTER_CART = 0.55;
const RATE_AFTER_PURCHASE = 0.3;
const DISMISS_UNLIKED = 0.01;
const VISIT_PER_DAY = 0.5;

/**
 * Simulated customers using the shop through the gateway, one visit at a time in simulated time:
 * lists on home, product page and (weekly) email; clicks, add-to-carts and purchases that follow a
 * planted taste (favourite categories), each naming the list it came from; ratings and dismissals.
 * Every choice is a hash of the seed and what it is about, so a seed gives the same behaviour.
 */
export async function simulateTraffic(options: TrafficOptions): Promise<TrafficSummary> {
  const { demo, seed } = options;
  const categoryOf = new Map(demo.catalog.map((i) => [i.id, i.category]));
  const categories = [...new Set(demo.catalog.map((i) => i.category))].sort();
  const summary: TrafficSummary = {
    days: options.days,
    customers: demo.customers.length,
    visits: 0,
    lists: 0,
    events: {},
    accepted: 0,
    dropped: 0,
    overrides: 0,
  };
  const call = graphqlAt(options.gatewayUrl);
  const tokens = new Map<string, string>();
  const tokenOf = async (customerId: string) => {
    let token = tokens.get(customerId);
    if (!token) {
      token = await devToken(options.gatewayUrl, customerId);
      tokens.set(customerId, token);
    }
    return token;
  };
  const merchandising = { toEnd: null as string | null };
  const favourites = new Map(demo.customers.map((c) => [c.id, plantedTaste(c, categoryOf, categories, seed)]));
  for (let day = 0; day < options.days; day += 1) {
    const dayStart = options.start.getTime() + day * DAY;
    options.clock.set(new Date(dayStart));
    summary.overrides += await merchandise(call, options, day, dayStart, merchandising);
    const visits = demo.customers
      .filter((c) => chance(seed, c.id, day, 'visit') < VISIT_PER_DAY)
      .map((c) => ({ customer: c, at: dayStart + Math.floor(chance(seed, c.id, day, 'time') * (DAY - 30 * MINUTE)) }))
      .sort((a, b) => a.at - b.at || (a.customer.id < b.customer.id ? -1 : 1));
    for (const { customer, at } of visits) {
      summary.visits += 1;
      const token = await tokenOf(customer.id);
      const liked = favourites.get(customer.id)!;
      const surfaces = SURFACES.filter((s) => s !== 'EMAIL' || (day + hashInt(customer.id)) % 7 === 0);
      const events: Record<string, unknown>[] = [];
      let minute = 0;
      for (const surface of surfaces) {
        options.clock.set(new Date(at + minute * MINUTE));
        const pageCategory = surface === 'PRODUCT_PAGE' ? liked[day % liked.length] : null;
        const list = await call<{ me: { recommendations: { decisionId: string; items: { itemId: string }[] } | null } }>(
          LIST,
          { context: { surface, pageCategory }, first: 8 },
          token,
        );
        const served = list.me.recommendations;
        if (!served) continue;
        summary.lists += 1;
        for (const { itemId } of served.items) {
          const favourite = liked.includes(categoryOf.get(itemId) ?? '');
          const step = (name: string) => chance(seed, customer.id, day, `${surface}:${itemId}:${name}`);
          const event = (type: string, extra: Record<string, unknown> = {}) => {
            minute += 1;
            events.push({
              clientEventId: `sim-${day}-${customer.id}-${surface}-${itemId}-${type}`.slice(0, 64),
              type,
              itemId,
              channel: surface === 'EMAIL' ? 'email' : 'web',
              source: surface === 'EMAIL' ? 'email' : 'web-shop',
              occurredAt: new Date(at + minute * MINUTE).toISOString(),
              ...extra,
            });
          };
          if (step('click') < (favourite ? CLICK.favourite : CLICK.other)) {
            event('VIEW', { decisionId: served.decisionId });
            if (step('cart') < CART_AFTER_CLICK) {
              event('ADD_TO_CART', { decisionId: served.decisionId });
              if (step('buy') < PURCHASE_AFTER_CART) {
                event('PURCHASE', { decisionId: served.decisionId });
                if (step('rate') < RATE_AFTER_PURCHASE) event('RATING', { value: favourite ? '5' : '2' });
              }
            }
          } else if (!favourite && step('dismiss') < DISMISS_UNLIKED) event('DISMISS', { value: 'NOT_INTERESTED' });
        }
        minute += 1;
      }
      if (events.length === 0) continue;
      options.clock.set(new Date(at + (minute + 1) * MINUTE));
      for (const e of events) summary.events[e.type as string] = (summary.events[e.type as string] ?? 0) + 1;
      const result = await call<{ recordEvents: { accepted: number; dropped: number } }>(RECORD, { events }, token);
      summary.accepted += result.recordEvents.accepted;
      summary.dropped += result.recordEvents.dropped;
      await options.settle?.();
    }
  }
  options.clock.set(new Date(options.start.getTime() + options.days * DAY));
  return summary;
}

/**
 * The merchandisers' part: on day 0 a pin of a new product on home for ten days and a commercial
 * boost everywhere for two weeks; on day 3 the pin of a second item, ended on day 5.
 */
async function merchandise(
  call: ReturnType<typeof graphqlAt>,
  options: TrafficOptions,
  day: number,
  dayStart: number,
  state: { toEnd: string | null },
): Promise<number> {
  const itemAt = (salt: string) => options.demo.catalog[Math.floor(chance(options.seed, 'merch', 0, salt) * options.demo.catalog.length)].id;
  const create = async (input: Record<string, unknown>) => {
    const { id } = (await call<{ createOverride: { id: string } }>(CREATE, { input }, options.merchandiserToken)).createOverride;
    options.clock.advance(MINUTE); // one after the other, so the override log's order is the same every run
    return id;
  };
  const window = (days: number) => ({ startsAt: new Date(dayStart).toISOString(), endsAt: new Date(dayStart + days * DAY).toISOString() });
  if (day === 0) {
    await create({
      kind: 'PIN',
      itemId: itemAt('pin'),
      surface: 'HOME',
      position: 1,
      reasonCategory: 'NOVEL_PRODUCT',
      justification: 'New in the range this month; we want regulars to see it first.',
      ...window(10),
    });
    await create({
      kind: 'BOOST',
      itemId: itemAt('boost'),
      boost: 1.5,
      reasonCategory: 'COMMERCIAL',
      justification: 'Supplier-funded promotion agreed for the first half of the month.',
      ...window(14),
    });
    return 2;
  }
  if (day === 3) {
    state.toEnd = await create({
      kind: 'PIN',
      itemId: itemAt('ethical'),
      surface: 'PRODUCT_PAGE',
      position: 2,
      reasonCategory: 'ETHICAL',
      justification: 'Fair-trade line we stand behind; trial on product pages.',
      ...window(20),
    });
    return 1;
  }
  if (day === 5 && state.toEnd) {
    await call(END, { id: state.toEnd }, options.merchandiserToken);
    state.toEnd = null;
  }
  return 0;
}

/** The customer's favourite categories: the most frequent in their demo history, or drawn by the seed when they have none. */
function plantedTaste(customer: DemoData['customers'][number], categoryOf: Map<string, string>, categories: string[], seed: number): string[] {
  const counts = new Map<string, number>();
  for (const e of customer.events) {
    const category = e.itemId ? categoryOf.get(e.itemId) : undefined;
    if (category) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  for (const p of customer.preferences) if (p.kind === 'CATEGORY' && p.sentiment === 'LIKE') counts.set(p.value, (counts.get(p.value) ?? 0) + 5);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  if (ranked.length > 0) return ranked.slice(0, 3);
  return [0, 1, 2].map((i) => categories[Math.floor(chance(seed, customer.id, i, 'taste') * categories.length)]);
}

function chance(seed: number, subject: string, day: number, step: string): number {
  return createHash('sha256').update(`${seed}|${subject}|${day}|${step}`).digest().readUInt32BE(0) / 2 ** 32;
}

function hashInt(text: string): number {
  return createHash('sha256').update(text).digest().readUInt16BE(0);
}

function graphqlAt(gatewayUrl: string) {
  return async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!body.data || body.errors?.length) throw new Error(`The gateway answered with errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

async function devToken(gatewayUrl: string, customerId: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId }),
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`No development token for ${customerId}: ${JSON.stringify(body)}`);
  return body.token;
}
