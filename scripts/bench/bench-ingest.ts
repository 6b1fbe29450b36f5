import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import type { EventInput } from '../../subgraphs/profile/services/event.service.js';
import { loadConfig } from '../../subgraphs/shared/config.js';
import { DEMO_CUSTOMERS } from '../demo/generate.js';
import { startStack } from '../stack.js';
import { tempDataDir } from './bench-support.js';

/**
 * `npm run bench:ingest`: events stored per second through `recordEvents`' service (validation,
 * the live consent check over signed HTTP, the idempotency check and one transaction per batch)
 * for batches of 500 on an SQLite file. Target: at least 5,000 events/s.
 */
const BATCH = 500;
const BATCHES = 40;

const stack = await startStack({
  config: loadConfig({ NODE_ENV: 'test', DATA_DIR: tempDataDir() }),
  ports: 'free',
  seed: { items: 200, customers: 5 },
});
const events = (stack.subgraphs.profile.services as ProfileServices).events;
const types = ['VIEW', 'VIEW', 'VIEW', 'ADD_TO_CART', 'PURCHASE'] as const;
const batch = (b: number): EventInput[] =>
  Array.from({ length: BATCH }, (_, i) => ({
    clientEventId: `bench-${b}-${i}`,
    type: types[i % types.length],
    itemId: `item-${String((b * BATCH + i) % 200).padStart(4, '0')}`,
    channel: 'web',
    source: 'web-shop',
    occurredAt: new Date(Date.now() - i * 1000).toISOString(),
  }));

await events.record(DEMO_CUSTOMERS.full, batch(-1)); // warm-up
let stored = 0;
const start = performance.now();
for (let b = 0; b < BATCHES; b++) stored += (await events.record(DEMO_CUSTOMERS.full, batch(b))).accepted;
const seconds = (performance.now() - start) / 1000;
const replay = await events.record(DEMO_CUSTOMERS.full, batch(0));
console.log(
  `ingest: ${stored} events in ${BATCHES} batches of ${BATCH} in ${seconds.toFixed(2)} s = ${Math.round(stored / seconds)} events/s stored (SQLite file, WAL)`,
);
console.log(`replaying a batch stored ${replay.accepted} and counted ${replay.duplicates} duplicates`);
await stack.close();
