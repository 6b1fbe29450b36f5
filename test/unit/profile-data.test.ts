import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerDirectory } from '../../subgraphs/shared/peers.js';
import { createConsentSubgraph } from '../../subgraphs/consent/subgraph.js';
import { WithdrawalWatermarkRecord, admittedPurposes } from '../../subgraphs/shared/withdrawal-watermark.js';
import { EventRecord, type EventType } from '../../subgraphs/profile/entities/event.entity.js';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import { closest } from '../../subgraphs/profile/services/catalog-vocabulary.js';
import { MAX_BATCH } from '../../subgraphs/profile/services/event.service.js';
import { EVENT_SIGNALS, aggregateEvents, decaySignals, eventSignals } from '../../subgraphs/profile/services/signal-builder.js';
import { createProfileSubgraph } from '../../subgraphs/profile/subgraph.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { anonymous, customer, execute } from '../helpers/subgraph.js';

const DAY = 86_400_000;
const now = new Date('2026-11-01T00:00:00.000Z');
const service = { subject: 'test', role: 'service' as const, scopes: [], gpc: false };

const row = (customerId: string, clientEventId: string, type: EventType, daysAgo: number, itemId = 'item-1') => ({
  customerId,
  clientEventId,
  type,
  itemId,
  value: type === 'RATING' ? '5' : null,
  channel: 'web',
  source: 'web-shop',
  purpose: EVENT_SIGNALS[type].purpose,
  noticeVersion: 1,
  occurredAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
  receivedAt: now.toISOString(),
});

describe('catalog suggestions', () => {
  it('offers the nearest known values, containing matches first', () => {
    const known = ['tents', 'trail running shoes', 'road running shoes', 'ropes'];
    expect(closest('tnets', known)).toEqual(['tents']);
    expect(closest('running', known)).toEqual(['road running shoes', 'trail running shoes']);
    expect(closest('kayak paddles', known)).toEqual([]);
  });
});

