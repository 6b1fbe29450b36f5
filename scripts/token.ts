/**
 * Development only: prints a token signed with the development secret, so staff roles can be
 * tried without writing code. Production never runs this: staff identity there comes from the
 * identity provider's JWKS (JWKS_URL).
 *
 *   npm run token -- --role merchandiser|admin|partner [--scopes consent:changes,share.partners] [--customer cust-001]
 */
import { parseArgs } from 'node:util';
import { TokenService } from '../gateway/auth.js';
import { loadConfigOrExit } from '../subgraphs/shared/config.js';
import { CHANGE_FEED_SCOPE, type Role } from '../subgraphs/shared/principal.js';
import { isPurposeId } from '../subgraphs/shared/purposes.js';

const ROLES: readonly Role[] = ['customer', 'merchandiser', 'partner', 'admin'];
const USAGE = 'usage: npm run token -- --role merchandiser|admin|partner [--scopes a,b] | --customer <id>';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const config = loadConfigOrExit();
if (config.nodeEnv === 'production') {
  fail('Refused: development tokens are not issued in production; staff sign in through the identity provider (JWKS_URL).');
}
if (config.jwt.jwksUrl) fail('Refused: JWKS_URL is set, so the gateway would not accept a token signed with the development secret.');

let args;
try {
  args = parseArgs({ options: { role: { type: 'string' }, scopes: { type: 'string' }, customer: { type: 'string' } }, strict: true }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const role = (args.role ?? (args.customer ? 'customer' : undefined)) as Role | undefined;
if (!role || !ROLES.includes(role)) fail(`Say which role: ${ROLES.join(', ')}.\n${USAGE}`);
if (role === 'customer' && !args.customer) fail(`A customer token needs --customer <id>.\n${USAGE}`);
if (role !== 'customer' && args.customer) fail('--customer is only for customer tokens.');
const scopes = (args.scopes ?? '').split(/[\s,]+/).filter(Boolean);
const unknown = scopes.filter((s) => s !== CHANGE_FEED_SCOPE && !isPurposeId(s));
if (unknown.length > 0) fail(`Unknown scope(s): ${unknown.join(', ')}. Scopes are purpose ids and "${CHANGE_FEED_SCOPE}".`);
if (scopes.length > 0 && role !== 'partner') fail('Only partner tokens carry scopes.');

console.log(await new TokenService(config).issue(args.customer ?? `dev-${role}`, role, scopes));
