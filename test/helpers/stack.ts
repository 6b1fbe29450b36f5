import { startStack, type Stack } from '../../scripts/stack.js';
import type { Clock } from '../../subgraphs/shared/clock.js';
import type { DemoOptions } from '../../scripts/demo/generate.js';
import type { Config } from '../../subgraphs/shared/config.js';
import { testConfig } from './config.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

export interface TestStack extends Stack {
  /** POST /graphql through the gateway. */
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** A development token for a seeded customer. */
  tokenFor(customerId: string): Promise<string>;
}

/**
 * The whole graph on free ports with a temporary DATA_DIR and (smaller) seeded demo data; on
 * PostgreSQL instead of SQLite when given a database URL.
 */
export async function startTestStack(
  options: { seed?: DemoOptions | false; clock?: Clock; databaseUrl?: string; nats?: Config['nats']; config?: Partial<Config> } = {},
): Promise<TestStack> {
  const stack = await startStack({
    config: testConfig({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.nats ? { nats: options.nats } : {}),
      ...options.config,
    }),
    ports: 'free',
    clock: options.clock,
    seed: options.seed ?? { items: 600, customers: 30 },
  });
  return Object.assign(stack, {
    async graphql<T>(query: string, variables?: Record<string, unknown>, opts: { token?: string; headers?: Record<string, string> } = {}) {
      const response = await fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse<T>;
    },
    async tokenFor(customerId: string) {
      const response = await fetch(`${stack.gatewayUrl}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customerId }),
      });
      const body = (await response.json()) as { token?: string };
      if (!body.token) throw new Error(`no token for ${customerId}: ${JSON.stringify(body)}`);
      return body.token;
    },
  });
}
