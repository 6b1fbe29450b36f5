import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGateway, type GatewayServer } from '../../gateway/server.js';
import { DEFAULT_LIMITS } from '../../gateway/limits.js';
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

  /** n fragments, each spreading the next twice: 2^n fields once expanded, about 60 bytes each. */
  const doublingChain = (n: number) =>
    `{ ...F0 }\n${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1} ...F${i + 1}` : 'purposes { id }'} }`).join('\n')}`;

  it('refuses a chain of fragments that doubles at every spread in time linear in its size', async () => {
    const started = performance.now();
    const result = await stack.graphql(doublingChain(40));
    const elapsedMs = performance.now() - started;
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      {
        message: `This query would cost ${2 ** 40} (fields times page sizes); the limit is 20000. Ask for less at once.`,
        extensions: { code: 'QUERY_TOO_COMPLEX', depth: 2, aliases: 0, cost: 2 ** 40 },
      },
    ]);
    // Walking every spread again would take about 2^40 steps (hours); once per fragment is instant.
    expect(elapsedMs).toBeLessThan(1_000);
    // A short chain is measured alike and allowed: the figures are those of the expanded query.
    const short = await stack.graphql(doublingChain(3));
    expect(short.errors).toBeUndefined();
  });

  it("refuses a document past 5,000 tokens before GraphQL's own validation (recursive, pairwise) runs on it", async () => {
    // 10,000 fragments overflowed the stack of GraphQL's fragment-cycle check: a 500 after a second.
    const result = await stack.graphql(doublingChain(10_000));
    expect(result.status).toBe(400);
    expect(result.errors).toMatchObject([
      { message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
  });

  it('refuses fragments that spread each other (a cycle) as GraphQL does', async () => {
    const result = await stack.graphql('{ ...A } fragment A on Query { purposes { id } ...B } fragment B on Query { ...A }');
    expect(result.status).toBe(400);
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors![0].message).toMatch(/^Cannot spread fragment "A" within itself via "B"\.$/);
  });

  describe('with a small cost limit', () => {
    let gateway: GatewayServer;
    let server: RunningServer;
    beforeAll(async () => {
      gateway = await createGateway({ config: stack.config, peers: stack.peers, limits: { ...DEFAULT_LIMITS, maxCost: 30 } });
      server = await listen(gateway.app, 0, '127.0.0.1');
    });
    afterAll(async () => {
      await server?.close();
      await gateway?.stop();
    });
    const ask = async (query: string, variables?: Record<string, unknown>) => {
      const response = await post(JSON.stringify({ query, variables }), `${server.url}/graphql`);
      return { status: response.status, ...((await response.json()) as { errors?: { message: string; extensions: Record<string, unknown> }[] }) };
    };

    it("counts a list without `first` at the field's default page size (10)", async () => {
      const result = await ask('{ recommendations { items { itemId category score } } }');
      expect(result.status).toBe(400);
      expect(result.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', depth: 3, aliases: 0, cost: 1 + 10 * 4 });
      expect((await ask('{ recommendations(first: 2) { items { itemId category score } } }')).errors).toBeUndefined();
    });

    it('counts a page size given in a variable with the value sent (or the variable default)', async () => {
      const query = 'query Page($n: Int! = 10) { recommendations(first: $n) { items { itemId category score } } }';
      expect((await ask(query, { n: 2 })).errors).toBeUndefined();
      const large = await ask(query, { n: 8 });
      expect(large.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', depth: 3, aliases: 0, cost: 1 + 8 * 4 });
      expect((await ask(query)).errors![0].extensions!.cost).toBe(1 + 10 * 4);
    });
  });

  describe('answers client mistakes with a 4xx and a code, logging nothing', () => {
    const logged: unknown[][] = [];
    beforeAll(() => {
      vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    });
    afterAll(() => {
      vi.mocked(console.error).mockRestore();
      expect(logged).toEqual([]);
    });
    const send = async (body: string) => {
      const response = await post(body);
      return { status: response.status, ...((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }) };
    };
    const only = (code: string, message: string) => ({ status: 400, errors: [{ message, extensions: { code } }] });

    it('several operations without operationName', async () => {
      expect(await send(JSON.stringify({ query: 'query A { purposes { id } } query B { purposes { id } }' }))).toEqual(
        only('OPERATION_RESOLUTION_FAILURE', 'This request holds several operations: name the one to run in "operationName".'),
      );
    });

    it('an unknown operationName', async () => {
      expect(await send(JSON.stringify({ query: 'query A { purposes { id } }', operationName: 'C' }))).toEqual(
        only('OPERATION_RESOLUTION_FAILURE', 'This request has no operation named "C".'),
      );
    });

    it('a subscription', async () => {
      expect(await send(JSON.stringify({ query: 'subscription S { purposes { id } }' }))).toEqual(
        only('BAD_REQUEST', 'Subscriptions are not offered: ask with a query instead.'),
      );
    });

    it('a Float too large for a double, as a literal or in a variable', async () => {
      const token = await stack.tokenFor('cust-001');
      const prefer = (weight: string, variables = '{}') =>
        fetch(`${stack.gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: `{"query":"mutation M${weight.startsWith('$') ? '($w: Float)' : ''} { addStatedPreference(input: {kind: BRAND, value: \\"acme\\", sentiment: LIKE, weight: ${weight}}) { id } }","variables":${variables}}`,
        });
      const literal = await prefer('1e400');
      expect(literal.status).toBe(400);
      expect(await literal.json()).toMatchObject({ errors: [{ message: 'The number 1e400 is too large.', extensions: { code: 'BAD_USER_INPUT' } }] });
      const variable = await prefer('$w', '{"w":1e400}');
      expect(variable.status).toBe(400);
      expect(await variable.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    });
  });

  it('refuses text holding the NUL character, as a literal or in a variable (PostgreSQL cannot take it)', async () => {
    const refused = { errors: [{ message: 'Text may not contain the NUL character (U+0000).', extensions: { code: 'BAD_USER_INPUT' } }] };
    const ask = (body: string) =>
      fetch(`${stack.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { errors?: unknown[] },
      }));
    const literal = await ask(JSON.stringify({ query: '{ decision(id: "a\\u0000b") { personalized } }' }));
    const variable = await ask(JSON.stringify({ query: 'query D($id: ID!) { decision(id: $id) { personalized } }', variables: { id: 'a\u0000b' } }));
    for (const answer of [literal, variable]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject(refused);
    }
  });

  it('answers unknown paths and methods with coded JSON, not HTML', async () => {
    for (const [method, url] of [
      ['POST', '/health'],
      ['DELETE', '/auth/dev-token'],
      ['POST', '/no/such/path'],
    ]) {
      const response = await fetch(`${stack.gatewayUrl}${url}`, { method });
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ message: 'There is nothing at this address.', extensions: { code: 'NOT_FOUND' } }] });
    }
    const put = await fetch(`${stack.gatewayUrl}/graphql`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(await put.json()).toEqual({
      errors: [{ message: 'Send GraphQL requests with POST (or GET for queries).', extensions: { code: 'BAD_REQUEST' } }],
    });
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

    it('turns introspection off, in words that name no server software', async () => {
      const response = await post(JSON.stringify({ query: '{ __schema { types { name } } }' }), `${server.url}/graphql`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message: 'This server does not describe its schema (introspection is off).', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
      });
      const typeName = await post(JSON.stringify({ query: '{ __typename }' }), `${server.url}/graphql`);
      expect(await typeName.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('suggests no field, argument or enum value names ("Did you mean …")', async () => {
      const ask = async (body: object) => JSON.stringify(await (await post(JSON.stringify(body), `${server.url}/graphql`)).json());
      const field = await ask({ query: '{ purposs { id } }' });
      expect(field).toContain('Cannot query field \\"purposs\\" on type \\"Query\\".');
      const argument = await ask({ query: '{ recommendations(frist: 2) { decisionId } }' });
      const enumValue = await ask({
        query: 'query R($s: Surface!) { recommendations(context: { surface: $s }) { decisionId } }',
        variables: { s: 'HOMEE' },
      });
      for (const answer of [field, argument, enumValue]) {
        expect(answer).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
        expect(answer).not.toMatch(/Did you mean|purposes|first|"HOME"/);
      }
    });

    it('issues no development tokens', async () => {
      const response = await post(JSON.stringify({ customerId: 'cust-001' }), `${server.url}/auth/dev-token`);
      expect(response.status).toBe(404);
    });
  });
});
