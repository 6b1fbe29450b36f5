import { createExplanationsSubgraph } from '../../subgraphs/explanations/subgraph.js';
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
import { customer, execute } from '../helpers/subgraph.js';

const RECORD = 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted dropped } }';
const view = (id: string) => ({
  clientEventId: id,
  type: 'VIEW',
  itemId: 'item-7',
  channel: 'web',
  source: 'web-shop',
  occurredAt: new Date().toISOString(),
});
const API = { method: 'API' as const, origin: 'test' };

describe('the training feed goes through profile’s outbox', () => {
  const config = testConfig({ consentMaintenanceMs: 3_600_000 });
  const peers = PeerDirectory.fromConfig(config);
  let consent: SubgraphModule<ConsentServices> & { maintenance: { runOnce(): Promise<void> } };
  let profile: SubgraphModule<ProfileServices>;
  let recommendations: SubgraphModule<RecommendationServices>;
  let explanations: SubgraphModule<unknown>;
  const servers: RunningServer[] = [];
  let recommendationsServer: RunningServer | null = null;

  const upRecommendations = async () => {
    recommendationsServer = await listen(recommendations.app, 0, '127.0.0.1');
    peers.register('recommendations', `${recommendationsServer.url}/graphql`);
  };
  const downRecommendations = async () => {
    await recommendationsServer?.close();
    recommendationsServer = null;
    peers.register('recommendations', 'http://127.0.0.1:9/graphql');
  };
  const learnedRows = async () => (await recommendations.services.model.exportCustomer('t1')).map((r) => r.clientEventId).sort();

  beforeAll(async () => {
    // Each part listens before the next is built: profile reads consent's address when it is built.
    consent = await createConsentSubgraph({ config, peers, sqliteFile: ':memory:' });
    servers.push(await listen(consent.app, 0, '127.0.0.1'));
    peers.register('consent', `${servers[0].url}/graphql`);
    profile = await createProfileSubgraph({ config, peers, sqliteFile: ':memory:' });
    servers.push(await listen(profile.app, 0, '127.0.0.1'));
    peers.register('profile', `${servers[1].url}/graphql`);
    recommendations = await createRecommendationsSubgraph({ config, peers, sqliteFile: ':memory:' });
    explanations = await createExplanationsSubgraph({ config, peers, sqliteFile: ':memory:' });
    servers.push(await listen(explanations.app, 0, '127.0.0.1'));
    peers.register('explanations', `${servers[2].url}/graphql`);
    await consent.services.consent.createCustomer('t1', null);
    await consent.services.consent.setConsents(
      't1',
      [
        { purpose: Purpose.BEHAVIORAL, granted: true, noticeVersion: 1 },
        { purpose: Purpose.MODEL_TRAINING, granted: true, noticeVersion: 1 },
      ],
      API,
    );
  });
  afterAll(async () => {
    await recommendationsServer?.close();
    for (const server of servers) await server.close();
    for (const module of [profile, recommendations, explanations, consent]) await module?.close();
  });

  it('keeps interactions while recommendations is down and delivers them once it is back', async () => {
    await downRecommendations();
    const answer = await execute(profile, RECORD, { e: [view('e1'), view('e2')] }, customer('t1'));
    expect(answer.data!.recordEvents).toEqual({ accepted: 2, dropped: 0 });
    await profile.services.outbox.relay();
    expect(await profile.services.outbox.backlog()).toEqual({ pending: 1, dead: 0 });
    expect(await learnedRows()).toEqual([]);

    await upRecommendations();
    await profile.services.outbox.relay();
    expect(await profile.services.outbox.backlog()).toEqual({ pending: 0, dead: 0 });
    expect(await learnedRows()).toEqual(['e1', 'e2']);
    expect((await recommendations.services.model.current()).has('t1')).toBe(true);
  });

  it('an interaction still waiting when model.training is withdrawn is never learned, whichever arrives first', async () => {
    await downRecommendations();
    expect((await execute(profile, RECORD, { e: [view('e3')] }, customer('t1'))).data!.recordEvents.accepted).toBe(1);
    await consent.services.consent.setConsents('t1', [{ purpose: Purpose.MODEL_TRAINING, granted: false }], API);
    await upRecommendations();
    // The late interaction first, then the withdrawal's delivery (the watermark), then the interaction again.
    await profile.services.outbox.relay();
    await consent.maintenance.runOnce();
    expect(await learnedRows()).toEqual([]);
    expect((await recommendations.services.model.current()).has('t1')).toBe(false);
  });

  it('a delivery carrying a consent version from before a withdrawal is refused even after a new grant', async () => {
    const before = (await consent.services.ledger.versionOf('t1')) - 1; // the state before the withdrawal above
    await consent.maintenance.runOnce(); // every part has confirmed the withdrawal
    await consent.services.consent.setConsents('t1', [{ purpose: Purpose.MODEL_TRAINING, granted: true, noticeVersion: 1 }], API);
    const late = [
      { clientEventId: 'e-late', itemId: 'item-8', channel: 'web', locale: null, purpose: Purpose.BEHAVIORAL, occurredAt: new Date().toISOString() },
    ];
    expect(await recommendations.services.model.learnForwarded('t1', late, before)).toBe(0);
    expect(await recommendations.services.model.learnForwarded('t1', late, await consent.services.ledger.versionOf('t1'))).toBe(1);
    expect(await learnedRows()).toEqual(['e-late']);
  });
});
