import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPH_NAMES, deepFreeze, loadConfig, type Config } from '../../subgraphs/shared/config.js';

/** Nothing listens there: a test's service calls never reach a stack running on the default ports. */
const CLOSED = 'http://127.0.0.1:9/graphql';

/**
 * The database the whole run uses: PostgreSQL when DATABASE_URL is set (`.ci/run` runs the suite a
 * second time that way, in a scratch database of its own), otherwise SQLite under a temporary
 * DATA_DIR. Read once, through the config module.
 */
export const TEST_DATABASE_URL = loadConfig().databaseUrl;

let configs = 0;

/**
 * A test configuration with its own temporary DATA_DIR and, on PostgreSQL, its own schemas (a
 * prefix per configuration, so parallel test files and several stacks never share tables). Every
 * subgraph URL points at a closed port until the test (or the stack helper) sets the ones it starts.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-test-'));
  configs += 1;
  const databaseUrl = 'databaseUrl' in overrides ? overrides.databaseUrl : TEST_DATABASE_URL;
  const database: Partial<Config> = databaseUrl ? { databaseUrl, databaseSchemaPrefix: `t${process.pid}_${configs}_` } : {};
  // No partners unless a test names them: the partners file is the deployment's, not the tests'.
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }, { ...database, partners: [], ...overrides });
  const closed = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, CLOSED])) as Config['subgraphUrls'];
  return deepFreeze({ ...config, subgraphUrls: { ...closed, ...overrides.subgraphUrls } });
}
