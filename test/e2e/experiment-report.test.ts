import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { referenceExposures, storedRows } from '../helpers/measurement-reference.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const HOUR = 3_600_000;
const HOLDOUT = { share: 0.5, salt: 'experiment-test' };
const CUSTOMERS = 80;

const LIST = 'query { me { grantedPurposes recommendations(first: 6, context: { surface: HOME }) { decisionId items { itemId } } } }';
const RECORD = 'mutation ($events: [EventInput!]!) { recordEvents(events: $events) { accepted dropped rejected { reason } } }';
const REPORT = /* GraphQL */ `
  query ($from: String!, $to: String!) {
    experimentReport(from: $from, to: $to) {
      attributionWindowHours
      groups {
        group
        customers
        exposures
        clicks
        clickThroughRate
        addToCarts
        purchases
        customersPurchasing
        conversionRate
        revenue
        revenuePerCustomer
      }
      lift {
        metric
        personalized
        holdout
        lift
        low
        high
        tooLittleData
      }
      liftByConsentLevel {
        consentLevel
        personalizedCustomers
        holdoutCustomers
        lift {
          metric
          lift
          low
          high
          tooLittleData
        }
      }
      bySurfaceAndSlot {
        surface
        slot
        group
        exposures
        clicks
        addToCarts
        purchases
        revenue
      }
    }
  }
`;

type Served = { customerId: string; decisionId: string; items: string[]; granted: string[] };

/** A fixed pseudo-random choice per customer and step, so the run is the same every time. */
function chance(customerId: string, step: string): number {
  return createHash('sha256').update(`${customerId}:${step}`).digest().readUInt32BE(0) / 2 ** 32;
}

