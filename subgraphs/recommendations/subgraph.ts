import { systemClock } from '../shared/clock.js';
import { ConsentClient } from '../shared/consent-client.js';
import { CustomerDataService } from '../shared/customer-data.js';
import { openDatabase } from '../shared/database.js';
import { Transactions } from '../shared/transactions.js';
import { PeerDirectory } from '../shared/peers.js';
import { ServiceClient } from '../shared/service-client.js';
import { createSignedFetch } from '../shared/signed-fetch.js';
import { assembleSubgraph, type SubgraphModule, type SubgraphOptions } from '../shared/subgraph-module.js';
import { createSubgraphServer } from '../shared/subgraph-server.js';
import { CatalogItemRecord } from './entities/catalog-item.entity.js';
import { DecisionRecord } from './entities/decision.entity.js';
import { OverrideRecord } from './entities/override.entity.js';
import { TrainingInteractionRecord } from './entities/training-interaction.entity.js';
import { ModelChangeRecord } from './entities/model-change.entity.js';
import { RecommendationsModelChanges } from './migrations/0004-model-changes-and-watermarks.js';
import { RecommendationsDecisionLogRetention } from './migrations/0005-decision-log-retention.js';
import { RecommendationsDecisionMeasurement } from './migrations/0006-decision-measurement.js';
import { NONCE_ENTITIES, RequestNonces, SignedRequestNoncesTable } from '../shared/request-nonces.js';
import { WATERMARK_ENTITIES, WithdrawalWatermarksTable, isErased } from '../shared/withdrawal-watermark.js';
import { RecommendationsInitial } from './migrations/0001-initial.js';
import { RecommendationsTrainingAndOverrides } from './migrations/0002-training-and-overrides.js';
import { RecommendationsTrainingLocaleAndPurpose } from './migrations/0003-training-locale-and-purpose.js';
import { buildRecommendationsSchema, type RecommendationServices } from './schema.js';
import { CatalogService } from './services/catalog.service.js';
import { DecisionService } from './services/decision.service.js';
import { recommendationDataHolders } from './customer-data.holders.js';
import { FeedbackService } from './services/feedback.service.js';
import { ModelService } from './services/model.service.js';
import { consumeTraining } from './services/training-consumer.js';
import { connectJetStream } from '../shared/message-engine.js';
import { startWithdrawalConsumer } from '../shared/withdrawal-relay.js';
import { RecommendationsWithdrawal } from './services/withdrawal.service.js';
import { OverrideService } from './services/override.service.js';
import { MeasurementService } from './services/measurement.service.js';
import { DecisionRetentionService } from './services/decision-retention.service.js';
import { TrainingRetentionService } from './services/training-retention.service.js';

export const RECOMMENDATION_ENTITIES = [
  CatalogItemRecord,
  DecisionRecord,
  TrainingInteractionRecord,
  OverrideRecord,
  ModelChangeRecord,
  ...WATERMARK_ENTITIES,
  ...NONCE_ENTITIES,
];

export async function createRecommendationsSubgraph(options: SubgraphOptions): Promise<SubgraphModule<RecommendationServices>> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const dataSource = await openDatabase({
    name: 'recommendations',
    config,
    entities: RECOMMENDATION_ENTITIES,
    migrations: [
      RecommendationsInitial,
      RecommendationsTrainingAndOverrides,
      RecommendationsTrainingLocaleAndPurpose,
      WithdrawalWatermarksTable,
      RecommendationsModelChanges,
      RecommendationsDecisionLogRetention,
      SignedRequestNoncesTable,
      RecommendationsDecisionMeasurement,
    ],
    sqliteFile: options.sqliteFile,
  });
  const signedFetch = createSignedFetch(config.gatewaySecret);
  const peers = options.peers ?? PeerDirectory.fromConfig(config);
  const profileClient = new ServiceClient(() => peers.urlOf('profile'), signedFetch, 'recommendations', 'profile');
  const consentServiceClient = new ServiceClient(() => peers.urlOf('consent'), signedFetch, 'recommendations', 'consent');
  const profile = () => profileClient;
  const consent = () => consentServiceClient;
  const consentClient = () => new ConsentClient(consent());
  const catalog = new CatalogService(dataSource, config.catalogCurrency, config.catalogProductUrlTemplate);
  const tx = new Transactions(dataSource);
  const model = new ModelService(dataSource, tx, consentClient, clock, config.gatewaySecret);
  const overrides = new OverrideService(dataSource, catalog, tx, clock);
  const decisions = new DecisionService(dataSource, { catalog, model, overrides, tx, clock, config });
  const services: RecommendationServices = {
    catalog,
    decisions,
    model,
    overrides,
    feedback: new FeedbackService(decisions, profile, clock),
    customerData: new CustomerDataService('recommendations', dataSource, tx, recommendationDataHolders(model)),
    trainingRetention: new TrainingRetentionService(model, consent, clock, config.retentionSweepMs),
    measurement: new MeasurementService(dataSource, catalog, profile, config),
    decisionRetention: new DecisionRetentionService(decisions, clock, config.anonymousDecisionRetentionHours, config.retentionSweepMs),
  };
  const server = await createSubgraphServer({
    name: 'recommendations',
    nonces: new RequestNonces(tx, clock),

    schema: await buildRecommendationsSchema(services),
    config,
    erasedAccounts: { isErased: (id) => isErased(dataSource, id) },
  });
  const engine = config.nats ? await connectJetStream(config.nats.url, config.nats.stream) : null;
  const learnRelayed = () =>
    engine && void consumeTraining(engine, model).catch((error: Error) => console.error('[recommendations] training consumer failed', error.message));
  return assembleSubgraph({
    server,
    dataSource,
    services,
    startJobs: [
      () => services.trainingRetention.start(),
      () => services.decisionRetention.start(),
      learnRelayed,
      () => startWithdrawalConsumer(engine, 'recommendations', new RecommendationsWithdrawal(model, decisions)),
    ],
    stopJobs: [() => services.trainingRetention.stop(), () => services.decisionRetention.stop()],
    releaseConnections: [() => signedFetch.close(), () => engine?.close()],
  });
}
