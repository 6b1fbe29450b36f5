import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionModel } from '../../subgraphs/recommendations/engine/interaction-model.js';
import { TrainingInteractionRecord } from '../../subgraphs/recommendations/entities/training-interaction.entity.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { createRecommendationsSubgraph } from '../../subgraphs/recommendations/subgraph.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { postgresForTest } from '../helpers/postgres.js';

const database = await postgresForTest();
if ('unavailable' in database) console.warn(`[model-instances.test] skipped: ${database.unavailable}`);

const interaction = (customer: string, item: number) => ({
  clientEventId: `${customer}-${item}`,
  itemId: `item-${item}`,
  channel: 'web',
  locale: null,
  purpose: Purpose.BEHAVIORAL,
  occurredAt: '2026-11-20T10:00:00.000Z',
});

describe.skipIf('unavailable' in database)('two recommendations instances on one PostgreSQL database', () => {
  let a: SubgraphModule<RecommendationServices>;
  let b: SubgraphModule<RecommendationServices>;

  beforeAll(async () => {
    const config = testConfig({ databaseUrl: 'url' in database ? database.url : undefined });
    [a, b] = [await createRecommendationsSubgraph({ config }), await createRecommendationsSubgraph({ config })];
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if ('release' in database) await database.release();
  });

  const rebuilt = async () => InteractionModel.fromInteractions(await a.dataSource.getRepository(TrainingInteractionRecord).find()).snapshot();

  it('what one instance learns or unlearns, the other serves on its next use: its model equals one rebuilt from the table', async () => {
    await b.services.model.current(); // loaded before anything was learned
    for (const [customer, items] of [
      ['m1', [1, 2, 3]],
      ['m2', [2, 3, 4]],
      ['m3', [1, 3, 5]],
    ] as const) {
      await a.services.model.learn(
        customer,
        items.map((i) => interaction(customer, i)),
      );
    }
    expect((await b.services.model.current()).has('m2')).toBe(true);
    expect((await b.services.model.current()).snapshot()).toBe(await rebuilt());

    // Erasure or withdrawal handled by the other instance.
    await a.services.model.forgetCustomer('m2');
    await a.services.model.applyWithdrawal('m3', Purpose.BEHAVIORAL, null);
    const served = await b.services.model.current();
    expect(served.has('m2')).toBe(false);
    expect(served.has('m3')).toBe(false);
    expect(served.snapshot()).toBe(await rebuilt());
    expect(served.snapshot()).toBe(
      InteractionModel.fromInteractions([1, 2, 3].map((i) => ({ ...interaction('m1', i), customerId: 'm1' }))).snapshot(),
    );
  });
});
