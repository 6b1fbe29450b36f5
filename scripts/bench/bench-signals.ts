import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { EventRecord, type EventType } from '../../subgraphs/profile/entities/event.entity.js';
import { EVENT_SIGNALS } from '../../subgraphs/profile/services/signal-builder.js';
import { createProfileSubgraph } from '../../subgraphs/profile/subgraph.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { loadConfig } from '../../subgraphs/shared/config.js';
import { ALL_PURPOSES } from '../../subgraphs/shared/purposes.js';
import { seededRandom } from '../demo/random.js';
import { percentiles, tempDataDir } from './bench-support.js';

/**
 * `npm run bench:signals`: p50/p99 of `Customer.signals` (and of the shared builder alone) for a
 * customer with 5,000 stored events, in process on SQLite. Target: under 5 ms p99.
 */
const EVENTS = 5_000;
const RUNS = 2000;
const DAY_MS = 86_400_000;
const now = new Date('2026-11-01T00:00:00.000Z');
const types: EventType[] = ['VIEW', 'VIEW', 'VIEW', 'VIEW', 'ADD_TO_CART', 'PURCHASE', 'SEARCH', 'DISMISS', 'RATING'];

const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: tempDataDir() }, { retentionSweepMs: 3_600_000 });
const profile = await createProfileSubgraph({ config, clock: new ManualClock(now) });
const random = seededRandom(42);
const rows = Array.from({ length: EVENTS }, (_, i) => {
  const type = types[Math.floor(random() * types.length)];
  return {
    customerId: 'bench-customer',
    clientEventId: `e-${i}`,
    type,
    itemId: type === 'SEARCH' ? null : `item-${String(Math.floor(random() * 2000)).padStart(4, '0')}`,
    value: type === 'SEARCH' ? `query ${Math.floor(random() * 300)}` : type === 'RATING' ? String(1 + Math.floor(random() * 5)) : null,
    channel: 'web',
    source: 'web-shop',
    purpose: EVENT_SIGNALS[type].purpose,
    noticeVersion: 1,
    occurredAt: new Date(now.getTime() - random() * 170 * DAY_MS).toISOString(),
    receivedAt: now.toISOString(),
  };
});
await profile.dataSource.transaction(async (m) => {
  for (let i = 0; i < rows.length; i += 100) await m.insert(EventRecord, rows.slice(i, i + 100));
});

const query =
  'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { signals { used { kind value weight purpose } withheld { purpose count } } } } }';
const variables = { r: [{ __typename: 'Customer', id: 'bench-customer', grantedPurposes: [...ALL_PURPOSES] }] };
const principal = { subject: 'bench-customer', role: 'customer' as const, scopes: [], gpc: false };

async function measure(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const { p50, p99 } = percentiles(times);
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   (${RUNS} runs)`);
}

console.log(`signals for one customer with ${EVENTS} events (SQLite file, WAL):`);
await measure('SignalService.summary (shared builder + gate)', () => profile.services.signals.summary('bench-customer', [...ALL_PURPOSES]));
await measure('Customer.signals via GraphQL, in process', async () => {
  const response = await profile.apollo.executeOperation({ query, variables }, { contextValue: { principal } });
  if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(JSON.stringify(response.body));
});
await profile.close();
