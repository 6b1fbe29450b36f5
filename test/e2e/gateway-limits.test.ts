import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type GatewayServer } from '../../gateway/server.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

describe('gateway limits and production hardening', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ seed: { items: 120, customers: 3 } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const post = (body: string, url = `${stack.gatewayUrl}/graphql`) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it("sends nothing to Apollo: the gateway's vendor telemetry is off before it is built", () => {
    // @apollo/gateway reads this itself; when unset it reports host metrics to Apollo and probes cloud metadata.
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });

  it('refuses batched requests (batching is off)', async () => {
    const response = await post(JSON.stringify([{ query: '{ purposes { id } }' }, { query: '{ purposes { id } }' }]));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses bodies over the size limit with PAYLOAD_TOO_LARGE', async () => {
    const response = await post(JSON.stringify({ query: `{ purposes { id } } # ${'x'.repeat(600_000)}` }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request is larger than 512kb.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('answers malformed JSON with BAD_REQUEST', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('serves the preference center: the page revalidated, hashed bundles cached for good, a missing bundle a plain 404', async () => {
    const page = await fetch(`${stack.gatewayUrl}/consent`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const bundle = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${stack.gatewayUrl}${bundle}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${stack.gatewayUrl}/assets/index-missing.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: [{ message: 'There is nothing at this address.', extensions: { code: 'NOT_FOUND' } }] });
    const malformed = await fetch(`${stack.gatewayUrl}/assets/%E0%A4%A.js`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ errors: [{ message: 'The request is not valid.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses a query whose page sizes multiply past the cost limit', async () => {
    const query =
      '{ me { consentHistory(first: 100) { events { decisionId purpose status method origin occurredAt hash prevHash } } } a: recommendations(first: 50) { items { itemId contributions { source weight label purpose evidence } explanation { reasons { text dataUsed { category purpose } } } } } }';
    const ok = await stack.graphql(query);
    expect(ok.errors).toBeUndefined();
    const expensive = `{ ${Array.from({ length: 30 }, (_, i) => `r${i}: recommendations(first: 50) { items { itemId contributions { source weight label purpose evidence noticeVersion } explanation { summary reasons { text weight kind dataUsed { category purpose noticeVersion } } } } }`).join(' ')} }`;
    const result = await stack.graphql(expensive);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors![0].message).toMatch(/^This query would cost \d+ \(fields times page sizes\); the limit is 20000\. Ask for less at once\.$/);
  });

  describe('in production', () => {
    let gateway: GatewayServer;
    let server: RunningServer;
    beforeAll(async () => {
      const config = { ...stack.config, nodeEnv: 'production' as const };
      gateway = await createGateway({ config });
      server = await listen(gateway.app, 0, '127.0.0.1');
    });
    afterAll(async () => {
      await server?.close();
      await gateway?.stop();
    });

    it('turns introspection off', async () => {
      const response = await post(JSON.stringify({ query: '{ __schema { types { name } } }' }), `${server.url}/graphql`);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:/);
    });

    it('issues no development tokens', async () => {
      const response = await post(JSON.stringify({ customerId: 'cust-001' }), `${server.url}/auth/dev-token`);
      expect(response.status).toBe(404);
    });
  });
});
