import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { referenceExposures, storedRows, type ReferenceExposure } from '../helpers/measurement-reference.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const HOUR = 3_600_000;
const CUSTOMERS = 40;
const LIST = 'query { me { grantedPurposes recommendations(first: 6, context: { surface: HOME }) { decisionId items { itemId promoted } } } }';
const RECORD = 'mutation ($events: [EventInput!]!) { recordEvents(events: $events) { accepted dropped rejected { reason } } }';
const CREATE = 'mutation ($input: OverrideInput!) { createOverride(input: $input) { id } }';
const END = 'mutation ($id: ID!) { endOverride(id: $id) { id endedAt } }';
const OUTCOME = 'exposures clicks addToCarts purchases revenue clickThroughRate purchasesPerExposure';
const OVERRIDES = /* GraphQL */ `
  query ($from: String!, $to: String!) {
    overrideReport(from: $from, to: $to) {
      overrides {
        override { id kind itemId author reasonCategory justification startsAt endsAt endedAt endedBy }
        promoted { ${OUTCOME} }
        displaced { ${OUTCOME} }
      }
    }
  }
`;
const AUDIT = /* GraphQL */ `
  query ($from: String!, $to: String!) {
    discoveryAudit(from: $from, to: $to) {
      catalogSize
      itemsShown
      coverage
      slots {
        slot
        share
        exposures
        clicks
        purchases
      }
      blindSpots {
        itemId
        category
        repeatBuyers
        highRatings
        dismissals
        satisfaction
        exposures
      }
      neverShown {
        segment
        customers
        categoriesNeverShown
      }
      holdoutConvertsBetter {
        consentLevel
        lift {
          metric
          personalized
          holdout
        }
      }
    }
  }
`;

function chance(customerId: string, step: string): number {
  return createHash('sha256').update(`${customerId}:${step}`).digest().readUInt32BE(0) / 2 ** 32;
}

