import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPH_NAMES, loadConfig, type Config } from '../../subgraphs/shared/config.js';

/** Nothing listens there: a test's service calls never reach a stack running on the default ports. */
const CLOSED = 'http://127.0.0.1:9/graphql';

/**
 * A test configuration with its own temporary DATA_DIR. Every subgraph URL points at a closed port
 * until the test (or the stack helper) sets the ones it starts.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }, overrides);
  const closed = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, CLOSED])) as Config['subgraphUrls'];
  return { ...config, subgraphUrls: { ...closed, ...overrides.subgraphUrls } };
}
