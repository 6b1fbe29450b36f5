import fs from 'node:fs';
import path from 'node:path';
import { isPurposeId, type PurposeId } from './purposes.js';

/**
 * A partner subgraph registered in the partners file (`PARTNERS_FILE`, default `./partners.json`):
 * where it answers, the secret the gateway and our services sign its requests with (its own, so a
 * partner can never sign a request another part would believe), and the purposes it may receive
 * personal data for (the data policy checks its schema against them at `npm run compose`).
 */
export interface PartnerRegistration {
  name: string;
  url: string;
  signingSecret: string;
  allowedPurposes: PurposeId[];
  /** An in-repository partner: a module exporting `partner` (see partner-kit.ts), absolute path. */
  module: string | undefined;
  /** An out-of-repository partner: its subgraph SDL file, for composition, absolute path. */
  sdlFile: string | undefined;
}

/** The partners file as written: `{ "partners": [ … ] }`. */
interface PartnerEntry {
  name?: unknown;
  url?: unknown;
  signingSecret?: unknown;
  signingSecretEnv?: unknown;
  allowedPurposes?: unknown;
  module?: unknown;
  sdlFile?: unknown;
}

const NAME = /^[a-z][a-z0-9-]{1,30}$/;

export interface PartnerFileContext {
  production: boolean;
  reservedNames: readonly string[];
  gatewaySecret: string;
  /** False for composition, which needs each partner's schema and purposes but none of the secrets. */
  needSecrets: boolean;
}

/**
 * Reads and validates the partners file; a missing file means no partners. Problems are added to
 * `problems` (the config module reports them all at once). `env` resolves `signingSecretEnv`.
 */
export function readPartnersFile(
  file: string,
  env: Record<string, string | undefined>,
  context: PartnerFileContext,
  problems: string[],
): PartnerRegistration[] {
  if (file === '' || !fs.existsSync(file)) return [];
  let parsed: { partners?: unknown };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { partners?: unknown };
  } catch (error) {
    problems.push(`PARTNERS_FILE ${file} is not valid JSON (${(error as Error).message})`);
    return [];
  }
  if (!Array.isArray(parsed.partners)) {
    problems.push(`PARTNERS_FILE ${file} must hold {"partners": [...]}`);
    return [];
  }
  const base = path.dirname(file);
  const registrations = (parsed.partners as PartnerEntry[]).map((entry, i) => parseEntry(entry, i, base, env, context, problems));
  const names = registrations.map((r) => r.name);
  const secrets = registrations.map((r) => r.signingSecret);
  names.forEach((n, i) => names.indexOf(n) !== i && problems.push(`partner "${n}" is registered twice in ${file}`));
  secrets.forEach((s, i) => s && secrets.indexOf(s) !== i && problems.push(`partner "${names[i]}" shares its signing secret with another partner`));
  return registrations;
}

/** The development secret of a partner whose variable is not set (never accepted in production). */
export function devPartnerSecret(name: string): string {
  return `dev-only-${name}-partner-signing-secret-change-me`;
}

function parseEntry(
  entry: PartnerEntry,
  index: number,
  base: string,
  env: Record<string, string | undefined>,
  context: PartnerFileContext,
  problems: string[],
): PartnerRegistration {
  const name = typeof entry.name === 'string' ? entry.name : `#${index + 1}`;
  const where = `partner "${name}"`;
  if (!NAME.test(name)) problems.push(`${where}: name must be lower-case letters, digits and - (2 to 31, a letter first)`);
  if (context.reservedNames.includes(name)) problems.push(`${where}: the name is taken by a first-party subgraph`);
  const url = typeof entry.url === 'string' ? entry.url : '';
  if (!/^https?:\/\/[^\s]+$/.test(url)) problems.push(`${where}: url must be an http(s) URL, got "${url}"`);

  let signingSecret = '';
  if (typeof entry.signingSecretEnv === 'string') {
    // Like GATEWAY_SECRET: a published development value outside production, required in it.
    signingSecret = env[entry.signingSecretEnv] || (context.production ? '' : devPartnerSecret(name));
  } else if (typeof entry.signingSecret === 'string') {
    signingSecret = entry.signingSecret;
    if (context.production) problems.push(`${where}: in production the secret comes from the environment (signingSecretEnv), not the file`);
  }
  if (context.needSecrets && signingSecret.length < 32) {
    const source = typeof entry.signingSecretEnv === 'string' ? `the variable ${entry.signingSecretEnv}` : 'signingSecret';
    problems.push(`${where}: ${source} must hold a signing secret of at least 32 characters`);
  }
  if (context.production && signingSecret === devPartnerSecret(name))
    problems.push(`${where}: the signing secret must not be the published development value in production`);
  if (context.needSecrets && signingSecret === context.gatewaySecret) problems.push(`${where}: the signing secret must differ from GATEWAY_SECRET`);

  const purposes = Array.isArray(entry.allowedPurposes) ? entry.allowedPurposes : [];
  if (!Array.isArray(entry.allowedPurposes)) problems.push(`${where}: allowedPurposes must be a list of purposes`);
  for (const p of purposes)
    if (!isPurposeId(p) || p === 'essential') problems.push(`${where}: "${String(p)}" is not a purpose a partner may be allowed`);

  const file = (value: unknown) => (typeof value === 'string' ? path.resolve(base, value) : undefined);
  const module = file(entry.module);
  const sdlFile = file(entry.sdlFile);
  if (!module === !sdlFile) problems.push(`${where}: give either module (a partner in this repository) or sdlFile (its subgraph SDL)`);
  for (const f of [module, sdlFile]) if (f && !fs.existsSync(f)) problems.push(`${where}: ${f} does not exist`);
  return { name, url, signingSecret, allowedPurposes: purposes.filter(isPurposeId), module, sdlFile };
}
