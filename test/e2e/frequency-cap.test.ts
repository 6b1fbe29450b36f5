import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const LIST = 'query ($surface: Surface!) { me { recommendations(first: 10, context: { surface: $surface }) { holdout items { itemId } } } }';
const CAP = 2;

describe('frequency capping across surfaces', () => {
  const clock = new ManualClock(new Date('2026-11-20T08:00:00.000Z'));
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ clock, config: { frequencyCapPerDay: CAP, holdout: { share: 0, salt: 'none' } } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function listsOf(customerId: string, surfaces: string[]): Promise<string[][]> {
    const token = await stack.tokenFor(customerId);
    const lists: string[][] = [];
    for (const surface of surfaces) {
      const response = await stack.graphql(LIST, { surface }, { token });
      expect(response.errors).toBeUndefined();
      lists.push(response.data!.me.recommendations.items.map((i: { itemId: string }) => i.itemId));
      clock.advance(60_000);
    }
    return lists;
  }

  const timesShown = (lists: string[][]) => {
    const counts = new Map<string, number>();
    for (const itemId of lists.flat()) counts.set(itemId, (counts.get(itemId) ?? 0) + 1);
    return counts;
  };

  it('shows the same item at most N times a day across home, product page and email, and again the next day', async () => {
    const lists = await listsOf(DEMO_CUSTOMERS.full, ['HOME', 'HOME', 'EMAIL', 'PRODUCT_PAGE', 'HOME']);
    const counts = timesShown(lists);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(CAP);
    // The first two home lists were the same; the third leaves all of them out.
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[4].some((itemId) => lists[0].includes(itemId))).toBe(false);
    clock.advance(24 * 3_600_000);
    const [nextDay] = await listsOf(DEMO_CUSTOMERS.full, ['HOME']);
    expect(nextDay.some((itemId) => lists[0].includes(itemId))).toBe(true);
  });

  it('counts nothing without browsing consent: the same list every time', async () => {
    const lists = await listsOf(DEMO_CUSTOMERS.statedOnly, ['HOME', 'HOME', 'HOME', 'HOME']);
    for (const list of lists) expect(list).toEqual(lists[0]);
    expect(Math.max(...timesShown(lists).values())).toBe(4);
  });
});
