import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExplanationsSubgraph } from '../../subgraphs/explanations/subgraph.js';
import { loadConfig } from '../../subgraphs/shared/config.js';

describe('database files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-files-'));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are readable and writable by the service’s own user only, journal files included', async () => {
    const explanations = await createExplanationsSubgraph({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }) });
    try {
      await explanations.dataSource.query('SELECT 1');
      const files = fs.readdirSync(dir).filter((f) => f.startsWith('explanations.sqlite'));
      expect(files).toContain('explanations.sqlite');
      for (const f of files) expect({ file: f, mode: (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8) }).toEqual({ file: f, mode: '600' });
    } finally {
      await explanations.close();
    }
  });
});
