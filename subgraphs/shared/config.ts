import path from 'node:path';
import { readPartnersFile, type PartnerRegistration } from './partners.js';

/**
 * The only place that reads the environment (SPEC §10). Parsed once at start-up, validated,
 * and failing fast with a message that says which variable is wrong and what it should be.
 */

export const SUBGRAPH_NAMES = ['consent', 'profile', 'recommendations', 'explanations'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  nodeEnv: NodeEnv;
  host: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** Where the gateway sends each subgraph's requests; defaults to host and port above. */
  subgraphUrls: Record<SubgraphName, string>;
  dataDir: string;
  databaseUrl: string | undefined;
  /** NATS JetStream for the outboxes' relays (withdrawals, learning, the change feed); absent: relayed in process. */
  nats: { url: string; stream: string } | undefined;
  /** Prepended to each subgraph's PostgreSQL schema name (several stacks in one database, e.g. tests). */
  databaseSchemaPrefix: string;
  /** Shared secret the gateway signs every subgraph request with (HMAC-SHA256). */
  gatewaySecret: string;
  /** Partner subgraphs from the partners file (`PARTNERS_FILE`, default ./partners.json; absent: none). */
  partners: readonly PartnerRegistration[];
  /** How long a gateway signature stays valid, in milliseconds. */
  signatureMaxAgeMs: number;
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number; jwksUrl: string | undefined };
  /** Ed25519 private key (PEM) for consent receipts; generated under dataDir when absent. */
  receiptPrivateKeyPem: string | undefined;
  receiptController: string;
  /** The controller's postal address, which ISO/IEC TS 27560 records carry. */
  receiptControllerAddress: string;
  /** How often consent retries undelivered withdrawals and records lapsed grants, in milliseconds. */
  consentMaintenanceMs: number;
  holdout: { share: number; salt: string };
  /** A click or conversion that names a recommendation counts for it when it happens within this many hours of it. */
  attributionWindowHours: number;
  /** The same item is shown to a customer at most this many times a day across surfaces (counted only under behavioral consent). */
  frequencyCapPerDay: number;
  /** Known / adjacent / wildcard shares per surface (they add up to 1) and the per-category cap. */
  slotPolicies: Record<SurfaceName, SlotShares>;
  retentionSweepMs: number;
  /** How long a list served to an anonymous visitor stays in the decision log, in hours. */
  anonymousDecisionRetentionHours: number;
  preferenceCenterDir: string;
  /** ISO 4217 code the catalog's prices are in. */
  catalogCurrency: string;
  /** Where an item's page in the shop is, `{id}` standing for its id; null: the catalog has no product pages to link to. */
  catalogProductUrlTemplate: string | null;
  rateLimits: RateLimitConfig;
}

export const RATE_LIMITED_ACTIONS = ['mutations', 'tokens', 'decisions'] as const;
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];

/**
 * How much each signed-in identity and each client address may do per window: mutations, tokens
 * issued, and recommendation lists (each writes a decision). Counted in Redis when configured
 * (so every gateway instance shares the count), else in the gateway's memory.
 */
export interface RateLimitConfig {
  redisUrl: string | undefined;
  /** Prefixes every Redis key (several deployments or test runs on one Redis). */
  keyPrefix: string;
  windowSeconds: number;
  budgets: Record<RateLimitedAction, { perIdentity: number; perAddress: number }>;
}

/**
 * Generous defaults: a person never meets them, nor does `npm run bench` (all its load comes from
 * one address, spread over many customers).
 */
const DEFAULT_RATE_BUDGETS: RateLimitConfig['budgets'] = {
  mutations: { perIdentity: 3_000, perAddress: 120_000 },
  tokens: { perIdentity: 600, perAddress: 6_000 },
  decisions: { perIdentity: 3_000, perAddress: 120_000 },
};

