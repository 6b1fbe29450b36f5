import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerDirectory } from '../../subgraphs/shared/peers.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { createConsentSubgraph } from '../../subgraphs/consent/subgraph.js';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import { createProfileSubgraph } from '../../subgraphs/profile/subgraph.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { createRecommendationsSubgraph } from '../../subgraphs/recommendations/subgraph.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { natsForTest } from '../helpers/nats.js';
import { customer, execute } from '../helpers/subgraph.js';

const nats = await natsForTest();
if ('unavailable' in nats) console.warn(`[training-jetstream.test] skipped: ${nats.unavailable}`);

const RECORD = 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }';
const view = (id: string) => ({
  clientEventId: id,
  type: 'VIEW',
  itemId: 'item-3',
  channel: 'web',
  source: 'web-shop',
  occurredAt: new Date().toISOString(),
});

describe.skipIf('unavailable' in nats)('learning relayed through NATS JetStream', () => {
  const config = testConfig({ nats: 'stream' in nats ? { url: nats.url, stream: nats.stream } : undefined, consentMaintenanceMs: 3_600_000 });
  const peers = PeerDirectory.fromConfig(config);
  let consent: SubgraphModule<ConsentServices>;
  let profile: SubgraphModule<ProfileServices>;
  const recommendations: SubgraphModule<RecommendationServices>[] = [];
  let consentServer: RunningServer;

  beforeAll(async () => {
    consent = await createConsentSubgraph({ config, peers, sqliteFile: ':memory:' });
    consentServer = await listen(consent.app, 0, '127.0.0.1');
    peers.register('consent', `${consentServer.url}/graphql`);
    profile = await createProfileSubgraph({ config, peers, sqliteFile: ':memory:' });
    await consent.services.consent.createCustomer('j1', null);
    await consent.services.consent.setConsents(
      'j1',
      [
        { purpose: Purpose.BEHAVIORAL, granted: true, noticeVersion: 1 },
        { purpose: Purpose.MODEL_TRAINING, granted: true, noticeVersion: 1 },
      ],
      { method: 'API', origin: 'test' },
    );
  });
  afterAll(async () => {
    for (const module of [profile, ...recommendations, consent]) await module?.close();
    await consentServer?.close();
    if ('release' in nats) await nats.release();
  });

  it('keeps what profile published while recommendations is not running, de-duplicates a repeated publish, and learns each once', async () => {
    // Recommendations is not running: the message waits in JetStream, not in profile.
    expect((await execute(profile, RECORD, { e: [view('j-1'), view('j-2')] }, customer('j1'))).data!.recordEvents.accepted).toBe(2);
    await profile.services.outbox.relay();
    expect(await profile.services.outbox.backlog()).toEqual({ pending: 0, dead: 0 });
    // Published again (a second relay, or a retry after a lost acknowledgement): de-duplicated by message id.
    const { OutboxRecord } = await import('../../subgraphs/shared/outbox.js');
    await profile.dataSource.getRepository(OutboxRecord).update({ status: 'DELIVERED' }, { status: 'PENDING' });
    await profile.services.outbox.relay();
    if ('read' in nats) expect(await nats.read('training.interactions')).toHaveLength(1);

    // Recommendations starts later and finds the messages on its durable consumer.
    const instance = await createRecommendationsSubgraph({ config, peers, sqliteFile: ':memory:' });
    recommendations.push(instance);
    instance.start();
    const learned = async () => (await instance.services.model.exportCustomer('j1')).map((r) => r.clientEventId).sort();
    await expect.poll(learned, { timeout: 10_000 }).toEqual(['j-1', 'j-2']);
    expect((await instance.services.model.current()).has('j1')).toBe(true);
  });
});
