import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../subgraphs/shared/config.js';

/** A test configuration with its own temporary DATA_DIR. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-test-'));
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }, overrides);
}
