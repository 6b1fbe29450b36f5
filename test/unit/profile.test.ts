import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/demo/generate.js';
import { eventSignals } from '../../subgraphs/profile/services/signal-builder.js';
import { seedProfile } from '../../subgraphs/profile/seed.js';
import { createProfileSubgraph } from '../../subgraphs/profile/subgraph.js';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { customer, execute } from '../helpers/subgraph.js';

const DAY = 86_400_000;
const now = new Date('2026-11-01T00:00:00.000Z');
const view = (itemId: string, daysAgo: number) => ({
  type: 'VIEW' as const,
  itemId,
  value: null,
  purpose: Purpose.BEHAVIORAL,
  noticeVersion: 1,
  occurredAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
});

describe('signals', () => {
  it('aggregate events per item with recency decay, so an old burst fades', () => {
    const recent = eventSignals([view('a', 0)], now);
    const oldBurst = eventSignals(
      Array.from({ length: 20 }, () => view('b', 140)),
      now,
    );
    expect(recent).toEqual([
      { kind: 'VIEWED_ITEM', value: 'a', weight: 1, occurredAt: now.toISOString(), purpose: Purpose.BEHAVIORAL, noticeVersion: 1, evidenceId: null },
    ]);
    expect(oldBurst[0].weight).toBeCloseTo(20 * 0.5 ** 10, 2);
    expect(oldBurst[0].weight).toBeLessThan(recent[0].weight);
    expect(eventSignals([view('c', 400)], now)).toEqual([]);
  });
});

describe('profile subgraph (in process, real SQLite in memory)', () => {
  let subgraph: SubgraphModule<ProfileServices>;
  const demo = generateDemoData({ items: 300, customers: 5, now });
  const full = demo.customers[0];

  beforeAll(async () => {
    subgraph = await createProfileSubgraph({ config: testConfig(), sqliteFile: ':memory:', clock: new ManualClock(now) });
    await seedProfile(subgraph.dataSource, demo.customers);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  const SIGNALS =
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { signals { used { kind value purpose } withheld { purpose count } } } } }';

  it('shows only signals whose purpose is granted, and counts what is held back', async () => {
    const r = [{ __typename: 'Customer', id: full.id, grantedPurposes: ['essential', Purpose.STATED] }];
    const result = await execute(subgraph, SIGNALS, { r }, customer(full.id));
    expect(result.errors).toBeUndefined();
    const { used, withheld } = result.data!._entities[0].signals;
    expect(used.length).toBe(full.preferences.length);
    expect(new Set(used.map((s: { purpose: string }) => s.purpose))).toEqual(new Set([Purpose.STATED]));
    expect(withheld.map((w: { purpose: string }) => w.purpose).sort()).toEqual([Purpose.BEHAVIORAL, Purpose.PURCHASE]);
  });

  it('fails closed when grantedPurposes is missing', async () => {
    const r = [{ __typename: 'Customer', id: full.id }];
    const result = await execute(subgraph, SIGNALS, { r }, customer(full.id));
    expect(result.data!._entities[0].signals.used).toEqual([]);
  });
});
