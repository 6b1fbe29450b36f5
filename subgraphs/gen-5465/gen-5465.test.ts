import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../gateway/composition.js';
import { testConfig } from '../../test/helpers/config.js';
import { customer, execute } from '../../test/helpers/subgraph.js';
import { listen } from '../shared/http.js';
import type { PartnerRegistration } from '../shared/partners.js';
import type { Principal } from '../shared/principal.js';
import { createSignedFetch } from '../shared/signed-fetch.js';
import { partner } from './partner.js';

/** How this partner would be registered in partners.json (the secret comes from the environment there). */
const registration: PartnerRegistration = {
  name: 'gen-5465',
  url: 'http://127.0.0.1:9/graphql',
  signingSecret: 'test-only-gen-5465-signing-secret-0000000000000000',
  allowedPurposes: ['share.partners'],
  module: fileURLToPath(new URL('./partner.ts', import.meta.url)),
  sdlFile: undefined,
};
const consentService: Principal = { subject: 'consent', role: 'service', scopes: [], gpc: false };
const ENTRIES = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { gen5465Entries { text } } } }';
/** What the gateway hands over: the key, and `grantedPurposes` from consent (through `@requires`). */
const asFromGateway = (grantedPurposes: unknown) => ({ reps: [{ __typename: 'Customer', id: 'c1', grantedPurposes }] });

describe('the gen-5465 partner subgraph', () => {
  let module: Awaited<ReturnType<typeof partner.create>>;

  beforeAll(async () => {
    module = await partner.create({ config: testConfig(), registration, sqliteFile: ':memory:' });
    await module.services.gen5465.add('c1', 'first note');
  });
  afterAll(async () => {
    await module?.close();
  });

  it('passes the consent data policy and composes into the graph', async () => {
    const result = await composeSupergraph({ partners: [registration] });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('answers only while the customer shares with partners, and fails closed', async () => {
    const entries = async (granted: unknown) => (await execute(module, ENTRIES, asFromGateway(granted), customer('c1'))).data?._entities;
    expect(await entries(['share.partners'])).toEqual([{ gen5465Entries: [{ text: 'first note' }] }]);
    expect(await entries([])).toEqual([{ gen5465Entries: [] }]);
    expect(await entries(['personalization.stated'])).toEqual([{ gen5465Entries: [] }]);
    expect(await entries('share.partners')).toEqual([{ gen5465Entries: [] }]);
    expect(await entries(undefined)).toEqual([{ gen5465Entries: [] }]);
    const other = await execute(module, ENTRIES, asFromGateway(['share.partners']), customer('c2'));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('believes only requests signed with its own secret', async () => {
    const server = await listen(module.app, 0, '127.0.0.1');
    const own = createSignedFetch(registration.signingSecret);
    const shared = createSignedFetch(testConfig().gatewaySecret);
    try {
      const body = JSON.stringify({ query: '{ _service { sdl } }' });
      const headers = { 'content-type': 'application/json' };
      const unsigned = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
      expect(unsigned.status).toBe(401);
      expect((await shared(`${server.url}/graphql`, { headers, body })).status).toBe(401);
      expect((await own(`${server.url}/graphql`, { headers, body })).status).toBe(200);
    } finally {
      await own.close();
      await shared.close();
      await server.close();
    }
  });

  it('exports what it stores, removes it when consent pushes a withdrawal, and erases it', async () => {
    const exported = await execute(module, 'query { exportCustomerData(customerId: "c1") }', {}, consentService);
    expect(JSON.parse(exported.data!.exportCustomerData)).toEqual({
      subgraph: 'gen-5465',
      data: { gen5465: [expect.objectContaining({ customerId: 'c1', text: 'first note', purpose: 'share.partners' })] },
    });
    const withdraw = 'mutation { applyConsentWithdrawal(customerId: "c1", purpose: "share.partners") { subgraph removed { category count } } }';
    expect((await execute(module, withdraw, {}, customer('c1'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await execute(module, withdraw, {}, consentService)).data).toEqual({
      applyConsentWithdrawal: { subgraph: 'gen-5465', removed: [{ category: 'gen5465', count: 1 }] },
    });
    await module.services.gen5465.add('c1', 'second note');
    const erase = 'mutation { eraseCustomerData(customerId: "c1") { subgraph removed { category count } } }';
    expect((await execute(module, erase, {}, consentService)).data).toEqual({
      eraseCustomerData: { subgraph: 'gen-5465', removed: [{ category: 'gen5465', count: 1 }] },
    });
    expect(await module.services.gen5465.list('c1')).toEqual([]);
  });
});
