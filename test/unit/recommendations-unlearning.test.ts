import fc from 'fast-check';
import { Like } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerDirectory } from '../../subgraphs/shared/peers.js';
import { generateDemoData } from '../../scripts/demo/generate.js';
import { InteractionModel, WINDOW, type Interaction } from '../../subgraphs/recommendations/engine/interaction-model.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { seedRecommendations } from '../../subgraphs/recommendations/seed.js';
import { createRecommendationsSubgraph } from '../../subgraphs/recommendations/subgraph.js';
import { TrainingInteractionRecord } from '../../subgraphs/recommendations/entities/training-interaction.entity.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { isTrainable } from '../../subgraphs/shared/trainable.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { seedConsent } from '../../subgraphs/consent/seed.js';
import { createConsentSubgraph } from '../../subgraphs/consent/subgraph.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import { testConfig } from '../helpers/config.js';
import { customer, execute } from '../helpers/subgraph.js';

const data = generateDemoData({ items: 600, customers: 60 });
const trainers = data.customers.filter((c) => c.granted.includes(Purpose.MODEL_TRAINING));
const interactions: Interaction[] = trainers.flatMap((c) =>
  c.events.filter(isTrainable).map((e) => ({ customerId: c.id, itemId: e.itemId!, channel: e.channel, locale: e.locale, occurredAt: e.occurredAt })),
);

const training = (subgraph: SubgraphModule<RecommendationServices>) => subgraph.dataSource.getRepository(TrainingInteractionRecord);
/** The interactions stored in the subgraph's database, as the model learns them. */
const interactionsStored = (subgraph: SubgraphModule<RecommendationServices>): Promise<Interaction[]> =>
  training(subgraph).find({ select: { customerId: true, itemId: true, channel: true, locale: true, occurredAt: true }, order: { seq: 'ASC' } });

describe('co-occurrence model: exact unlearning', () => {
  it('forgetting a customer leaves exactly the model rebuilt from scratch without them', () => {
    for (const gone of trainers.slice(0, 5)) {
      const model = InteractionModel.fromInteractions(interactions);
      const before = model.snapshot();
      expect(model.forget(gone.id)).toBeGreaterThan(0);
      const rebuilt = InteractionModel.fromInteractions(interactions.filter((i) => i.customerId !== gone.id));
      expect(model.snapshot()).toBe(rebuilt.snapshot());
      expect(model.snapshot()).not.toBe(before);
    }
  });

  it('holds for any interactions, any arrival order and any customer (property)', () => {
    const arbitraryInteraction = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd'),
      itemId: fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `i${i}`)),
      channel: fc.constantFrom('web', 'app'),
      occurredAt: fc.integer({ min: 0, max: 1_000 }).map((m) => new Date(Date.UTC(2026, 9, 1) + m * 3_600_000).toISOString()),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryInteraction, { maxLength: 80 }),
        fc.constantFrom('a', 'b', 'c', 'd'),
        fc.integer({ min: 1, max: 5 }),
        (list, gone, batches) => {
          const model = new InteractionModel();
          const size = Math.ceil(list.length / batches) || 1;
          for (let i = 0; i < list.length; i += size) model.learn(list.slice(i, i + size)); // arrives in batches
          model.forget(gone);
          const rebuilt = InteractionModel.fromInteractions([...list].reverse().filter((i) => i.customerId !== gone));
          expect(model.snapshot()).toBe(rebuilt.snapshot());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts only a customer’s most recent distinct items, so unlearning cost stays bounded', () => {
    const many = Array.from({ length: WINDOW + 30 }, (_, i) => ({
      customerId: 'x',
      itemId: `item-${i}`,
      channel: 'web',
      occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }));
    const model = InteractionModel.fromInteractions(many);
    expect(model.neighbours('item-0', 5)).toEqual([]); // fell out of the window
    expect(model.neighbours(`item-${WINDOW + 29}`, 200)).toHaveLength(WINDOW - 1);
  });
});

