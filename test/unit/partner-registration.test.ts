import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadPartnersForComposition } from '../../subgraphs/shared/config.js';
import { devPartnerSecret } from '../../subgraphs/shared/partners.js';

const FIXTURES = path.resolve('test/fixtures/partners');
const SECRET = 'brand-partner-signing-secret-from-the-environment';

describe('partner registration (the partners file)', () => {
  it('reads each partner: name, URL, its own secret (from the environment in production) and allowed purposes', () => {
    const [brand] = loadConfig({
      NODE_ENV: 'production',
      GATEWAY_SECRET: 'a-production-gateway-secret-of-enough-length',
      JWT_SECRET: 'a-production-jwt-secret-of-enough-length-too',
      PARTNERS_FILE: path.join(FIXTURES, 'env/partners.json'),
      BRAND_SIGNING_SECRET: SECRET,
    }).partners;
    expect(brand).toEqual({
      name: 'brand',
      url: 'https://brand.example/graphql',
      signingSecret: SECRET,
      allowedPurposes: ['share.partners'],
      module: undefined,
      sdlFile: path.join(FIXTURES, 'refused/untagged.graphql'),
    });
  });

  it('gives a partner whose variable is not set a development secret, and refuses that in production', () => {
    const file = path.join(FIXTURES, 'env/partners.json');
    expect(loadConfig({ PARTNERS_FILE: file }).partners[0].signingSecret).toBe(devPartnerSecret('brand'));
    const production = {
      NODE_ENV: 'production',
      GATEWAY_SECRET: 'a-production-gateway-secret-of-enough-length',
      JWT_SECRET: 'a-production-jwt-secret-of-enough-length-too',
    };
    expect(() => loadConfig({ ...production, PARTNERS_FILE: file })).toThrow(
      new ConfigError(['partner "brand": the variable BRAND_SIGNING_SECRET must hold a signing secret of at least 32 characters']),
    );
    expect(() => loadConfig({ ...production, PARTNERS_FILE: file, BRAND_SIGNING_SECRET: devPartnerSecret('brand') })).toThrow(
      'partner "brand": the signing secret must not be the published development value in production',
    );
  });

  it('has no partners without a file, or with PARTNERS_FILE set empty', () => {
    expect(loadConfig({ PARTNERS_FILE: path.join(FIXTURES, 'none.json') }).partners).toEqual([]);
    expect(loadConfig({ PARTNERS_FILE: '' }).partners).toEqual([]);
  });

  it('fails fast, naming every problem of every partner', () => {
    const file = path.join(FIXTURES, 'invalid/partners.json');
    expect(() => loadConfig({ PARTNERS_FILE: file })).toThrow(
      new ConfigError([
        'partner "consent": the name is taken by a first-party subgraph',
        'partner "consent": url must be an http(s) URL, got "ftp://example"',
        'partner "consent": signingSecret must hold a signing secret of at least 32 characters',
        'partner "consent": "essential" is not a purpose a partner may be allowed',
        `partner "consent": ${path.join(FIXTURES, 'invalid/missing.ts')} does not exist`,
      ]),
    );
    // Composition needs no secrets, but still every other fact.
    expect(() => loadPartnersForComposition({ PARTNERS_FILE: file })).toThrow('partner "consent": the name is taken by a first-party subgraph');
    expect(loadPartnersForComposition({ PARTNERS_FILE: path.join(FIXTURES, 'refused/partners.json') })).toHaveLength(1);
  });
});
