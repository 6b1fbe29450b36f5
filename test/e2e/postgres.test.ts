import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { ERASE_CONFIRMATION } from '../../subgraphs/profile/services/erasure.service.js';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { postgresForTest } from '../helpers/postgres.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

// On PostgreSQL whatever the run's database: the run's own when it is on PostgreSQL, else a scratch one.
const database = await postgresForTest();
if ('unavailable' in database) console.warn(`[postgres.test] skipped: ${database.unavailable}`);

describe.skipIf('unavailable' in database)('on PostgreSQL: withdrawal, retention and erasure across every subgraph', () => {
  let stack: TestStack;
  beforeAll(async () => {
    if ('url' in database) stack = await startTestStack({ databaseUrl: database.url, seed: { items: 200, customers: 8 } });
  });
  afterAll(async () => {
    await stack?.close();
    if ('release' in database) await database.release();
  });

  it('withdraws with every part reporting, sweeps retention, and erases completely', async () => {
    const customer = DEMO_CUSTOMERS.full;
    const token = await stack.tokenFor(customer);
    const recs = await stack.graphql('{ me { recommendations(first: 5) { items { itemId explanation { summary } } } } }', {}, { token });
    expect(recs.errors).toBeUndefined();

    const withdraw =
      'mutation { setConsent(purpose: "personalization.behavioral", granted: false) { receipt { dataRemoval { status removed { subgraph category count } pending { subgraph } } } } }';
    const withdrawn = await stack.graphql(withdraw, {}, { token });
    expect(withdrawn.errors).toBeUndefined();
    const removal = withdrawn.data!.setConsent.receipt.dataRemoval;
    expect(removal).toMatchObject({ status: 'COMPLETE', pending: [] });
    const categories = removal.removed.map((r: { subgraph: string; category: string }) => `${r.subgraph}: ${r.category}`);
    expect(categories).toEqual(
      expect.arrayContaining([
        'profile: behavioral events',
        'recommendations: model training interactions',
        'recommendations: decision log evidence',
      ]),
    );

    const profile = stack.subgraphs.profile.services as ProfileServices;
    const recommendations = stack.subgraphs.recommendations.services as RecommendationServices;
    await expect(profile.retention.sweep()).resolves.toBeInstanceOf(Array);
    await expect(recommendations.trainingRetention.sweep()).resolves.toBeGreaterThanOrEqual(0);
    const [unlearned] = await recommendations.model.applyWithdrawal(customer, Purpose.PURCHASE, new Date().toISOString());
    expect(unlearned.count).toBeGreaterThan(0); // what purchases taught, on PostgreSQL's find/delete path

    const erased = await stack.graphql(`mutation { eraseMe(confirm: "${ERASE_CONFIRMATION}") { complete pending } }`, {}, { token });
    expect(erased.data!.eraseMe).toEqual({ complete: true, pending: [] });
  });
});
