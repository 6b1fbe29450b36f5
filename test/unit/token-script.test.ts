import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TokenService } from '../../gateway/auth.js';
import { loadConfig } from '../../subgraphs/shared/config.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** `npm run token -- …` in a child process with only the given environment. */
async function token(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/token.ts', ...args], {
      cwd: root,
      env: { NODE_ENV: 'development', ...env },
    });
    return { code: 0, stdout: stdout.trim(), stderr: '' };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout.trim(), stderr: e.stderr.trim() };
  }
}

describe('npm run token (development only)', () => {
  const tokens = new TokenService(loadConfig({ NODE_ENV: 'development' }));

  it('prints a token for a staff role that the gateway accepts with that role and those scopes', async () => {
    const partner = await token(['--role', 'partner', '--scopes', 'consent:changes,share.partners']);
    expect(partner.code).toBe(0);
    expect(await tokens.principalOf(`Bearer ${partner.stdout}`, undefined)).toMatchObject({
      subject: 'dev-partner',
      role: 'partner',
      scopes: ['consent:changes', 'share.partners'],
    });
    const customer = await token(['--customer', 'cust-001']);
    expect(await tokens.principalOf(`Bearer ${customer.stdout}`, undefined)).toMatchObject({ subject: 'cust-001', role: 'customer', scopes: [] });
  }, 30_000);

  it('refuses in production, and refuses unknown roles and scopes', async () => {
    const secrets = { GATEWAY_SECRET: 'p'.repeat(48), JWT_SECRET: 'q'.repeat(48) };
    expect(await token(['--role', 'admin'], { NODE_ENV: 'production', ...secrets })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Refused: development tokens are not issued in production; staff sign in through the identity provider (JWKS_URL).',
    });
    expect(await token(['--role', 'root'])).toMatchObject({ code: 1, stdout: '' });
    expect(await token(['--role', 'partner', '--scopes', 'everything'])).toMatchObject({
      code: 1,
      stderr: 'Unknown scope(s): everything. Scopes are purpose ids and "consent:changes".',
    });
  }, 30_000);
});
