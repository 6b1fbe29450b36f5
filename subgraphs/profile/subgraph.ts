import { systemClock } from '../shared/clock.js';
import { ConsentClient } from '../shared/consent-client.js';
import { ServiceClient } from '../shared/service-client.js';
import { createSignedFetch } from '../shared/signed-fetch.js';
import { openDatabase } from '../shared/database.js';
import { KeyedMutex } from '../shared/keyed-mutex.js';
import type { SubgraphModule, SubgraphOptions } from '../shared/subgraph-module.js';
import { createSubgraphServer } from '../shared/subgraph-server.js';
import { EventSourceRecord } from './entities/event-source.entity.js';
import { EventRecord } from './entities/event.entity.js';
import { StatedPreferenceRecord } from './entities/stated-preference.entity.js';
import { ProfileInitial } from './migrations/0001-initial.js';
import { buildProfileSchema, type ProfileServices } from './schema.js';
import { EventService } from './services/event.service.js';
import { PreferenceService } from './services/preference.service.js';
import { SignalService } from './services/signal.service.js';
import { TrainingFeed } from './services/training-feed.js';

export const PROFILE_ENTITIES = [StatedPreferenceRecord, EventRecord, EventSourceRecord];

export async function createProfileSubgraph(options: SubgraphOptions): Promise<SubgraphModule<ProfileServices>> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const dataSource = await openDatabase({
    name: 'profile',
    config,
    entities: PROFILE_ENTITIES,
    migrations: [ProfileInitial],
    sqliteFile: options.sqliteFile,
  });
  const writes = new KeyedMutex();
  const signedFetch = createSignedFetch(config.gatewaySecret);
  const consentClient = new ConsentClient(new ServiceClient(config.subgraphUrls.consent, signedFetch, 'profile'));
  const events = new EventService(dataSource, consentClient, writes, clock, new TrainingFeed(config, signedFetch));
  await events.ensureDefaultSources();
  const services: ProfileServices = {
    preferences: new PreferenceService(dataSource, consentClient, writes, clock),
    events,
    signals: new SignalService(dataSource, clock),
  };
  const server = await createSubgraphServer({ schema: await buildProfileSchema(services), config });
  return {
    ...server,
    dataSource,
    services,
    async close() {
      await server.stop();
      await signedFetch.close();
      await dataSource.destroy();
    },
  };
}
