import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type GatewayServer } from '../../gateway/server.js';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import type { Config } from '../../subgraphs/shared/config.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import { PeerDirectory } from '../../subgraphs/shared/peers.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const PAGE = '{ me { id recommendations(first: 4) { decisionId items { itemId explanation { summary } } } } }';

/** A second gateway in front of the same parts, with some parts replaced by a hung or a closed address. */
async function gatewayWith(stack: TestStack, urls: Partial<Config['subgraphUrls']>) {
  const gateway: GatewayServer = await createGateway({ config: stack.config, peers: new PeerDirectory({ ...stack.peers.all(), ...urls }) });
  const server = await listen(gateway.app, 0, '127.0.0.1');
  const post = async (query: string, token: string) => {
    const started = Date.now();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { ms: Date.now() - started, body: (await response.json()) as { data?: any; errors?: any[] } };
  };
  return {
    post,
    async close() {
      await server.close();
      await gateway.stop();
    },
  };
}

describe('one part down or hung: the rest of the answer comes back, quickly', () => {
  let stack: TestStack;
  let hung: RunningServer;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack({ seed: { items: 300, customers: 10 } });
    token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    // Accepts connections and never answers.
    hung = await listen(() => undefined, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await hung?.close(0);
    await stack?.close();
  });

  it('explanations hung: the list comes back within the short timeout, each explanation null, the error names the part in words', async () => {
    const gateway = await gatewayWith(stack, { explanations: `${hung.url}/graphql` });
    try {
      const { ms, body } = await gateway.post(PAGE, token);
      expect(ms).toBeLessThan(4_000);
      expect(body.data.me.recommendations.items).toHaveLength(4);
      for (const item of body.data.me.recommendations.items) expect(item.explanation).toBeNull();
      expect(body.errors?.map((e) => ({ message: e.message, code: e.extensions.code }))).toEqual([
        {
          message:
            'Our explanations service ("why am I seeing this?") did not answer just now, so that part is missing from this answer. Please try again in a moment.',
          code: 'SERVICE_UNAVAILABLE',
        },
      ]);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|http:\/\//);
      // After repeated failures the breaker answers at once instead of waiting again.
      for (let i = 0; i < 5; i += 1) await gateway.post(PAGE, token);
      expect((await gateway.post(PAGE, token)).ms).toBeLessThan(500);
    } finally {
      await gateway.close();
    }
  });

  it('profile down: the rest of me comes back, what needs profile is null with an error naming it, nothing personal is guessed', async () => {
    const gateway = await gatewayWith(stack, { profile: 'http://127.0.0.1:9/graphql' });
    try {
      const { body } = await gateway.post(
        '{ me { id grantedPurposes statedPreferences { value } recommendations(first: 4) { items { itemId } } } }',
        token,
      );
      expect(body.data.me.id).toBe(DEMO_CUSTOMERS.full);
      expect(body.data.me.grantedPurposes.length).toBeGreaterThan(1);
      expect(body.data.me.statedPreferences).toBeNull();
      expect(body.data.me.recommendations).toBeNull();
      const messages = new Set(body.errors?.map((e) => `${e.extensions.code}: ${e.message}`));
      expect([...messages]).toEqual([
        'SERVICE_UNAVAILABLE: Our profile service (your preferences and activity) did not answer just now, so that part is missing from this answer. Please try again in a moment.',
      ]);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|http:\/\//);
    } finally {
      await gateway.close();
    }
  });
});
