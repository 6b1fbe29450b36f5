import { systemClock } from '../shared/clock.js';
import { ConsentClient } from '../shared/consent-client.js';
import { CustomerDataService, entityHolder } from '../shared/customer-data.js';
import { CALL_TIMEOUT_MS, createSignedFetches } from '../shared/signed-fetch.js';
import { openDatabase } from '../shared/database.js';
import { Transactions } from '../shared/transactions.js';
import { PeerDirectory } from '../shared/peers.js';
import { assembleSubgraph, type SubgraphModule, type SubgraphOptions } from '../shared/subgraph-module.js';
import { createSubgraphServer } from '../shared/subgraph-server.js';
import { EventSourceRecord } from './entities/event-source.entity.js';
import { EventRecord } from './entities/event.entity.js';
import { StatedPreferenceRecord } from './entities/stated-preference.entity.js';
import { ProfileInitial } from './migrations/0001-initial.js';
import { ProfileEventsRetentionIndex } from './migrations/0002-events-retention-index.js';
import { ProfileEventLocale } from './migrations/0003-event-locale.js';
import { ProfilePreferenceUniqueConsentVersion } from './migrations/0004-preference-unique-consent-version.js';
import { ProfileEventDecision } from './migrations/0005-event-decision.js';
import { NONCE_ENTITIES, RequestNonces, SignedRequestNoncesTable } from '../shared/request-nonces.js';
import { WATERMARK_ENTITIES, WithdrawalWatermarksTable, watermarkHolder, isErased } from '../shared/withdrawal-watermark.js';
import { buildProfileSchema, type ProfileServices } from './schema.js';
import { CatalogVocabulary } from './services/catalog-vocabulary.js';
import { CustomerEventCache, forgetting } from './services/customer-event-cache.js';
import { DataExportService } from './services/data-export.service.js';
import { ErasureService } from './services/erasure.service.js';
import { EventService } from './services/event.service.js';
import { MeasurementEventsService } from './services/measurement-events.service.js';
import { PeerClients } from './services/peer-clients.js';
import { PreferenceService } from './services/preference.service.js';
import { RetentionService } from './services/retention.service.js';
import { SignalService } from './services/signal.service.js';
import { WithdrawalService } from './services/withdrawal.service.js';
import { TrainingFeed, learnOverHttp } from './services/training-feed.js';
import { OUTBOX_ENTITIES, OutboxRecord, OutboxTable, Outbox, publishTo } from '../shared/outbox.js';
import { connectJetStream } from '../shared/message-engine.js';
import { startWithdrawalConsumer } from '../shared/withdrawal-relay.js';

export const PROFILE_ENTITIES = [
  StatedPreferenceRecord,
  EventRecord,
  EventSourceRecord,
  ...WATERMARK_ENTITIES,
  ...OUTBOX_ENTITIES,
  ...NONCE_ENTITIES,
];

export async function createProfileSubgraph(options: SubgraphOptions): Promise<SubgraphModule<ProfileServices>> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const dataSource = await openDatabase({
    name: 'profile',
    config,
    entities: PROFILE_ENTITIES,
    migrations: [
      ProfileInitial,
      ProfileEventsRetentionIndex,
      ProfileEventLocale,
      ProfilePreferenceUniqueConsentVersion,
      WithdrawalWatermarksTable,
      OutboxTable,
      SignedRequestNoncesTable,
      ProfileEventDecision,
    ],
    sqliteFile: options.sqliteFile,
  });
  const tx = new Transactions(dataSource);
  const fetches = createSignedFetches(config.gatewaySecret, config.partners, CALL_TIMEOUT_MS.profile);
  const directory = options.peers ?? PeerDirectory.fromConfig(config);
  const peers = new PeerClients(
    directory,
    fetches,
    config.partners.map((p) => p.name),
  );
  const consentClient = new ConsentClient(peers.of('consent'));
  // Relayed through the message engine when one is configured, otherwise by a signed call in process.
  const engine = config.nats ? await connectJetStream(config.nats.url, config.nats.stream) : null;
  const transport = engine ? publishTo(engine) : learnOverHttp(() => peers.of('recommendations'));
  const outbox = new Outbox(tx, clock, transport, { source: 'profile', retryMs: config.consentMaintenanceMs });
  const catalog = new CatalogVocabulary(peers, clock);
  const events = new EventService(dataSource, consentClient, tx, clock, catalog, new TrainingFeed(outbox));
  await events.ensureDefaultSources();
  const eventCache = new CustomerEventCache(dataSource, clock);
  const customerData = new CustomerDataService('profile', dataSource, tx, [
    entityHolder('statedPreferences', StatedPreferenceRecord, { createdAt: 'ASC', id: 'ASC' }),
    forgetting(entityHolder('events', EventRecord, { seq: 'ASC' }), eventCache),
    watermarkHolder(),
    entityHolder('outboxMessages', OutboxRecord, { id: 'ASC' }),
  ]);
  const services: ProfileServices = {
    preferences: new PreferenceService(dataSource, consentClient, catalog, tx, clock),
    events,
    signals: new SignalService(dataSource, eventCache, clock),
    customerData,
    dataExport: new DataExportService(peers, customerData, clock),
    erasure: new ErasureService(peers, customerData, clock),
    retention: new RetentionService(dataSource, tx, peers, clock, config.retentionSweepMs),
    withdrawals: new WithdrawalService(tx),
    outbox,
    measurementEvents: new MeasurementEventsService(dataSource),
  };
  const server = await createSubgraphServer({
    name: 'profile',
    nonces: new RequestNonces(tx, clock),

    schema: await buildProfileSchema(services),
    config,
    erasedAccounts: { stillAllowed: ['eraseMe'], isErased: (id) => isErased(dataSource, id) },
  });
  return assembleSubgraph({
    server,
    dataSource,
    services,
    startJobs: [() => services.retention.start(), () => outbox.start(), () => startWithdrawalConsumer(engine, 'profile', services.withdrawals)],
    stopJobs: [() => services.retention.stop(), () => outbox.stop()],
    releaseConnections: [() => fetches.close(), () => engine?.close()],
  });
}
