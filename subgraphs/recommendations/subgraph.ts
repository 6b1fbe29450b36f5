import { systemClock } from '../shared/clock.js';
import { CustomerDataService } from '../shared/customer-data.js';
import { openDatabase } from '../shared/database.js';
import { KeyedMutex } from '../shared/keyed-mutex.js';
import type { SubgraphModule, SubgraphOptions } from '../shared/subgraph-module.js';
import { createSubgraphServer } from '../shared/subgraph-server.js';
import { CatalogItemRecord } from './entities/catalog-item.entity.js';
import { DecisionRecord } from './entities/decision.entity.js';
import { RecommendationsInitial } from './migrations/0001-initial.js';
import { buildRecommendationsSchema, type RecommendationServices } from './schema.js';
import { CatalogService } from './services/catalog.service.js';
import { DecisionService } from './services/decision.service.js';
import { recommendationDataHolders } from './customer-data.holders.js';
import { RecommendationsWithdrawalService } from './services/withdrawal.service.js';

export const RECOMMENDATION_ENTITIES = [CatalogItemRecord, DecisionRecord];

export async function createRecommendationsSubgraph(options: SubgraphOptions): Promise<SubgraphModule<RecommendationServices>> {
  const clock = options.clock ?? systemClock;
  const dataSource = await openDatabase({
    name: 'recommendations',
    config: options.config,
    entities: RECOMMENDATION_ENTITIES,
    migrations: [RecommendationsInitial],
    sqliteFile: options.sqliteFile,
  });
  const catalog = new CatalogService(dataSource);
  const writes = new KeyedMutex();
  const services = {
    catalog,
    decisions: new DecisionService(dataSource, catalog, writes, clock),
    customerData: new CustomerDataService('recommendations', dataSource, writes, recommendationDataHolders()),
    withdrawals: new RecommendationsWithdrawalService(),
  };
  const server = await createSubgraphServer({ schema: await buildRecommendationsSchema(services), config: options.config });
  return {
    ...server,
    dataSource,
    services,
    async close() {
      await server.stop();
      await dataSource.destroy();
    },
  };
}
