import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../subgraphs/shared/config.js';

/** A test configuration with its own temporary DATA_DIR. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-test-'));
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }, overrides);
}

/** Withdrawal subscribers on a closed port: in-process consent tests never reach a running stack. */
export function unreachableSubscribersConfig(): Config {
  const config = testConfig();
  const closed = 'http://127.0.0.1:9/graphql';
  return { ...config, subgraphUrls: { ...config.subgraphUrls, profile: closed, recommendations: closed } };
}
