import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generatePartnerSubgraph } from '../scripts/new-subgraph.js';

const run = promisify(execFile);

describe('npm run new-subgraph', () => {
  it('generates a partner subgraph whose own tests pass, unedited, and which is formatted like the repository', async () => {
    const name = `gen-${process.pid}`;
    const folder = path.resolve('subgraphs', name);
    try {
      const { stdout } = await run('npm', ['run', '--silent', 'new-subgraph', '--', name]);
      expect(stdout).toContain(`Created subgraphs/${name}/ (8 files).`);
      expect(fs.readdirSync(folder).sort()).toEqual(
        [
          'customer.resolver.ts',
          `${name}.entity.ts`,
          `${name}.service.ts`,
          `${name}.test.ts`,
          'main.ts',
          'migrations',
          'partner.ts',
          'types.ts',
        ].sort(),
      );
      const tests = await run('npx', ['vitest', 'run', `subgraphs/${name}/`], { env: process.env });
      expect(tests.stdout).toMatch(/Tests\s+.*4 passed/);
      await run('npx', ['prettier', '--check', folder]);
      await run('npx', ['eslint', folder]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a bad name, a first-party name and an existing folder, writing nothing', async () => {
    await expect(generatePartnerSubgraph('Bad_Name')).rejects.toThrow('"Bad_Name" is not a subgraph name');
    await expect(generatePartnerSubgraph('consent')).rejects.toThrow('"consent" is taken by a first-party part.');
    await expect(generatePartnerSubgraph('shared')).rejects.toThrow('"shared" is taken by a first-party part.');
    const into = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-new-subgraph-'));
    try {
      expect(await generatePartnerSubgraph('loyalty', into)).toHaveLength(8);
      await expect(generatePartnerSubgraph('loyalty', into)).rejects.toThrow(`${path.join(into, 'loyalty')} exists already; nothing was written.`);
    } finally {
      fs.rmSync(into, { recursive: true, force: true });
    }
  });
});