describe('signal decay', () => {
  it('ageing the aggregated events gives the same signals as building them later from scratch', () => {
    const types = Object.keys(EVENT_SIGNALS) as EventType[];
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom(...types), item: fc.integer({ min: 0, max: 30 }), daysAgo: fc.integer({ min: 0, max: 300 }) }), {
          maxLength: 300,
        }),
        fc.integer({ min: 0, max: 200 }),
        (events, laterDays) => {
          const rows = events.map((e, i) => ({
            ...row('c', String(i), e.type, e.daysAgo, `item-${e.item}`),
            value: e.type === 'SEARCH' ? `q${e.item}` : e.type === 'RATING' ? '1' : null,
          }));
          const later = new Date(now.getTime() + laterDays * DAY);
          const aged = decaySignals(aggregateEvents(rows, now), later);
          const fresh = eventSignals(rows, later);
          const key = (s: { kind: string; value: string }) => `${s.kind}|${s.value}`;
          expect(new Set(aged.map(key))).toEqual(new Set(fresh.map(key)));
          const weights = new Map(fresh.map((s) => [key(s), s.weight]));
          for (const s of aged) expect(s.weight).toBeCloseTo(weights.get(key(s))!, 2);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('profile subgraph internals (in process, real SQLite in memory)', () => {
  let profile: SubgraphModule<ProfileServices>;

  beforeAll(async () => {
    profile = await createProfileSubgraph({ config: testConfig(), sqliteFile: ':memory:', clock: new ManualClock(now) });
  });
  afterAll(async () => {
    await profile?.close();
  });

  it('sees events added or deleted behind its back (withdrawal, retention) on the very next read', async () => {
    const repo = profile.dataSource.getRepository(EventRecord);
    await repo.insert([row('c1', 'a', 'VIEW', 1), row('c1', 'b', 'PURCHASE', 1, 'item-2')]);
    const kinds = async () => (await profile.services.signals.storedSignals('c1')).map((s) => s.kind).sort();
    expect(await kinds()).toEqual(['PURCHASED_ITEM', 'VIEWED_ITEM']);
    await repo.delete({ customerId: 'c1', purpose: EVENT_SIGNALS.VIEW.purpose });
    expect(await kinds()).toEqual(['PURCHASED_ITEM']);
    await repo.delete({ customerId: 'c1', clientEventId: 'b' });
    await repo.insert(row('c1', 'c', 'RATING', 0));
    expect(await kinds()).toEqual(['RATED_ITEM']);
  });

  it('a withdrawal removes what was collected under consent states before it, not what came under a new grant, and raises the watermark', async () => {
    const repo = profile.dataSource.getRepository(EventRecord);
    const at = (consentVersion: number | null, id: string) => ({ ...row('w2', id, 'VIEW', 1), consentVersion });
    // 5 is the withdrawal's own position: a row tagged with it read its grants just before (separate reads).
    await repo.insert([at(3, 'before'), at(null, 'unversioned'), at(5, 'at-the-withdrawal'), at(7, 'after')]);
    const APPLY =
      'mutation ($w: String, $seq: Int) { applyConsentWithdrawal(customerId: "w2", purpose: "personalization.behavioral", withdrawnAt: $w, withdrawalSeq: $seq) { removed { category count } } }';
    expect((await execute(profile, APPLY, { w: '2026-10-03T00:00:00.000Z', seq: 5 }, service)).data!.applyConsentWithdrawal).toEqual({
      removed: [{ category: 'behavioral events', count: 3 }],
    });
    expect((await repo.findBy({ customerId: 'w2' })).map((e) => e.clientEventId)).toEqual(['after']);
    // The mark stays: a write admitted under a consent state from before the withdrawal is refused, a later one is not.
    const admitted = (version: number) =>
      profile.dataSource.transaction((m) => admittedPurposes(m, 'w2', ['personalization.behavioral', 'personalization.purchase'], version));
    expect([...(await admitted(4))]).toEqual(['personalization.purchase']);
    expect([...(await admitted(6))].sort()).toEqual(['personalization.behavioral', 'personalization.purchase']);
    expect((await execute(profile, APPLY, { w: 'yesterday' }, service)).errors).toEqual([
      expect.objectContaining({ message: 'withdrawnAt must be an ISO 8601 time.', extensions: { code: 'BAD_USER_INPUT', field: 'withdrawnAt' } }),
    ]);
  });

  it(`refuses batches of more than ${MAX_BATCH} events before doing anything`, async () => {
    const events = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({
      clientEventId: `e${i}`,
      type: 'VIEW',
      itemId: 'item-1',
      channel: 'web',
      source: 'web-shop',
      occurredAt: now.toISOString(),
    }));
    const result = await execute(profile, 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }', { e: events }, customer('c1'));
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: `Send at most ${MAX_BATCH} events per batch; split the rest.`,
        extensions: { code: 'BAD_USER_INPUT', field: 'events' },
      }),
    ]);
  });

  it('after erasure, anything still arriving for the customer is refused, and no id is kept to do it', async () => {
    await profile.services.customerData.eraseFor('late-1');
    const admitted = await profile.dataSource.transaction((m) => admittedPurposes(m, 'late-1', ['personalization.behavioral'], 1_000_000));
    expect([...admitted]).toEqual([]);
    expect(JSON.stringify(await profile.dataSource.getRepository(WithdrawalWatermarkRecord).find())).not.toContain('late-1');
  });

  it('serves the internal export and erasure only to services', async () => {
    const EXPORT = 'query ($id: ID!) { exportCustomerData(customerId: $id) }';
    expect((await execute(profile, EXPORT, { id: 'c1' }, customer('c1'))).errors).toEqual([
      expect.objectContaining({ message: 'You are not allowed to do this.', extensions: { code: 'FORBIDDEN' } }),
    ]);
    expect((await execute(profile, EXPORT, { id: 'c1' }, anonymous)).errors).toEqual([
      expect.objectContaining({ message: 'Please sign in first.', extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
    const exported = await execute(profile, EXPORT, { id: 'c1' }, service);
    expect(JSON.parse(exported.data!.exportCustomerData).data.events.map((e: { clientEventId: string }) => e.clientEventId)).toEqual(['c']);
    const ERASE = 'mutation ($id: ID!) { eraseCustomerData(customerId: $id) { subgraph removed { category count } } }';
    expect((await execute(profile, ERASE, { id: 'c1' }, customer('c1'))).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await execute(profile, ERASE, { id: 'c1' }, service)).data!.eraseCustomerData).toEqual({
      subgraph: 'profile',
      removed: [
        { category: 'statedPreferences', count: 0 },
        { category: 'events', count: 1 },
        { category: 'withdrawalWatermarks', count: 0 },
        { category: 'outboxMessages', count: 0 },
      ],
    });
    expect(await profile.services.signals.storedSignals('c1')).toEqual([]);
  });
});

describe('retention job', () => {
  let consent: SubgraphModule<unknown>;
  let consentServer: RunningServer;
  let profile: SubgraphModule<ProfileServices> | undefined;

  beforeAll(async () => {
    const config = testConfig();
    const peers = PeerDirectory.fromConfig(config);
    consent = await createConsentSubgraph({ config, peers, sqliteFile: ':memory:', clock: new ManualClock(now) });
    consentServer = await listen(consent.app, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await profile?.close();
    await consentServer?.close();
    await consent?.close();
  });

  it('runs at start and then every retentionSweepMs, with the windows of the consent notices, and stops on close', async () => {
    const clock = new ManualClock(now);
    const config = testConfig({ retentionSweepMs: 40 });
    const peers = PeerDirectory.fromConfig(config);
    peers.register('consent', `${consentServer.url}/graphql`);
    const file = `${config.dataDir}/profile.sqlite`;
    // A first start creates the database; the events are then older than behavioral's 180 days.
    await (await createProfileSubgraph({ config: { ...config, retentionSweepMs: 3_600_000 }, peers, sqliteFile: file, clock })).close();
    profile = await createProfileSubgraph({ config, peers, sqliteFile: file, clock });
    const repo = profile.dataSource.getRepository(EventRecord);
    await profile.services.retention.stop();
    await repo.insert([row('c9', 'old-view', 'VIEW', 181), row('c9', 'old-buy', 'PURCHASE', 181, 'item-2'), row('c9', 'new-view', 'VIEW', 10)]);
    profile.services.retention.start();
    await expect
      .poll(async () => (await repo.findBy({ customerId: 'c9' })).map((e) => e.clientEventId).sort(), { timeout: 5_000 })
      .toEqual(['new-view', 'old-buy']);

    clock.advance(171 * DAY); // new-view is now 181 days old: the periodic sweep takes it
    await expect.poll(async () => (await repo.findBy({ customerId: 'c9' })).map((e) => e.clientEventId), { timeout: 5_000 }).toEqual(['old-buy']);
    await profile.close();
    profile = undefined;
  });
});
