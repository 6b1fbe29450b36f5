import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../subgraphs/shared/config.js';

describe('configuration', () => {
  it('has working development defaults', () => {
    const config = loadConfig({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphUrls.consent).toBe('http://127.0.0.1:4001/graphql');
    expect(config.nodeEnv).toBe('development');
  });

  it('fails fast, naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x' })).toThrow(
      new ConfigError([
        'NODE_ENV must be development, test or production, got "staging"',
        'DATABASE_URL must be a postgres:// URL, got "mysql://x"',
        'PORT must be a port number between 0 and 65535, got "eighty"',
      ]),
    );
  });

  it('reads the catalog currency, EUR by default, and refuses one that is not an ISO 4217 code', () => {
    expect(loadConfig({}).catalogCurrency).toBe('EUR');
    expect(loadConfig({ CATALOG_CURRENCY: 'GBP' }).catalogCurrency).toBe('GBP');
    expect(() => loadConfig({ CATALOG_CURRENCY: 'pounds' })).toThrow('CATALOG_CURRENCY must be an ISO 4217 code like EUR, got "pounds"');
    // Product pages: none unless configured; a path on this site or an https address, with the item's {id}.
    expect(loadConfig({}).catalogProductUrlTemplate).toBeNull();
    expect(loadConfig({ CATALOG_PRODUCT_URL_TEMPLATE: '/p/{id}' }).catalogProductUrlTemplate).toBe('/p/{id}');
    expect(loadConfig({ CATALOG_PRODUCT_URL_TEMPLATE: 'https://shop.example/p/{id}' }).catalogProductUrlTemplate).toBe('https://shop.example/p/{id}');
    for (const bad of ['/p/item', '//evil.example/{id}', 'http://shop.example/{id}', 'javascript:alert({id})'])
      expect(() => loadConfig({ CATALOG_PRODUCT_URL_TEMPLATE: bad }), bad).toThrow('CATALOG_PRODUCT_URL_TEMPLATE must contain {id}');
  });

  it('reads the rate limits: in memory unless RATE_LIMIT_REDIS_URL is set, each budget configurable', () => {
    const defaults = loadConfig({}).rateLimits;
    expect(defaults.redisUrl).toBeUndefined();
    expect(defaults.windowSeconds).toBe(60);
    const set = loadConfig({
      RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      RATE_LIMIT_TOKENS_PER_ADDRESS: '5',
      RATE_LIMIT_DECISIONS_PER_IDENTITY: '7',
    }).rateLimits;
    expect(set).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', windowSeconds: 10 });
    expect(set.budgets.tokens).toEqual({ perIdentity: defaults.budgets.tokens.perIdentity, perAddress: 5 });
    expect(set.budgets.decisions.perIdentity).toBe(7);
    expect(() => loadConfig({ RATE_LIMIT_REDIS_URL: 'http://cache', RATE_LIMIT_MUTATIONS_PER_IDENTITY: '0' })).toThrow(
      new ConfigError([
        'RATE_LIMIT_REDIS_URL must be a redis:// URL, got "http://cache"',
        'RATE_LIMIT_MUTATIONS_PER_IDENTITY must be a number of at least 1, got "0"',
      ]),
    );
  });

  it('refuses to run in production with development secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /GATEWAY_SECRET must be set in production[\s\S]*JWT_SECRET must be set in production/,
    );
  });

  it('refuses the published development secrets in production even when set explicitly, and a JWKS_URL that is not https', () => {
    const dev = loadConfig({});
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_SECRET: dev.gatewaySecret, JWT_SECRET: dev.jwt.secret })).toThrow(
      /GATEWAY_SECRET must not be the published development value in production[\s\S]*JWT_SECRET must not be the published development value in production/,
    );
    // No partners file: a registered partner would need its own production secret too.
    const secrets = { GATEWAY_SECRET: 'g'.repeat(40), JWT_SECRET: 'j'.repeat(40), PARTNERS_FILE: '' };
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, JWKS_URL: 'http://idp.example/jwks.json' })).toThrow(
      'JWKS_URL must be an https:// URL in production, got "http://idp.example/jwks.json"',
    );
    expect(loadConfig({ NODE_ENV: 'production', ...secrets, JWKS_URL: 'https://idp.example/jwks.json' }).jwt.jwksUrl).toBe(
      'https://idp.example/jwks.json',
    );
    // Development keeps working with its defaults.
    expect(loadConfig({ GATEWAY_SECRET: dev.gatewaySecret }).gatewaySecret).toBe(dev.gatewaySecret);
  });
});
