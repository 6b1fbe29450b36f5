import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/demo/generate.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const LIST = /* GraphQL */ `
  query List($context: ContextInput, $first: Int) {
    me {
      recommendations(first: $first, context: $context) {
        decisionId
        personalized
        holdout
        items {
          itemId
          score
          promoted
          contributions {
            source
            weight
            purpose
            noticeVersion
            evidence
            label
          }
          explanation {
            summary
            reasons {
              kind
              text
              weight
              dataUsed {
                category
                purpose
                noticeVersion
              }
            }
            controls {
              action
              purpose
              target
              label
            }
          }
        }
      }
    }
  }
`;
const ANONYMOUS = /* GraphQL */ `
  query Anonymous($context: ContextInput, $first: Int) {
    recommendations(first: $first, context: $context) {
      items {
        itemId
        score
        promoted
        contributions {
          source
          weight
          purpose
        }
        explanation {
          summary
        }
      }
    }
  }
`;
const UNDO_DISMISS = 'mutation ($d: ID!, $i: ID!) { undoDismissal(decisionId: $d, itemId: $i) { decisionId itemId message } }';
const WITHDRAW = 'mutation ($p: String!) { setConsent(purpose: $p, granted: false, noticeVersion: 1) { purpose granted } }';
const DISMISS =
  'mutation ($d: ID!, $i: ID!) { dismissRecommendation(decisionId: $d, itemId: $i, reason: NOT_INTERESTED) { decisionId itemId reason message } }';

type Contribution = { source: string; weight: number; purpose: string | null; noticeVersion: number | null; evidence: string[]; label: string };
type Item = {
  itemId: string;
  score: number;
  promoted: boolean;
  contributions: Contribution[];
  explanation: {
    summary: string;
    reasons: { kind: string; text: string; weight: number }[];
    controls: { action: string; purpose: string | null; target: string | null; label: string }[];
  };
};

