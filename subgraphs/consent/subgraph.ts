import { systemClock } from '../shared/clock.js';
import { openDatabase } from '../shared/database.js';
import { KeyedMutex } from '../shared/keyed-mutex.js';
import type { SubgraphModule, SubgraphOptions } from '../shared/subgraph-module.js';
import { createSubgraphServer } from '../shared/subgraph-server.js';
import { ConsentDecisionRecord } from './entities/consent-decision.entity.js';
import { CustomerRecord } from './entities/customer.entity.js';
import { NoticeRecord } from './entities/notice.entity.js';
import { ConsentInitial } from './migrations/0001-initial.js';
import { buildConsentSchema, type ConsentServices } from './schema.js';
import { ConsentService } from './services/consent.service.js';
import { LedgerService } from './services/ledger.service.js';
import { NoticeService } from './services/notice.service.js';

export const CONSENT_ENTITIES = [CustomerRecord, NoticeRecord, ConsentDecisionRecord];

/** Opens and migrates the consent database, wires services and builds the HTTP app. */
export async function createConsentSubgraph(options: SubgraphOptions): Promise<SubgraphModule<ConsentServices>> {
  const clock = options.clock ?? systemClock;
  const dataSource = await openDatabase({
    name: 'consent',
    config: options.config,
    entities: CONSENT_ENTITIES,
    migrations: [ConsentInitial],
    sqliteFile: options.sqliteFile,
  });
  const ledger = new LedgerService(dataSource);
  const notices = new NoticeService(dataSource, clock);
  await notices.ensureInitialNotices();
  const consent = new ConsentService(dataSource, ledger, notices, new KeyedMutex(), clock);
  const services = { consent, ledger, notices };

  const server = await createSubgraphServer({ schema: await buildConsentSchema(services), config: options.config });
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
