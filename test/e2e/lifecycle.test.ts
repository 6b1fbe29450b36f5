import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../subgraphs/shared/config.js';

/** Starts `subgraphs/<name>/main.ts` as its own process on a free port, as a deployment would. */
function startEntryPoint(name: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-lifecycle-'));
  const child = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${name}/main.ts`], {
    env: { NODE_ENV: 'development', DATA_DIR: dataDir, [`${name.toUpperCase()}_PORT`]: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
  });
  return { child, listening, exited, output: () => output };
}

describe('a standalone service stops cleanly', () => {
  it.each(SUBGRAPH_NAMES.filter((n) => n === 'consent' || n === 'explanations'))(
    '%s: SIGTERM finishes, closes the database and exits 0',
    async (name) => {
      const service = startEntryPoint(name);
      const url = await service.listening;
      expect((await fetch(`${url}/health`)).status).toBe(200);
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(service.output()).toContain(`${name} subgraph stopping (SIGTERM)`);
    },
    30_000,
  );
});