describe('ModelService: training data in SQLite and the model together', () => {
  let subgraph: SubgraphModule<RecommendationServices>;
  beforeAll(async () => {
    subgraph = await createRecommendationsSubgraph({ config: testConfig(), sqliteFile: ':memory:' });
    await seedRecommendations(subgraph.services, data);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('seeds the model from demo customers who granted model.training only', async () => {
    const model = await subgraph.services.model.current();
    expect(model.customerCount).toBe(trainers.filter((c) => c.events.some(isTrainable)).length);
    const stored = await training(subgraph)
      .createQueryBuilder('t')
      .select('t.customerId', 'customerId')
      .distinct(true)
      .getRawMany<{ customerId: string }>();
    for (const row of stored) expect(trainers.map((c) => c.id)).toContain(row.customerId);
  });

  it('forgetCustomer deletes the rows and unlearns: equal to a rebuild from the remaining rows and from scratch', async () => {
    const gone = trainers.find((c) => c.events.some(isTrainable))!;
    const removed = await subgraph.services.model.forgetCustomer(gone.id);
    expect(removed).toEqual([{ category: 'model training interactions', count: gone.events.filter(isTrainable).length }]);
    const live = await subgraph.services.model.current();
    const rows = await interactionsStored(subgraph);
    expect(live.snapshot()).toBe(InteractionModel.fromInteractions(rows).snapshot());
    expect(live.snapshot()).toBe(InteractionModel.fromInteractions(interactions.filter((i) => i.customerId !== gone.id)).snapshot());
    expect(live.has(gone.id)).toBe(false);
    expect(await subgraph.services.model.forgetCustomer(gone.id)).toEqual([{ category: 'model training interactions', count: 0 }]);
  });

  it('unlearns on withdrawal of model.training, and of the purpose an interaction’s event was collected under', async () => {
    const [other, third] = trainers.filter((c) => c.events.some(isTrainable)).slice(1, 3);
    expect(await subgraph.services.model.applyWithdrawal(other.id, Purpose.ANALYTICS, null)).toEqual([]);
    expect((await subgraph.services.model.current()).has(other.id)).toBe(true);
    const [removed] = await subgraph.services.model.applyWithdrawal(other.id, Purpose.MODEL_TRAINING, null);
    expect(removed.count).toBeGreaterThan(0);
    expect((await subgraph.services.model.current()).has(other.id)).toBe(false);

    // Withdrawing browsing unlearns what browsing events taught; purchases stay learned.
    const browsed = third.events.filter((e) => isTrainable(e) && e.purpose === Purpose.BEHAVIORAL).length;
    expect(browsed).toBeGreaterThan(0);
    expect(await subgraph.services.model.applyWithdrawal(third.id, Purpose.BEHAVIORAL, null)).toEqual([
      { category: 'model training interactions', count: browsed },
    ]);
    const rows = await training(subgraph).find({
      select: { customerId: true, itemId: true, channel: true, locale: true, purpose: true, occurredAt: true },
      order: { seq: 'ASC' },
    });
    expect(rows.filter((r) => r.customerId === third.id).every((r) => r.purpose === Purpose.PURCHASE)).toBe(true);
    expect((await subgraph.services.model.current()).snapshot()).toBe(InteractionModel.fromInteractions(rows).snapshot());
    expect(await subgraph.services.model.applyWithdrawal(third.id, Purpose.BEHAVIORAL, null)).toEqual([]);
  });
});

describe('with the consent subgraph: learning only under model.training, and its retention window', () => {
  const service = { subject: 'profile', role: 'service' as const, scopes: [], gpc: false };
  const now = new Date('2026-11-01T12:00:00.000Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const clock = new ManualClock(now);
  let consent: SubgraphModule<ConsentServices>;
  let consentServer: RunningServer;
  let subgraph: SubgraphModule<RecommendationServices>;

  beforeAll(async () => {
    consent = await createConsentSubgraph({ config: testConfig(), sqliteFile: ':memory:', clock: new ManualClock(now) });
    await seedConsent(consent.services, data.customers);
    consentServer = await listen(consent.app, 0, '127.0.0.1');
    const config = testConfig();
    const peers = PeerDirectory.fromConfig(config);
    peers.register('consent', `${consentServer.url}/graphql`);
    subgraph = await createRecommendationsSubgraph({ config, peers, sqliteFile: ':memory:', clock });
    await subgraph.services.trainingRetention.stop(); // the sweep at start is done; these tests sweep by hand
  });
  afterAll(async () => {
    await subgraph?.close();
    await consentServer?.close();
    await consent?.close();
  });

  it('deletes interactions older than their notices allow and unlearns them exactly', async () => {
    const [a, b, c] = data.catalog.map((i) => i.id);
    // Kept for the shorter of model.training's window (365 days) and their own purpose's.
    const at = (clientEventId: string, itemId: string, days: number, purpose: string = Purpose.BEHAVIORAL) => ({
      clientEventId,
      itemId,
      channel: 'web',
      purpose,
      occurredAt: daysAgo(days),
    });
    await subgraph.services.model.learn('r1', [at('r1-old', a, 400), at('r1-new', b, 10)]);
    await subgraph.services.model.learn('r2', [at('r2-old', a, 200), at('r2-older', c, 500, Purpose.PURCHASE)]); // browsing: 180 days
    await subgraph.services.model.learn('r3', [at('r3-buy', a, 364, Purpose.PURCHASE), at('r3-new2', c, 1)]);

    expect(await subgraph.services.trainingRetention.sweep()).toBe(3);
    const rows = await interactionsStored(subgraph);
    expect(rows.map((r) => r.customerId)).toEqual(['r1', 'r3', 'r3']);
    const live = await subgraph.services.model.current();
    expect(live.snapshot()).toBe(InteractionModel.fromInteractions(rows).snapshot());
    expect(live.has('r2')).toBe(false);
    expect(await subgraph.services.trainingRetention.sweep()).toBe(0);
  });

  it('learnInteractions is internal: a customer gets FORBIDDEN, bad input a clear error, retries are harmless', async () => {
    const mutation = 'mutation ($c: ID!, $i: [TrainingInteractionInput!]!) { learnInteractions(customerId: $c, interactions: $i) }';
    const trainer = trainers[0].id;
    const interaction = {
      clientEventId: 'e-1',
      itemId: data.catalog[0].id,
      channel: 'web',
      purpose: Purpose.BEHAVIORAL,
      occurredAt: '2026-10-01T10:00:00.000Z',
    };
    const denied = await execute(subgraph, mutation, { c: trainer, i: [interaction] }, customer(trainer));
    expect(denied.errors).toEqual([expect.objectContaining({ message: 'You are not allowed to do this.', extensions: { code: 'FORBIDDEN' } })]);
    const bad = await execute(subgraph, mutation, { c: trainer, i: [{ ...interaction, occurredAt: 'yesterday' }] }, service);
    expect(bad.errors).toEqual([
      expect.objectContaining({ message: 'occurredAt must be an ISO 8601 time.', extensions: { code: 'BAD_USER_INPUT', field: 'occurredAt' } }),
    ]);
    for (let i = 0; i < 2; i += 1) {
      const ok = await execute(subgraph, mutation, { c: trainer, i: [interaction] }, service);
      expect(ok).toEqual({ data: { learnInteractions: 1 } });
    }
    expect(await training(subgraph).countBy({ customerId: trainer })).toBe(1);
  });

  it('learns forwarded interactions only while model.training and their own purpose are granted, checked at the moment of learning', async () => {
    const mutation = 'mutation ($c: ID!, $i: [TrainingInteractionInput!]!) { learnInteractions(customerId: $c, interactions: $i) }';
    const notTraining = data.customers.find((c) => !c.granted.includes(Purpose.MODEL_TRAINING))!.id;
    const interaction = { clientEventId: 'late-1', itemId: data.catalog[1].id, channel: 'web', purpose: Purpose.BEHAVIORAL, occurredAt: daysAgo(1) };
    expect(await execute(subgraph, mutation, { c: notTraining, i: [interaction] }, service)).toEqual({ data: { learnInteractions: 0 } });
    expect((await subgraph.services.model.current()).has(notTraining)).toBe(false);
    expect(await training(subgraph).countBy({ customerId: notTraining })).toBe(0);

    // Browsing withdrawn (model.training still granted): forwarded browsing is refused, purchases are learned.
    const trainer = trainers[3].id;
    await consent.services.consent.setConsents(trainer, [{ purpose: Purpose.BEHAVIORAL, granted: false }], { method: 'API', origin: 'test' });
    const forwarded = [
      { ...interaction, clientEventId: 'late-view' },
      { ...interaction, clientEventId: 'late-buy', itemId: data.catalog[2].id, purpose: Purpose.PURCHASE },
    ];
    expect(await execute(subgraph, mutation, { c: trainer, i: forwarded }, service)).toEqual({ data: { learnInteractions: 1 } });
    const stored = await training(subgraph).find({ select: { clientEventId: true }, where: { clientEventId: Like('late-%') } });
    expect(stored).toEqual([{ clientEventId: 'late-buy' }]);
  });

  it('a withdrawal delivered late leaves what was learned under a new grant', async () => {
    const learn = (ids: string[], itemOffset: number) =>
      subgraph.services.model.learn(
        'w1',
        ids.map((clientEventId, k) => ({
          clientEventId,
          itemId: data.catalog[itemOffset + k].id,
          channel: 'web',
          purpose: Purpose.BEHAVIORAL,
          occurredAt: daysAgo(2),
        })),
      );
    await learn(['w1-a', 'w1-b'], 20);
    const withdrawnAt = clock.now().toISOString();
    clock.advance(60_000); // granted again, and more arrives, before the withdrawal is delivered
    await learn(['w1-c', 'w1-d'], 22);
    expect(await subgraph.services.model.applyWithdrawal('w1', Purpose.MODEL_TRAINING, withdrawnAt)).toEqual([
      { category: 'model training interactions', count: 2 },
    ]);
    const left = await training(subgraph).find({ select: { clientEventId: true }, where: { customerId: 'w1' }, order: { seq: 'ASC' } });
    expect(left.map((r) => r.clientEventId)).toEqual(['w1-c', 'w1-d']);
    const rows = await interactionsStored(subgraph);
    expect((await subgraph.services.model.current()).snapshot()).toBe(InteractionModel.fromInteractions(rows).snapshot());
  });

  it('treats rows stored before purposes and times were recorded as covered by any collection purpose’s withdrawal', async () => {
    // As stored before purposes and times were recorded: no purpose, receivedAt or locale.
    await training(subgraph).insert({
      customerId: 'legacy',
      clientEventId: 'l-1',
      itemId: data.catalog[30].id,
      channel: 'web',
      occurredAt: daysAgo(3),
    });
    expect(await training(subgraph).findOneByOrFail({ clientEventId: 'l-1' })).toMatchObject({ purpose: null, receivedAt: null, locale: null });
    await subgraph.services.model.learn('legacy', [
      { clientEventId: 'l-2', itemId: data.catalog[31].id, channel: 'web', purpose: Purpose.PURCHASE, occurredAt: daysAgo(2) },
    ]);
    expect(await subgraph.services.model.applyWithdrawal('legacy', Purpose.BEHAVIORAL, clock.now().toISOString())).toEqual([
      { category: 'model training interactions', count: 1 },
    ]);
    const left = await training(subgraph).find({ select: { clientEventId: true }, where: { customerId: 'legacy' } });
    expect(left).toEqual([{ clientEventId: 'l-2' }]);
  });

  it('when consent does not answer, deletes nothing and says so', async () => {
    const config = testConfig();
    const peers = PeerDirectory.fromConfig(config);
    const alone = await createRecommendationsSubgraph({ config, peers, sqliteFile: ':memory:', clock: new ManualClock(now) });
    await alone.services.trainingRetention.stop();
    try {
      await alone.services.model.learn('r9', [
        { clientEventId: 'r9-old', itemId: data.catalog[0].id, channel: 'web', purpose: Purpose.BEHAVIORAL, occurredAt: daysAgo(900) },
      ]);
      await expect(alone.services.trainingRetention.sweep()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(await alone.services.model.count()).toBe(1);
    } finally {
      await alone.close();
    }
  });
});