describe('overrideReport and discoveryAudit against a direct computation from stored rows', () => {
  const start = new Date(Date.now() - 40 * HOUR);
  const clock = new ManualClock(start);
  let stack: TestStack;
  let merchandiser: string;
  const ids: Record<'pin' | 'ended' | 'before', string> = { pin: '', ended: '', before: '' };
  const at = (hours: number) => new Date(start.getTime() + hours * HOUR).toISOString();
  const window = { from: at(-0.5), to: at(12) };
  let unshown = '';

  beforeAll(async () => {
    stack = await startTestStack({ clock, seed: { items: 300, customers: CUSTOMERS }, config: { holdout: { share: 0.3, salt: 'governance' } } });
    merchandiser = await stack.gateway.tokens.issue('merch-7', 'merchandiser');
    const override = (itemId: string, startsAt: string, endsAt: string) => ({
      kind: 'PIN',
      itemId,
      surface: 'HOME',
      position: 1,
      reasonCategory: 'NOVEL_PRODUCT',
      justification: 'A new range we want customers to see first.',
      startsAt,
      endsAt,
    });
    // Over before the window: not in the report.
    clock.set(new Date(start.getTime() - 5 * HOUR));
    ids.before = (await stack.graphql(CREATE, { input: override('item-0011', at(-5), at(-4)) }, { token: merchandiser })).data!.createOverride.id;
    clock.set(start);
    ids.pin = (await stack.graphql(CREATE, { input: override('item-0007', at(-1), at(48)) }, { token: merchandiser })).data!.createOverride.id;
    ids.ended = (
      await stack.graphql(CREATE, { input: { ...override('item-0023', at(-1), at(48)), position: 3 } }, { token: merchandiser })
    ).data!.createOverride.id;
    const served: { customerId: string; decisionId: string; items: string[]; token: string }[] = [];
    for (let i = 1; i <= CUSTOMERS; i += 1) {
      const customerId = `cust-${String(i).padStart(3, '0')}`;
      const token = await stack.tokenFor(customerId);
      const list = (await stack.graphql(LIST, {}, { token })).data!.me.recommendations;
      served.push({ customerId, decisionId: list.decisionId, items: list.items.map((x: any) => x.itemId), token });
      clock.advance(1000);
      if (i === CUSTOMERS / 2) await stack.graphql(END, { id: ids.ended }, { token: merchandiser });
    }
    const shown = new Set(served.flatMap((s) => s.items));
    unshown = (await storedRows(stack)).catalog.map((c) => c.id).find((id) => !shown.has(id))!;
    clock.set(new Date(start.getTime() + 20 * HOUR));
    for (const s of served) {
      const event = (type: string, itemId: string, hours: number, tag: string, extra: Record<string, unknown> = {}) => ({
        clientEventId: `${tag}-${s.customerId}`,
        type,
        itemId,
        channel: 'web',
        source: 'web-shop',
        occurredAt: at(hours),
        ...extra,
      });
      const events = [];
      for (const [rank, itemId] of s.items.slice(0, 4).entries()) {
        const fromList = { decisionId: s.decisionId };
        if (chance(s.customerId, `view${rank}`) < 0.5) events.push(event('VIEW', itemId, 1, `view${rank}`, fromList));
        if (chance(s.customerId, `buy${rank}`) < 0.3) events.push(event('PURCHASE', itemId, 2, `buy${rank}`, fromList));
      }
      // Satisfied with an item nobody was shown: bought twice and rated highly; another item dismissed.
      if (chance(s.customerId, 'fan') < 0.5) {
        events.push(
          event('PURCHASE', unshown, 3, 'fan1'),
          event('PURCHASE', unshown, 4, 'fan2'),
          event('RATING', unshown, 5, 'rate', { value: '5' }),
        );
      } else if (chance(s.customerId, 'once') < 0.4) events.push(event('PURCHASE', unshown, 3, 'once'));
      if (chance(s.customerId, 'dismiss') < 0.3) events.push(event('DISMISS', s.items[5], 1, 'dismiss'));
      await stack.graphql(RECORD, { events }, { token: s.token });
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('accounts for every override in force in the window, with its outcome against what it displaced', async () => {
    const response = await stack.graphql(OVERRIDES, window, { token: merchandiser });
    expect(response.errors).toBeUndefined();
    const accounts = response.data!.overrideReport.overrides;
    expect(accounts.map((a: any) => a.override.id).sort()).toEqual([ids.pin, ids.ended].sort());
    const reference = referenceExposures(await storedRows(stack), window, 24 * HOUR);
    const outcome = (xs: ReferenceExposure[]) => ({
      exposures: xs.length,
      clicks: xs.filter((x) => x.clicked).length,
      purchases: xs.reduce((s, x) => s + x.purchases, 0),
      revenue: expect.closeTo(
        xs.reduce((s, x) => s + x.revenue, 0),
        6,
      ),
    });
    for (const account of accounts) {
      expect(account.override).toMatchObject({
        author: 'merch-7',
        reasonCategory: 'NOVEL_PRODUCT',
        justification: 'A new range we want customers to see first.',
      });
      const promoted = reference.filter((x) => x.promotedBy.includes(account.override.id));
      const displaced = promoted
        .map((p) => reference.find((x) => x.decision.decisionId === p.decision.decisionId && x.rank === p.rank + 1 && !x.promoted))
        .filter((x): x is ReferenceExposure => x !== undefined);
      expect(promoted.length).toBeGreaterThan(0);
      expect(account.promoted).toMatchObject(outcome(promoted));
      expect(account.displaced).toMatchObject(outcome(displaced));
    }
    const ended = accounts.find((a: any) => a.override.id === ids.ended);
    expect(ended.override.endedBy).toBe('merch-7');
    // Ended half way: shown to about half the customers only.
    expect(ended.promoted.exposures).toBeLessThan(accounts.find((a: any) => a.override.id === ids.pin).promoted.exposures);
  });

  it('finds the satisfying item nobody was shown, and reports coverage, slot shares and segments as the rows say', async () => {
    const response = await stack.graphql(AUDIT, window, { token: merchandiser });
    expect(response.errors).toBeUndefined();
    const audit = response.data!.discoveryAudit;
    const rows = await storedRows(stack);
    const reference = referenceExposures(rows, window, 24 * HOUR);
    expect(audit.catalogSize).toBe(rows.catalog.length);
    expect(audit.itemsShown).toBe(new Set(reference.map((x) => x.itemId)).size);
    expect(audit.coverage).toBeCloseTo(audit.itemsShown / rows.catalog.length, 9);
    for (const slot of audit.slots) {
      const inSlot = reference.filter((x) => x.slot === slot.slot);
      expect(slot.exposures).toBe(inSlot.length);
      expect(slot.clicks).toBe(inSlot.filter((x) => x.clicked).length);
      expect(slot.purchases).toBe(inSlot.reduce((s, x) => s + x.purchases, 0));
      expect(slot.share).toBeCloseTo(inSlot.length / reference.length, 9);
    }
    // Satisfaction from every stored event in the window, not only those naming a list.
    const inWindow = rows.events.filter((e) => e.occurredAt >= window.from && e.occurredAt < window.to && e.itemId === unshown);
    const buys = new Map<string, number>();
    for (const e of inWindow.filter((e) => e.type === 'PURCHASE')) buys.set(e.customerId, (buys.get(e.customerId) ?? 0) + 1);
    const repeatBuyers = [...buys.values()].filter((n) => n >= 2).length;
    const highRatings = inWindow.filter((e) => e.type === 'RATING' && Number(e.value) >= 4).length;
    expect(repeatBuyers).toBeGreaterThan(0);
    expect(audit.blindSpots).toContainEqual(
      expect.objectContaining({ itemId: unshown, repeatBuyers, highRatings, dismissals: 0, satisfaction: repeatBuyers + highRatings, exposures: 0 }),
    );
    const threshold = (0.5 * reference.length) / rows.catalog.length;
    for (const spot of audit.blindSpots) {
      expect(spot.satisfaction).toBeGreaterThanOrEqual(2);
      expect(spot.exposures).toBeLessThan(threshold);
    }
    const categories = [...new Set(rows.catalog.map((c) => c.category))].sort();
    for (const gap of audit.neverShown) {
      const seen = reference.filter((x) => x.decision.consentLevel === gap.segment);
      expect(gap.customers).toBe(new Set(seen.map((x) => x.decision.customerId)).size);
      expect(gap.categoriesNeverShown).toEqual(categories.filter((c) => !seen.some((x) => x.category === c)));
    }
    for (const level of audit.holdoutConvertsBetter) {
      const conversion = level.lift.find((l: any) => l.metric === 'CONVERSION');
      expect(conversion.holdout).toBeGreaterThan(conversion.personalized);
    }
  });

  it('is for merchandisers and admins only', async () => {
    const token = await stack.tokenFor('cust-001');
    for (const query of [OVERRIDES, AUDIT]) expect((await stack.graphql(query, window, { token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
