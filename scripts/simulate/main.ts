import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { ConfigError, loadConfig } from '../../subgraphs/shared/config.js';
import { generateDemoData, type DemoOptions } from '../demo/generate.js';
import { startStack } from '../stack.js';
import { fetchReports, formatReports } from './reports.js';
import { simulateTraffic } from './traffic.js';

/**
 * `npm run simulate -- --days 30 --seed 7`: starts the stack on free ports with a fresh data folder
 * and a simulated clock, drives it through the gateway with simulated customers day by day, then
 * prints the three staff reports over the simulated period. `--keep` leaves it running (the staff
 * console and the preference center then show the simulated data).
 */
const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    customers: { type: 'string', default: '200' },
    items: { type: 'string', default: '1000' },
    'holdout-share': { type: 'string', default: '0.2' },
    'data-dir': { type: 'string' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const days = positiveInteger('days', values.days);
const seed = positiveInteger('seed', values.seed);
const demoOptions: DemoOptions = {
  seed,
  customers: positiveInteger('customers', values.customers),
  items: positiveInteger('items', values.items),
  now: new Date('2026-11-01T00:00:00.000Z'),
};
const start = demoOptions.now!;
const clock = new ManualClock(start);
let config;
try {
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-simulate-'));
  config = loadConfig(undefined, { dataDir, holdout: { share: Number(values['holdout-share']), salt: `simulation-${seed}` } });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}
const stack = await startStack({ config, ports: 'free', clock, seed: demoOptions });
console.log(`Simulating ${days} days from ${start.toISOString().slice(0, 10)} (seed ${seed}) through ${stack.gatewayUrl} …`);
const began = Date.now();
const merchandiserToken = await stack.gateway.tokens.issue('merch-sim', 'merchandiser');
const profile = stack.subgraphs.profile.services as ProfileServices;
const summary = await simulateTraffic({
  gatewayUrl: stack.gatewayUrl,
  clock,
  demo: generateDemoData(demoOptions),
  days,
  seed,
  start,
  merchandiserToken,
  settle: () => profile.outbox.relay(),
});
console.log(`Done in ${((Date.now() - began) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}\n`);
const window = { from: start.toISOString(), to: new Date(start.getTime() + days * 86_400_000).toISOString() };
const reports = await fetchReports(stack.gatewayUrl, merchandiserToken, window);
console.log(formatReports(reports));
if (values.json) fs.writeFileSync(values.json, JSON.stringify({ summary, window, reports }, null, 2));
if (values.keep) {
  console.log(`\nStill running: ${stack.gatewayUrl}/ (data in ${config.dataDir}). Press Ctrl-C to stop.`);
  console.log(
    `Staff console: ${stack.gatewayUrl}/staff, signed in with this merchandiser token (valid ${config.jwt.ttlSeconds} s):\n${merchandiserToken}`,
  );
  process.on('SIGINT', () => void stack.close().then(() => process.exit(0)));
} else {
  await stack.close();
}

function positiveInteger(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number of at least 1, got "${value}"`);
    process.exit(1);
  }
  return n;
}
