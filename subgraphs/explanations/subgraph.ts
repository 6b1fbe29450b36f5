import { systemClock } from '../shared/clock.js';
import { CustomerDataService, entityHolder } from '../shared/customer-data.js';
import { openDatabase } from '../shared/database.js';
import { Transactions } from '../shared/transactions.js';
import { assembleSubgraph, type SubgraphModule, type SubgraphOptions } from '../shared/subgraph-module.js';
import { createSubgraphServer } from '../shared/subgraph-server.js';
import { ExplanationViewRecord } from './entities/explanation-view.entity.js';
import { ExplanationsInitial } from './migrations/0001-initial.js';
import { ExplanationsViewPurposes } from './migrations/0002-view-purposes.js';
import { ExplanationsViewConsentVersion } from './migrations/0003-view-consent-version.js';
import { ExplanationsUniqueViews } from './migrations/0004-unique-views.js';
import { NONCE_ENTITIES, RequestNonces, SignedRequestNoncesTable } from '../shared/request-nonces.js';
import { WATERMARK_ENTITIES, WithdrawalWatermarksTable, watermarkHolder, isErased } from '../shared/withdrawal-watermark.js';
import { connectJetStream } from '../shared/message-engine.js';
import { startWithdrawalConsumer } from '../shared/withdrawal-relay.js';
import { buildExplanationsSchema, type ExplanationServices } from './schema.js';
import { ExplanationService } from './services/explanation.service.js';

export const EXPLANATION_ENTITIES = [ExplanationViewRecord, ...WATERMARK_ENTITIES, ...NONCE_ENTITIES];

export async function createExplanationsSubgraph(options: SubgraphOptions): Promise<SubgraphModule<ExplanationServices>> {
  const dataSource = await openDatabase({
    name: 'explanations',
    config: options.config,
    entities: EXPLANATION_ENTITIES,
    migrations: [
      ExplanationsInitial,
      ExplanationsViewPurposes,
      WithdrawalWatermarksTable,
      ExplanationsViewConsentVersion,
      ExplanationsUniqueViews,
      SignedRequestNoncesTable,
    ],
    sqliteFile: options.sqliteFile,
  });
  const tx = new Transactions(dataSource);
  const clock = options.clock ?? systemClock;
  const services = {
    explanations: new ExplanationService(tx, clock),
    customerData: new CustomerDataService('explanations', dataSource, tx, [
      entityHolder('explanationViews', ExplanationViewRecord, { seq: 'ASC' }),
      watermarkHolder(),
    ]),
  };
  const server = await createSubgraphServer({
    name: 'explanations',
    nonces: new RequestNonces(tx, clock),
    schema: await buildExplanationsSchema(services),
    config: options.config,
    erasedAccounts: { isErased: (id) => isErased(dataSource, id) },
  });
  const nats = options.config.nats;
  const engine = nats ? await connectJetStream(nats.url, nats.stream) : null;
  return assembleSubgraph({
    server,
    dataSource,
    services,
    startJobs: [() => startWithdrawalConsumer(engine, 'explanations', services.explanations)],
    releaseConnections: [() => engine?.close()],
  });
}
