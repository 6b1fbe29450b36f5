import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { allRows, rowsWhere } from '../helpers/database.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const LIST = `query { me { recommendations(first: 10) { decisionId items { itemId explanation { summary } } } } }`;
const LOGGED = `query { me { decisions(first: 1) { decisionId items { itemId explanation { summary } } } } }`;
const anonymousLists = (categories: string[]) =>
  `query { ${categories.map((c, i) => `l${i}: recommendations(first: 5, context: { surface: PRODUCT_PAGE, pageCategory: "${c}" }) { decisionId items { itemId } }`).join(' ')} }`;

describe('the decision log and the explanations shown', () => {
  let stack: TestStack;
  const clock = new ManualClock(new Date('2026-11-20T10:00:00.000Z'));

  beforeAll(async () => {
    stack = await startTestStack({ clock });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const db = (name: 'recommendations' | 'explanations') => stack.subgraphs[name].dataSource;

  it('keeps one record per item shown, however often its explanation is read', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    const list = await stack.graphql(LIST, {}, { token });
    expect(list.errors).toBeUndefined();
    const { decisionId, items } = list.data!.me.recommendations;
    for (let read = 0; read < 3; read += 1) {
      const logged = await stack.graphql(LOGGED, {}, { token });
      expect(logged.errors).toBeUndefined();
      expect(logged.data!.me.decisions[0].decisionId).toBe(decisionId);
    }
    const views = await rowsWhere(db('explanations'), 'explanation_views', 'decisionId', decisionId);
    expect(views.map((v) => v.itemId).sort()).toEqual(items.map((i: { itemId: string }) => i.itemId).sort());
  });

  it('has every list’s decision committed by the time the list is answered, under concurrent requests', async () => {
    const customers = ['cust-004', 'cust-005', 'cust-006', 'cust-007', 'cust-008', DEMO_CUSTOMERS.full];
    const tokens = await Promise.all(customers.map((c) => stack.tokenFor(c)));
    const answers = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const answer = await stack.graphql(LIST, {}, { token: tokens[i % tokens.length] });
        // Read right after the answer: nothing is acknowledged before it is stored.
        const stored = await rowsWhere(db('recommendations'), 'decisions', 'decisionId', answer.data?.me.recommendations.decisionId);
        return { answer, stored };
      }),
    );
    for (const { answer, stored } of answers) {
      expect(answer.errors).toBeUndefined();
      expect(stored).toHaveLength(1);
    }
    expect(new Set(answers.map((a) => a.answer.data!.me.recommendations.decisionId)).size).toBe(24);
  });

  it('logs an anonymous list once however often it is served, and keeps anonymous lists only for their retention', async () => {
    const before = (await allRows(db('recommendations'), 'decisions')).filter((d) => d.customerId === null).length;
    const same = await stack.graphql(anonymousLists(Array(30).fill('trail running shoes')));
    expect(same.errors).toBeUndefined();
    const ids = new Set(Object.values(same.data!).map((l) => (l as { decisionId: string }).decisionId));
    expect(ids.size).toBe(1);
    const varied = await stack.graphql(anonymousLists(['trail running shoes', 'road running shoes', 'gps watches']));
    expect(new Set(Object.values(varied.data!).map((l) => (l as { decisionId: string }).decisionId)).size).toBe(3);
    const anonymous = () => allRows(db('recommendations'), 'decisions').then((rows) => rows.filter((d) => d.customerId === null));
    expect((await anonymous()).length - before).toBe(3);

    const customers = (await allRows(db('recommendations'), 'decisions')).filter((d) => d.customerId !== null).length;
    const retention = stack.subgraphs.recommendations.services as RecommendationServices;
    clock.advance((stack.config.anonymousDecisionRetentionHours - 1) * 3_600_000);
    expect(await retention.decisionRetention.sweep()).toBe(0);
    clock.advance(2 * 3_600_000);
    expect(await retention.decisionRetention.sweep()).toBe(before + 3);
    expect(await anonymous()).toEqual([]);
    expect((await allRows(db('recommendations'), 'decisions')).filter((d) => d.customerId !== null)).toHaveLength(customers);
  });
});

describe('a customer with a full decision log', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('reads back 50 decisions with every explanation', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    for (let list = 0; list < 50; list += 1) {
      const answer = await stack.graphql(`query { me { recommendations(first: 50) { decisionId } } }`, {}, { token });
      expect(answer.errors).toBeUndefined();
    }
    const answer = await stack.graphql(
      `query { me { decisions(first: 50) { decisionId items { itemId explanation { summary } } } } }`,
      {},
      { token },
    );
    expect(answer.errors).toBeUndefined();
    const decisions = answer.data!.me.decisions as { items: { explanation: { summary: string } }[] }[];
    expect(decisions).toHaveLength(50);
    for (const decision of decisions) for (const item of decision.items) expect(item.explanation.summary).toMatch(/\w/);
  }, 120_000);
});
