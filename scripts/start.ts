import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../subgraphs/shared/config.js';
import { DEMO_CUSTOMERS } from './demo/generate.js';
import { buildPreferenceCenter } from './build-web.js';
import { startStack } from './stack.js';

const config = loadConfigOrExit();

const started = Date.now();
if (!fs.existsSync(path.join(config.preferenceCenterDir, 'index.html'))) {
  console.log('Building the preference center (first start)…');
  try {
    await buildPreferenceCenter(config.preferenceCenterDir);
  } catch (error) {
    console.error(`The preference center could not be built, so / will say so (run \`npm run build:web\`): ${String(error)}`);
  }
}
const stack = await startStack({ config, seed: { now: new Date(new Date().toISOString().slice(0, 10)) } });
const url = stack.gatewayUrl;
const partners = Object.entries(stack.partners).map(([name, p]) => `${name} ${p.url}`);
// Development tokens exist only outside production (the gateway has no such route there).
const devTokenHint =
  config.nodeEnv === 'production'
    ? ''
    : `
Get a development token for a seeded customer:
  curl -s -X POST ${url}/auth/dev-token -H 'content-type: application/json' -d '{"customerId":"${DEMO_CUSTOMERS.full}"}'
`;
console.log(`
Consent-first personalization is running (${Date.now() - started} ms${stack.seeded ? ', demo data loaded' : ''}).

  Preference center  ${url}/
  GraphQL endpoint   ${url}/graphql
  Subgraphs          ${Object.values(stack.subgraphs)
    .map((s) => s.url)
    .join('  ')}${partners.length > 0 ? `\n  Partners           ${partners.join('  ')}` : ''}
  Data               ${config.dataDir}
${devTokenHint}
Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
