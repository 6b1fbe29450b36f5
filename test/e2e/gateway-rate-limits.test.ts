import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type GatewayServer } from '../../gateway/server.js';
import type { Config, RateLimitConfig } from '../../subgraphs/shared/config.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis answers there (the test machines run one; elsewhere the Redis test is skipped). */
const redisReachable = await new Promise<boolean>((resolve) => {
  const socket = net.connect(6379, '127.0.0.1');
  socket.setTimeout(500);
  socket.once('connect', () => (socket.end(), resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => (socket.destroy(), resolve(false)));
});
if (!redisReachable) console.log(`Skipping the shared-count test: no Redis answers at ${REDIS_URL}.`);

const SMALL: RateLimitConfig['budgets'] = {
  mutations: { perIdentity: 2, perAddress: 100 },
  tokens: { perIdentity: 100, perAddress: 3 },
  decisions: { perIdentity: 100, perAddress: 5 },
};

describe('rate limits on mutations, token issuing and decision writes', () => {
  let stack: TestStack;
  const started: { gateway: GatewayServer; server: RunningServer }[] = [];
  beforeAll(async () => {
    stack = await startTestStack({ seed: { items: 60, customers: 3 } });
  });
  afterAll(async () => {
    for (const { gateway, server } of started) {
      await server.close();
      await gateway.stop();
    }
    await stack?.close();
  });

  /** A gateway on the test stack's parts with small budgets (counted in memory unless redisUrl is given). */
  async function gatewayWith(rateLimits: Partial<RateLimitConfig>): Promise<string> {
    const config: Config = { ...stack.config, rateLimits: { ...stack.config.rateLimits, budgets: SMALL, ...rateLimits } };
    const gateway = await createGateway({ config, peers: stack.peers });
    const server = await listen(gateway.app, 0, '127.0.0.1');
    started.push({ gateway, server });
    return server.url;
  }

  const graphql = async (url: string, query: string, token?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
  };
  const refused = (retryAfter: string | null) => {
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    return {
      errors: [
        {
          message: `Too many requests at once. Please wait ${retryAfter} second${retryAfter === '1' ? '' : 's'} and try again.`,
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    };
  };
  /** Two recommendation lists: two decisions written. */
  const twoLists = '{ a: recommendations { decisionId } b: recommendations(first: 3) { decisionId } }';

  it('refuses token issuing past the per-address budget with RATE_LIMITED and Retry-After', async () => {
    const url = await gatewayWith({});
    const issue = () =>
      fetch(`${url}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: 'cust-001' }),
      });
    for (let i = 0; i < 3; i++) expect((await issue()).status).toBe(200);
    const response = await issue();
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual(refused(response.headers.get('retry-after')));
  });

  it("refuses one identity's mutations past its budget, not another's", async () => {
    const url = await gatewayWith({});
    const [first, second] = await Promise.all([stack.tokenFor('cust-001'), stack.tokenFor('cust-002')]);
    const prefer = 'addStatedPreference(input: { kind: BRAND, value: "acme", sentiment: LIKE }) { id }';
    const record = `mutation { ${prefer} }`;
    // Whether the preference is accepted is the profile service's business; here only the count matters.
    for (let i = 0; i < 2; i++) expect((await graphql(url, record, first)).status).toBe(200);
    const third = await graphql(url, record, first);
    expect(third.status).toBe(429);
    expect(third.body).toEqual(refused(third.retryAfter));
    // Two aliased mutation fields count twice: the other customer's budget of 2 is spent at once.
    const aliased = `mutation { a: ${prefer} b: ${prefer} }`;
    expect((await graphql(url, aliased, second)).status).toBe(200);
    expect((await graphql(url, record, second)).status).toBe(429);
  });

  it('counts every recommendation list (a decision written) against the address, anonymous visitors included', async () => {
    const url = await gatewayWith({});
    expect((await graphql(url, twoLists)).status).toBe(200);
    expect((await graphql(url, twoLists)).status).toBe(200);
    const over = await graphql(url, twoLists); // 6 decisions > 5
    expect(over.status).toBe(429);
    expect(over.body).toEqual(refused(over.retryAfter));
    // Reads that write no decision are not counted.
    expect((await graphql(url, '{ purposes { id } }')).status).toBe(200);
  });

  it.skipIf(!redisReachable)('shares the count between two gateway instances through Redis', async () => {
    const shared = { redisUrl: REDIS_URL, keyPrefix: `cfp-test-${randomUUID()}` };
    const [one, two] = [await gatewayWith(shared), await gatewayWith(shared)];
    expect((await graphql(one, twoLists)).status).toBe(200);
    expect((await graphql(two, twoLists)).status).toBe(200);
    // 4 decisions so far across both instances: one more list is allowed, then none.
    expect((await graphql(two, '{ recommendations { decisionId } }')).status).toBe(200);
    const over = await graphql(one, '{ recommendations { decisionId } }');
    expect(over.status).toBe(429);
    expect(over.body).toEqual(refused(over.retryAfter));
  });
});