export const SURFACE_NAMES = ['HOME', 'PRODUCT_PAGE', 'EMAIL'] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];
export interface SlotShares {
  known: number;
  adjacent: number;
  wildcard: number;
  maxCategoryShare: number;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_PORTS: Record<SubgraphName, number> = {
  consent: 4001,
  profile: 4002,
  recommendations: 4003,
  explanations: 4004,
};

// Development-only defaults: refused in production, where real secrets must be configured.
const DEV_GATEWAY_SECRET = 'dev-only-gateway-secret-change-me-in-production';
const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production';

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const nodeEnv = parseNodeEnv(env.NODE_ENV, problems);
  const production = nodeEnv === 'production';

  const port = (name: string, fallback: number) => parsePort(name, env[name], fallback, problems);
  const host = env.HOST ?? '127.0.0.1';
  const subgraphPorts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, port(`${n.toUpperCase()}_PORT`, DEFAULT_PORTS[n])])) as Record<
    SubgraphName,
    number
  >;
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => {
      const key = `${n.toUpperCase()}_URL`;
      const url = env[key] ?? `http://${host}:${subgraphPorts[n]}/graphql`;
      if (!isHttpUrl(url)) problems.push(`${key} must be an http(s) URL, got "${url}"`);
      return [n, url];
    }),
  ) as Record<SubgraphName, string>;

  const gatewaySecret = secret('GATEWAY_SECRET', env.GATEWAY_SECRET, DEV_GATEWAY_SECRET, production, problems);
  const jwtSecret = secret('JWT_SECRET', env.JWT_SECRET, DEV_JWT_SECRET, production && !env.JWKS_URL, problems);

  // Keys that decide who is signed in must not travel in the clear (or be swapped on the way).
  if (production && env.JWKS_URL && !env.JWKS_URL.startsWith('https://'))
    problems.push(`JWKS_URL must be an https:// URL in production, got "${env.JWKS_URL}"`);

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must be a postgres:// URL, got "${databaseUrl}"`);
  }
  const databaseSchemaPrefix = env.DATABASE_SCHEMA_PREFIX ?? '';
  if (!/^[a-z0-9_]{0,30}$/.test(databaseSchemaPrefix)) {
    problems.push(`DATABASE_SCHEMA_PREFIX may hold only lower-case letters, digits and _ (at most 30), got "${databaseSchemaPrefix}"`);
  }
  const natsUrl = env.NATS_URL || undefined;
  if (natsUrl && !/^(nats|tls):\/\/[^\s]+$/.test(natsUrl)) problems.push(`NATS_URL must be a nats:// URL, got "${natsUrl}"`);
  const natsStream = env.NATS_STREAM ?? 'CFP';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(natsStream))
    problems.push(`NATS_STREAM may hold only letters, digits, - and _ (at most 32), got "${natsStream}"`);
  const holdoutShare = parseNumber('HOLDOUT_SHARE', env.HOLDOUT_SHARE, 0.05, problems);
  if (holdoutShare < 0 || holdoutShare > 0.5) problems.push('HOLDOUT_SHARE must be between 0 and 0.5');

  const maxCategoryShare = parseNumber('MAX_CATEGORY_SHARE', env.MAX_CATEGORY_SHARE, 0.4, problems);
  if (maxCategoryShare <= 0 || maxCategoryShare > 1) problems.push('MAX_CATEGORY_SHARE must be above 0 and at most 1');
  const defaultSlots = parseSlotShares('SLOT_POLICY', env.SLOT_POLICY ?? '70/20/10', problems);
  const slotPolicies = Object.fromEntries(
    SURFACE_NAMES.map((s) => {
      const own = env[`SLOT_POLICY_${s}`];
      return [s, { ...(own ? parseSlotShares(`SLOT_POLICY_${s}`, own, problems) : defaultSlots), maxCategoryShare }];
    }),
  ) as Record<SurfaceName, SlotShares>;

  const catalogCurrency = env.CATALOG_CURRENCY ?? 'EUR';
  if (!/^[A-Z]{3}$/.test(catalogCurrency)) problems.push(`CATALOG_CURRENCY must be an ISO 4217 code like EUR, got "${catalogCurrency}"`);

  const catalogProductUrlTemplate = env.CATALOG_PRODUCT_URL_TEMPLATE || null;
  if (catalogProductUrlTemplate && !validProductUrlTemplate(catalogProductUrlTemplate))
    problems.push(
      `CATALOG_PRODUCT_URL_TEMPLATE must contain {id} and be a path on this site ("/products/{id}") or an https address, got "${catalogProductUrlTemplate}"`,
    );
  const partners = readPartnersFile(
    partnersFile(env),
    env,
    { production, reservedNames: SUBGRAPH_NAMES, gatewaySecret, needSecrets: true },
    problems,
  );

  const config: Config = {
    nodeEnv,
    host,
    gatewayPort: port('PORT', 4000),
    subgraphPorts,
    subgraphUrls,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    databaseSchemaPrefix,
    nats: natsUrl ? { url: natsUrl, stream: natsStream } : undefined,
    gatewaySecret,
    partners,
    signatureMaxAgeMs: parseNumber('SIGNATURE_MAX_AGE_MS', env.SIGNATURE_MAX_AGE_MS, 30_000, problems, 1_000),
    jwt: {
      secret: jwtSecret,
      issuer: env.JWT_ISSUER ?? 'consent-first-personalization',
      audience: env.JWT_AUDIENCE ?? 'preference-center',
      ttlSeconds: parseNumber('JWT_TTL_SECONDS', env.JWT_TTL_SECONDS, 3600, problems, 60),
      jwksUrl: env.JWKS_URL || undefined,
    },
    receiptPrivateKeyPem: env.RECEIPT_PRIVATE_KEY_PEM || undefined,
    receiptController: env.RECEIPT_CONTROLLER ?? 'Demo Retailer Ltd (privacy@retailer.example)',
    receiptControllerAddress: env.RECEIPT_CONTROLLER_ADDRESS ?? '1 Example Street, Dublin D01 X2Y3, Ireland',
    consentMaintenanceMs: parseNumber('CONSENT_MAINTENANCE_MS', env.CONSENT_MAINTENANCE_MS, 5_000, problems, 100),
    holdout: { share: holdoutShare, salt: env.HOLDOUT_SALT ?? 'holdout-2026' },
    attributionWindowHours: parseNumber('ATTRIBUTION_WINDOW_HOURS', env.ATTRIBUTION_WINDOW_HOURS, 24, problems, 1),
    frequencyCapPerDay: parseNumber('FREQUENCY_CAP_PER_DAY', env.FREQUENCY_CAP_PER_DAY, 3, problems, 1),
    slotPolicies,
    retentionSweepMs: parseNumber('RETENTION_SWEEP_MS', env.RETENTION_SWEEP_MS, 3_600_000, problems, 1_000),
    anonymousDecisionRetentionHours: parseNumber('ANONYMOUS_DECISION_RETENTION_HOURS', env.ANONYMOUS_DECISION_RETENTION_HOURS, 24, problems, 1),
    preferenceCenterDir: path.resolve(env.PREFERENCE_CENTER_DIR ?? './preference-center/dist'),
    catalogCurrency,
    catalogProductUrlTemplate,
    rateLimits: parseRateLimits(env, problems),
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** A product page address: a path on this site or an https address, with the item's `{id}` in it. */
function validProductUrlTemplate(template: string): boolean {
  if (!template.includes('{id}')) return false;
  if (template.startsWith('/')) return !template.startsWith('//');
  try {
    return new URL(template.replace('{id}', 'x')).protocol === 'https:';
  } catch {
    return false;
  }
}

/** `PARTNERS_FILE`, default ./partners.json; empty: no partners. */
function partnersFile(env: Env): string {
  return env.PARTNERS_FILE === '' ? '' : path.resolve(env.PARTNERS_FILE ?? './partners.json');
}

/** The registered partners as composition needs them: schemas, URLs and purposes, no secrets. */
export function loadPartnersForComposition(env: Env = process.env): PartnerRegistration[] {
  const problems: string[] = [];
  const context = { production: false, reservedNames: SUBGRAPH_NAMES, gatewaySecret: '', needSecrets: false };
  const partners = readPartnersFile(partnersFile(env), env, context, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return partners;
}

/** Configuration is read once and never changed afterwards (where parts listen is the PeerDirectory's). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** For entry points: a bad configuration prints what is wrong, without a stack trace, and exits. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

function parseNodeEnv(value: string | undefined, problems: string[]): NodeEnv {
  const v = value ?? 'development';
  if (v === 'development' || v === 'test' || v === 'production') return v;
  problems.push(`NODE_ENV must be development, test or production, got "${v}"`);
  return 'development';
}

function parsePort(name: string, value: string | undefined, fallback: number, problems: string[]): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`${name} must be a port number between 0 and 65535, got "${value}"`);
    return fallback;
  }
  return n;
}

function parseNumber(name: string, value: string | undefined, fallback: number, problems: string[], min = -Infinity): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) {
    problems.push(`${name} must be a number${min > -Infinity ? ` of at least ${min}` : ''}, got "${value}"`);
    return fallback;
  }
  return n;
}

/** "70/20/10": known / adjacent / wildcard percentages, adding up to 100. */
function parseSlotShares(name: string, value: string, problems: string[]): Omit<SlotShares, 'maxCategoryShare'> {
  const parts = value.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts.reduce((a, b) => a + b, 0) !== 100) {
    problems.push(`${name} must be three percentages adding up to 100, like "70/20/10", got "${value}"`);
    return { known: 0.7, adjacent: 0.2, wildcard: 0.1 };
  }
  return { known: parts[0] / 100, adjacent: parts[1] / 100, wildcard: parts[2] / 100 };
}

function secret(name: string, value: string | undefined, devDefault: string, required: boolean, problems: string[]) {
  if (value && value.length < 32) problems.push(`${name} must be at least 32 characters long`);
  // The development default is published in this repository: set explicitly, it is still no secret.
  if (value === devDefault && required) problems.push(`${name} must not be the published development value in production`);
  if (value) return value;
  if (required) problems.push(`${name} must be set in production`);
  return devDefault;
}

/** RATE_LIMIT_REDIS_URL, RATE_LIMIT_WINDOW_SECONDS and RATE_LIMIT_<ACTION>_PER_IDENTITY / _PER_ADDRESS. */
function parseRateLimits(env: Env, problems: string[]): RateLimitConfig {
  const redisUrl = env.RATE_LIMIT_REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) problems.push(`RATE_LIMIT_REDIS_URL must be a redis:// URL, got "${redisUrl}"`);
  const keyPrefix = env.RATE_LIMIT_KEY_PREFIX ?? 'cfp-rate';
  if (!/^[A-Za-z0-9_:-]{1,40}$/.test(keyPrefix))
    problems.push(`RATE_LIMIT_KEY_PREFIX may hold only letters, digits, _, : and - (at most 40), got "${keyPrefix}"`);
  const budget = (name: string, fallback: number) => parseNumber(name, env[name], fallback, problems, 1);
  const budgets = Object.fromEntries(
    RATE_LIMITED_ACTIONS.map((action) => {
      const key = `RATE_LIMIT_${action.toUpperCase()}`;
      const fallback = DEFAULT_RATE_BUDGETS[action];
      return [
        action,
        { perIdentity: budget(`${key}_PER_IDENTITY`, fallback.perIdentity), perAddress: budget(`${key}_PER_ADDRESS`, fallback.perAddress) },
      ];
    }),
  ) as RateLimitConfig['budgets'];
  return { redisUrl, keyPrefix, windowSeconds: budget('RATE_LIMIT_WINDOW_SECONDS', 60), budgets };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * @apollo/gateway sends usage metrics to Apollo (host, OS, CPU and memory, after probing cloud
 * metadata endpoints) unless this variable is set, and reads it itself. Nothing leaves this
 * machine unannounced, so the gateway turns it off before it builds the ApolloGateway.
 */
export function disableVendorTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}