describe('experiment report: attribution and lift against a direct computation from stored rows', () => {
  const start = new Date(Date.now() - 40 * HOUR);
  const clock = new ManualClock(start);
  let stack: TestStack;
  let merchandiser: string;
  const served: Served[] = [];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    stack = await startTestStack({ clock, seed: { items: 300, customers: CUSTOMERS }, config: { holdout: HOLDOUT, attributionWindowHours: 24 } });
    merchandiser = await stack.gateway.tokens.issue('merch-1', 'merchandiser');
    for (let i = 1; i <= CUSTOMERS; i += 1) {
      const customerId = `cust-${String(i).padStart(3, '0')}`;
      const token = await stack.tokenFor(customerId);
      tokens.set(customerId, token);
      const list = await stack.graphql(LIST, {}, { token });
      const me = list.data!.me;
      served.push({
        customerId,
        decisionId: me.recommendations.decisionId,
        items: me.recommendations.items.map((x: any) => x.itemId),
        granted: me.grantedPurposes,
      });
      clock.advance(1000);
    }
    // Outcomes an hour or two later, and a purchase 30 hours later (outside the 24-hour window).
    clock.set(new Date(start.getTime() + 31 * HOUR));
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR).toISOString();
    for (const s of served) {
      const events = [];
      const event = (type: string, itemId: string, hours: number, tag: string, decisionId = s.decisionId) => ({
        clientEventId: `${tag}-${s.customerId}`,
        type,
        itemId,
        decisionId,
        channel: 'web',
        source: 'web-shop',
        occurredAt: at(hours),
      });
      const clicks = chance(s.customerId, 'click') < 0.7;
      if (clicks) events.push(event('VIEW', s.items[0], 1, 'view'));
      if (clicks && chance(s.customerId, 'cart') < 0.7) events.push(event('ADD_TO_CART', s.items[0], 1.5, 'cart'));
      if (clicks && chance(s.customerId, 'buy') < 0.8) events.push(event('PURCHASE', s.items[0], 2, 'buy'));
      if (chance(s.customerId, 'late') < 0.3) events.push(event('PURCHASE', s.items[1], 30, 'late'));
      // Naming someone else's list is not attributed to it.
      const other = served[(served.indexOf(s) + 1) % served.length];
      if (chance(s.customerId, 'foreign') < 0.2) events.push(event('PURCHASE', other.items[0], 2, 'foreign', other.decisionId));
      if (events.length > 0) await stack.graphql(RECORD, { events }, { token: tokens.get(s.customerId) });
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  // Ends 12 hours after the lists: events up to 36 hours are read, so the purchases 30 hours after their list are read and must not count.
  const window = () => ({ from: new Date(start.getTime() - 60_000).toISOString(), to: new Date(start.getTime() + 12 * HOUR).toISOString() });

  it('is for merchandisers and admins only', async () => {
    const customer = await stack.graphql(REPORT, window(), { token: tokens.get('cust-001') });
    expect(customer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await stack.graphql(REPORT, window());
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const admin = await stack.graphql(REPORT, window(), { token: await stack.gateway.tokens.issue('admin-1', 'admin') });
    expect(admin.errors).toBeUndefined();
    const reversed = await stack.graphql(REPORT, { from: window().to, to: window().from }, { token: merchandiser });
    expect(reversed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('matches a direct computation from the stored decisions and events', async () => {
    const response = await stack.graphql(REPORT, window(), { token: merchandiser });
    expect(response.errors).toBeUndefined();
    const report = response.data!.experimentReport;
    const expected = await directComputation(stack, window());
    expect(report.attributionWindowHours).toBe(24);
    for (const group of ['PERSONALIZED', 'HOLDOUT']) {
      const got = report.groups.find((g: any) => g.group === group);
      const want = expected.groups[group];
      expect(got.customers).toBe(want.customers);
      expect(got.exposures).toBe(want.exposures);
      expect(got.clicks).toBe(want.clicks);
      expect(got.addToCarts).toBe(want.carts);
      expect(got.purchases).toBe(want.purchases);
      expect(got.customersPurchasing).toBe(want.purchasing);
      expect(got.revenue).toBeCloseTo(want.revenue, 6);
      expect(got.conversionRate).toBeCloseTo(want.purchases / want.exposures, 9);
      expect(got.revenuePerCustomer).toBeCloseTo(want.revenue / want.customers, 6);
    }
    // Enough customers in each group for a number: the lift and its interval as computed here.
    for (const metric of ['CLICK_THROUGH', 'CONVERSION', 'REVENUE_PER_CUSTOMER'] as const) {
      const got = report.lift.find((l: any) => l.metric === metric);
      const want = expected.lift(metric, () => true);
      expect(got.tooLittleData, metric).toBeNull();
      expect(got.lift).toBeCloseTo(want.lift, 9);
      expect(got.low).toBeCloseTo(want.low, 9);
      expect(got.high).toBeCloseTo(want.high, 9);
      expect(got.low).toBeLessThan(got.lift);
      expect(got.high).toBeGreaterThan(got.lift);
    }
    // Per consent level the groups are small: too little data, said in words instead of a number.
    expect(report.liftByConsentLevel.map((l: any) => l.consentLevel).sort()).toEqual([...expected.levels].sort());
    for (const level of report.liftByConsentLevel) {
      expect(level.personalizedCustomers + level.holdoutCustomers).toBe(expected.customersAt(level.consentLevel));
      for (const lift of level.lift) {
        expect(lift.lift).toBeNull();
        expect(lift.tooLittleData).toMatch(/^Too little data: /);
      }
    }
    // Per surface and slot kind, summed, the groups' totals.
    const purchasesBySlot = report.bySurfaceAndSlot.reduce((s: number, r: any) => s + r.purchases, 0);
    expect(purchasesBySlot).toBe(expected.groups.PERSONALIZED.purchases + expected.groups.HOLDOUT.purchases);
    expect(report.bySurfaceAndSlot.every((r: any) => r.surface === 'HOME')).toBe(true);
  });

  it('counts a conversion only where consent let it be stored', async () => {
    const before = (await stack.graphql(REPORT, window(), { token: merchandiser })).data!.experimentReport;
    const withoutPurchase = served.find((s) => !s.granted.includes(Purpose.PURCHASE) && s.granted.includes(Purpose.BEHAVIORAL))!;
    const purchase = {
      clientEventId: `unconsented-${withoutPurchase.customerId}`,
      type: 'PURCHASE',
      itemId: withoutPurchase.items[2],
      decisionId: withoutPurchase.decisionId,
      channel: 'web',
      source: 'web-shop',
      occurredAt: new Date(start.getTime() + 3 * HOUR).toISOString(),
    };
    const result = await stack.graphql(RECORD, { events: [purchase] }, { token: tokens.get(withoutPurchase.customerId) });
    expect(result.data!.recordEvents).toMatchObject({ accepted: 0, dropped: 1 });
    const after = (await stack.graphql(REPORT, window(), { token: merchandiser })).data!.experimentReport;
    expect(after.groups).toEqual(before.groups);
  });

  it('says "too little data" instead of a number when a group is too small', async () => {
    // The first 20 lists only (one was decided a second): well under 30 customers per group.
    const early = { from: window().from, to: new Date(start.getTime() + 20_000).toISOString() };
    const report = (await stack.graphql(REPORT, early, { token: merchandiser })).data!.experimentReport;
    expect(report.groups.reduce((s: number, g: any) => s + g.customers, 0)).toBe(20);
    for (const lift of report.lift) {
      expect(lift.lift).toBeNull();
      expect(lift.low).toBeNull();
      expect(lift.tooLittleData).toMatch(
        /^Too little data: the (personalized|holdout) group has \d+ customers in this window; at least 30 are needed\.$/,
      );
    }
    const before = { from: new Date(start.getTime() - 10 * HOUR).toISOString(), to: new Date(start.getTime() - 9 * HOUR).toISOString() };
    const empty = (await stack.graphql(REPORT, before, { token: merchandiser })).data!.experimentReport;
    expect(empty.groups.map((g: any) => g.customers)).toEqual([0, 0]);
    expect(empty.lift.every((l: any) => l.lift === null && l.tooLittleData.includes('has 0 customers'))).toBe(true);
  });
});

/** The report computed here from the rows themselves (decisions table, events table, catalog table). */
async function directComputation(stack: TestStack, window: { from: string; to: string }) {
  type Totals = { exposures: number; clicks: number; carts: number; purchases: number; revenue: number; level: string };
  const perCustomer = new Map<string, Totals>();
  for (const x of referenceExposures(await storedRows(stack), window, 24 * HOUR)) {
    const t = perCustomer.get(x.decision.customerId!) ?? { exposures: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0, level: '' };
    t.level = x.decision.consentLevel!;
    t.exposures += 1;
    t.clicks += x.clicked ? 1 : 0;
    t.carts += x.carted ? 1 : 0;
    t.purchases += x.purchases;
    t.revenue += x.revenue;
    perCustomer.set(x.decision.customerId!, t);
  }
  const groupOf = (customerId: string) =>
    createHash('sha256').update(`${HOLDOUT.salt}:${customerId}`).digest().readUInt32BE(0) / 2 ** 32 < HOLDOUT.share ? 'HOLDOUT' : 'PERSONALIZED';
  const entries = [...perCustomer.entries()];
  const groups = Object.fromEntries(
    ['PERSONALIZED', 'HOLDOUT'].map((g) => {
      const inGroup = entries.filter(([id]) => groupOf(id) === g).map(([, t]) => t);
      const sum = (f: (t: Totals) => number) => inGroup.reduce((s, t) => s + f(t), 0);
      return [
        g,
        {
          customers: inGroup.length,
          exposures: sum((t) => t.exposures),
          clicks: sum((t) => t.clicks),
          carts: sum((t) => t.carts),
          purchases: sum((t) => t.purchases),
          purchasing: inGroup.filter((t) => t.purchases > 0).length,
          revenue: sum((t) => t.revenue),
        },
      ];
    }),
  );
  const units: Record<string, (t: Totals) => [number, number]> = {
    CLICK_THROUGH: (t) => [t.clicks, t.exposures],
    CONVERSION: (t) => [t.purchases, t.exposures],
    REVENUE_PER_CUSTOMER: (t) => [t.revenue, 1],
  };
  // Ratio estimator per group, delta method on the log of the ratio of ratios.
  const lift = (metric: string, include: (t: Totals) => boolean) => {
    const stats = ['PERSONALIZED', 'HOLDOUT'].map((g) => {
      const xs = entries.filter(([id, t]) => groupOf(id) === g && include(t)).map(([, t]) => units[metric](t));
      const y = xs.reduce((s, [a]) => s + a, 0);
      const d = xs.reduce((s, [, b]) => s + b, 0);
      const r = y / d;
      const v = (xs.length / (xs.length - 1)) * (xs.reduce((s, [a, b]) => s + (a - r * b) ** 2, 0) / d ** 2);
      return { r, v };
    });
    const ratio = stats[0].r / stats[1].r;
    const se = Math.sqrt(stats[0].v / stats[0].r ** 2 + stats[1].v / stats[1].r ** 2);
    return { lift: ratio - 1, low: ratio * Math.exp(-1.959964 * se) - 1, high: ratio * Math.exp(1.959964 * se) - 1 };
  };
  const levels = new Set(entries.map(([, t]) => t.level));
  return { groups, lift, levels, customersAt: (level: string) => entries.filter(([, t]) => t.level === level).length };
}