describe('recommendations and explanations through the gateway', () => {
  let stack: TestStack;
  const demo = generateDemoData({ items: 600, customers: 30 });
  const titles = new Map(demo.catalog.map((i) => [i.id, i.title]));
  const context = { surface: 'PRODUCT_PAGE', pageCategory: 'tents', device: 'mobile' };

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const listFor = async (customerId: string, ctx: object = context, first = 30) => {
    const result = await stack.graphql(LIST, { context: ctx, first }, { token: await stack.tokenFor(customerId) });
    expect(result.errors).toBeUndefined();
    return result.data!.me.recommendations as { decisionId: string; personalized: boolean; holdout: boolean; items: Item[] };
  };

  it('explains faithfully: reason weights reproduce the score, and co-occurrence names item titles', async () => {
    const list = await listFor('cust-001');
    expect(list.personalized).toBe(true);
    for (const item of list.items) {
      const reasons = item.explanation.reasons.reduce((s, r) => s + r.weight, 0);
      expect(reasons).toBeCloseTo(item.score, 9);
      expect(item.explanation.reasons.map((r) => r.kind).sort()).toEqual(item.contributions.map((c) => c.source).sort());
    }
    const similar = list.items.flatMap((i) => i.explanation.reasons).find((r) => r.kind === 'SIMILAR_CUSTOMERS');
    expect(similar).toBeDefined();
    expect([...titles.values()].some((title) => similar!.text.includes(title))).toBe(true);
    expect(similar!.text).not.toMatch(/item-\d+/);
  });

  it('withdrawing a reason’s purpose removes exactly that contribution from the next decision for the same context', async () => {
    const token = await stack.tokenFor('cust-005');
    const before = await listFor('cust-005');
    const withStated = before.items.filter((i) => i.contributions.some((c) => c.purpose === Purpose.STATED));
    expect(withStated.length).toBeGreaterThan(0);
    const control = withStated[0].explanation.controls.find((c) => c.action === 'WITHDRAW_PURPOSE' && c.purpose === Purpose.STATED);
    expect(control).toEqual({ action: 'WITHDRAW_PURPOSE', purpose: Purpose.STATED, target: null, label: 'Stop using what I told you' });

    expect((await stack.graphql(WITHDRAW, { p: Purpose.STATED }, { token })).errors).toBeUndefined();
    const after = await listFor('cust-005');
    const afterById = new Map(after.items.map((i) => [i.itemId, i]));
    let compared = 0;
    for (const old of withStated) {
      const now = afterById.get(old.itemId);
      if (!now) continue;
      compared += 1;
      const stated = old.contributions.filter((c) => c.purpose === Purpose.STATED);
      expect(now.contributions).toEqual(old.contributions.filter((c) => c.purpose !== Purpose.STATED));
      expect(now.score).toBeCloseTo(old.score - stated.reduce((s, c) => s + c.weight, 0), 9);
    }
    expect(compared).toBeGreaterThan(0);
    for (const item of after.items) for (const c of item.contributions) expect(c.purpose).not.toBe(Purpose.STATED);
  });

  it('gives a holdout customer the non-personalized list, flagged and told so', async () => {
    const list = await listFor('cust-004'); // in the 5% holdout under the default salt, and consents to personalization
    const anonymous = await stack.graphql(ANONYMOUS, { context, first: 30 });
    expect(list.holdout).toBe(true);
    expect(list.personalized).toBe(false);
    const strip = (items: Item[]) =>
      items.map((i) => ({
        itemId: i.itemId,
        score: i.score,
        contributions: i.contributions.filter((c) => c.source !== 'HOLDOUT').map(({ source, weight, purpose }) => ({ source, weight, purpose })),
      }));
    expect(strip(list.items)).toEqual(strip(anonymous.data!.recommendations.items));
    for (const item of list.items) {
      expect(item.explanation.reasons.at(-1)).toMatchObject({ kind: 'HOLDOUT', weight: 0 });
      expect(item.explanation.summary).toMatch(/^You are in a small comparison group/);
    }
    expect((await listFor('cust-004', { surface: 'HOME' })).holdout).toBe(true); // same group every time
  });

  it('lets a customer read their decision log back, and nobody else', async () => {
    const token = await stack.tokenFor('cust-001');
    const served = await listFor('cust-001', { surface: 'EMAIL' }, 5);
    const log = await stack.graphql(
      `{ me { decisions(first: 1) { decisionId surface holdout personalized modelVersion policy { known adjacent wildcard maxCategoryShare }
          inputs { signalsUsed { purpose count } context { surface pageCategoryGiven sessionItemCount } candidatesConsidered candidatesPerSlot { slot count } overrideIds }
          items { itemId score slot contributions { source weight } explanation { summary } } } } }`,
      {},
      { token },
    );
    expect(log.errors).toBeUndefined();
    const [decision] = log.data!.me.decisions;
    expect(decision).toMatchObject({
      decisionId: served.decisionId,
      surface: 'EMAIL',
      holdout: false,
      personalized: true,
      policy: { known: 0.7, adjacent: 0.2, wildcard: 0.1, maxCategoryShare: 0.4 },
    });
    expect(decision.items.map((i: { itemId: string }) => i.itemId)).toEqual(served.items.map((i) => i.itemId));
    expect(decision.inputs.signalsUsed.map((s: { purpose: string }) => s.purpose).sort()).toEqual([
      Purpose.BEHAVIORAL,
      Purpose.PURCHASE,
      Purpose.STATED,
    ]);
    expect(decision.inputs.candidatesConsidered).toBeGreaterThan(5);
    expect(decision.inputs.context).toEqual({ surface: 'EMAIL', pageCategoryGiven: false, sessionItemCount: 0 });

    const byId = '{ decision(id: "ID") { decisionId items { itemId } } }';
    const own = await stack.graphql(byId.replace('ID', served.decisionId), {}, { token });
    expect(own.data!.decision.decisionId).toBe(served.decisionId);
    // Another customer's decision and one that does not exist get the same answer, signed in or not.
    const notThere = [{ message: 'There is no decision with that id.', path: ['decision'], extensions: { code: 'NOT_FOUND' } }];
    const missing = await stack.graphql(byId.replace('ID', 'no-such-decision'), {}, { token });
    expect(missing).toEqual({ status: 200, data: null, errors: notThere });
    for (const asker of [await stack.tokenFor('cust-003'), undefined]) {
      expect(await stack.graphql(byId.replace('ID', served.decisionId), {}, { token: asker })).toEqual(missing);
    }
  });

  it('names catalog items by id, with the configured currency, leaving unknown ids out and refusing too many at once', async () => {
    const ids = [demo.catalog[0].id, 'no-such-item', demo.catalog[1].id, demo.catalog[0].id];
    const named = await stack.graphql<{ catalogItems: { id: string; title: string; currency: string }[] }>(
      'query ($ids: [ID!]!) { catalogItems(ids: $ids) { id title currency } }',
      { ids },
    );
    expect(named.data!.catalogItems).toEqual([
      { id: demo.catalog[0].id, title: demo.catalog[0].title, currency: 'EUR' },
      { id: demo.catalog[1].id, title: demo.catalog[1].title, currency: 'EUR' },
    ]);
    const tooMany = await stack.graphql('query ($ids: [ID!]!) { catalogItems(ids: $ids) { id } }', {
      ids: Array.from({ length: 501 }, (_, i) => `i-${i}`),
    });
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'Ask for at most 500 items at once.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('stores a dismissal as a DISMISS that takes the item out of the next list', async () => {
    const token = await stack.tokenFor('cust-006');
    const first = await listFor('cust-006');
    const hidden = first.items[0].itemId;
    const result = await stack.graphql(DISMISS, { d: first.decisionId, i: hidden }, { token });
    expect(result).toEqual({
      status: 200,
      data: {
        dismissRecommendation: {
          decisionId: first.decisionId,
          itemId: hidden,
          reason: 'NOT_INTERESTED',
          message: 'Thanks — we will not show you this item again.',
        },
      },
    });
    expect((await listFor('cust-006')).items.map((i) => i.itemId)).not.toContain(hidden);

    // Someone else's list, with or without the item in it, is answered like a list that does not exist.
    const other = await stack.tokenFor('cust-007');
    const missing = await stack.graphql(DISMISS, { d: 'no-such-decision', i: hidden }, { token: other });
    expect(missing.errors).toEqual([
      expect.objectContaining({ message: 'We could not find that recommendation; it may be from an old list.', extensions: { code: 'NOT_FOUND' } }),
    ]);
    for (const itemId of [hidden, 'item-not-in-that-list']) {
      expect(await stack.graphql(DISMISS, { d: first.decisionId, i: itemId }, { token: other })).toEqual(missing);
    }
  });

  it('takes a dismissal back: the item can be recommended again; only its customer may, and twice is harmless', async () => {
    // A customer no other test here shows lists to: the daily frequency cap (3) would otherwise hold the item back.
    const token = await stack.tokenFor('cust-015');
    const first = await listFor('cust-015');
    const hidden = first.items[0].itemId;
    expect((await stack.graphql(DISMISS, { d: first.decisionId, i: hidden }, { token })).errors).toBeUndefined();
    const afterHide = await listFor('cust-015');
    expect(afterHide.items.map((i) => i.itemId)).not.toContain(hidden);

    const foreign = await stack.graphql(UNDO_DISMISS, { d: first.decisionId, i: hidden }, { token: await stack.tokenFor('cust-007') });
    // Another customer's list is answered exactly like a missing one: the answer reveals neither.
    const unknown = await stack.graphql(UNDO_DISMISS, { d: first.decisionId, i: 'no-such-item' }, { token });
    const notFound = {
      message: 'We could not find that recommendation; it may be from an old list.',
      path: ['undoDismissal'],
      extensions: { code: 'NOT_FOUND' },
    };
    expect(foreign.errors).toEqual([notFound]);
    expect(unknown.errors).toEqual([notFound]);

    const undone = await stack.graphql(UNDO_DISMISS, { d: first.decisionId, i: hidden }, { token });
    expect(undone).toEqual({
      status: 200,
      data: { undoDismissal: { decisionId: first.decisionId, itemId: hidden, message: 'Done — this item can be recommended to you again.' } },
    });
    expect((await listFor('cust-015')).items.map((i) => i.itemId)).toContain(hidden);
    expect((await stack.graphql(UNDO_DISMISS, { d: first.decisionId, i: hidden }, { token })).errors).toBeUndefined();
  });

  it('refuses to keep a dismissal without browsing consent, saying so', async () => {
    const list = await listFor('cust-003');
    const result = await stack.graphql(DISMISS, { d: list.decisionId, i: list.items[0].itemId }, { token: await stack.tokenFor('cust-003') });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'We did not keep this: hiding items uses your browsing in our shop, which you have not turned on.',
        extensions: { code: 'CONSENT_REQUIRED', purpose: Purpose.BEHAVIORAL },
      }),
    ]);
  });

  it('learns from new events only of customers who granted model.training (profile forwards them)', async () => {
    const services = stack.subgraphs.recommendations.services as RecommendationServices;
    const rowsOf = async (id: string) => (await services.model.exportCustomer(id)).length;
    const record = 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted dropped } }';
    const event = (id: string) => ({
      clientEventId: `${id}-new-1`,
      type: 'VIEW',
      itemId: 'item-0042',
      channel: 'web',
      source: 'web-shop',
      occurredAt: new Date().toISOString(),
    });
    const trainerBefore = await rowsOf('cust-012');
    expect((await stack.graphql(record, { e: [event('cust-012')] }, { token: await stack.tokenFor('cust-012') })).data!.recordEvents.accepted).toBe(
      1,
    );
    // Relayed through profile's outbox right after the events' commit.
    await expect.poll(() => rowsOf('cust-012')).toBe(trainerBefore + 1);
    expect((await stack.graphql(record, { e: [event('cust-014')] }, { token: await stack.tokenFor('cust-014') })).data!.recordEvents.accepted).toBe(
      1,
    );
    const profile = stack.subgraphs.profile.services as ProfileServices;
    await profile.outbox.relay();
    expect(await profile.outbox.backlog()).toEqual({ pending: 0, dead: 0 });
    expect(await rowsOf('cust-014')).toBe(0);
  });

  it('lets merchandisers pin with a logged reason; the item is PROMOTED and disclosed, never past NEVER', async () => {
    const merchandiser = await stack.gateway.tokens.issue('merch-1', 'merchandiser');
    const kayak = demo.catalog.find((i) => i.category === 'kayaks')!.id;
    const input = {
      kind: 'PIN',
      itemId: kayak,
      surface: 'HOME',
      position: 1,
      reasonCategory: 'NOVEL_PRODUCT',
      justification: 'Launch of our first packraft line',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const create = 'mutation ($input: OverrideInput!) { createOverride(input: $input) { id author kind reasonCategory justification } }';
    const denied = await stack.graphql(create, { input }, { token: await stack.tokenFor('cust-001') });
    expect(denied.errors).toEqual([expect.objectContaining({ message: 'You are not allowed to do this.', extensions: { code: 'FORBIDDEN' } })]);
    const bad = await stack.graphql(create, { input: { ...input, justification: 'because' } }, { token: merchandiser });
    expect(bad.errors).toEqual([
      expect.objectContaining({
        message: 'Explain the override in 10 to 1000 characters; the justification is kept in the override log.',
        extensions: { code: 'BAD_USER_INPUT', field: 'justification' },
      }),
    ]);
    const created = await stack.graphql(create, { input }, { token: merchandiser });
    expect(created.data!.createOverride).toMatchObject({ author: 'merch-1', kind: 'PIN', reasonCategory: 'NOVEL_PRODUCT' });

    const anonymous = await stack.graphql(ANONYMOUS, { context: { surface: 'HOME' }, first: 5 });
    const top = anonymous.data!.recommendations.items[0];
    expect(top).toMatchObject({ itemId: kayak, promoted: true });
    expect(top.explanation.summary).toMatch(/^Promoted by our merchandising team \(a new product we want you to see\)/);

    const never = await stack.tokenFor('cust-009');
    const add = 'mutation { addStatedPreference(input: { kind: CATEGORY, value: "kayaks", sentiment: NEVER }) { id } }';
    expect((await stack.graphql(add, {}, { token: never })).errors).toBeUndefined();
    expect((await listFor('cust-009', { surface: 'HOME' }, 10)).items.map((i) => i.itemId)).not.toContain(kayak);

    const log = await stack.graphql('{ overrideLog(first: 5) { id itemId author justification endedAt } }', {}, { token: merchandiser });
    expect(log.data!.overrideLog[0]).toMatchObject({ id: created.data!.createOverride.id, itemId: kayak, author: 'merch-1', endedAt: null });
    const end = await stack.graphql(
      'mutation ($id: ID!) { endOverride(id: $id) { endedAt endedBy } }',
      { id: created.data!.createOverride.id },
      { token: merchandiser },
    );
    expect(end.data!.endOverride.endedBy).toBe('merch-1');
    const afterEnd = await stack.graphql(ANONYMOUS, { context: { surface: 'HOME' }, first: 5 });
    expect(afterEnd.data!.recommendations.items.some((i: Item) => i.promoted)).toBe(false);
  });
});
