import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { GraphQLError } from 'graphql';
import { TokenService } from '../../../gateway/auth.js';
import { SUPERGRAPH_PATH } from '../../../gateway/supergraph-file.js';
import { loadConfigOrExit } from '../../../subgraphs/shared/config.js';
import { ErrorCode } from '../../../subgraphs/shared/errors.js';
import { encodePrincipal } from '../../../subgraphs/shared/principal.js';
import { SIGNATURE_HEADERS, signRequest } from '../../../subgraphs/shared/signing.js';

/**
 * A peer for `npm run bench`: the Hive gateway runtime with the Rust query planner
 * (`@graphql-hive/router-runtime`), doing the same token verification and request signing.
 *
 * The runtime de-duplicates identical in-flight subgraph requests, keyed on the request before a
 * plugin's `onFetch` runs. The principal therefore goes into the transport's own headers (part of
 * that key, so two customers' requests are never merged); `onFetch` only adds the signature over
 * the final body. The benchmark's isolation check verifies this before any load.
 */
interface Context {
  principalHeader: string;
}

const config = loadConfigOrExit();
const tokens = new TokenService(config);
/** Each subgraph's name by its address: requests are signed for the subgraph they go to. */
const targets = new Map(Object.entries(config.subgraphUrls).map(([name, location]) => [location, name]));

const authenticate: GatewayPlugin<Context> = {
  async onContextBuilding({ context, extendContext }) {
    const request = (context as unknown as { request: Request }).request;
    try {
      const principal = await tokens.principalOf(request.headers.get('authorization') ?? undefined, request.headers.get('sec-gpc') ?? undefined);
      extendContext({ principalHeader: encodePrincipal(principal) } as never);
    } catch (error) {
      throw new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    }
  },
};

const sign: GatewayPlugin<Context> = {
  onFetch({ url, options, setOptions }) {
    const headers = new Headers(options.headers as HeadersInit);
    const { pathname, search } = new URL(url);
    const signature = signRequest(config.gatewaySecret, {
      target: targets.get(url) ?? '',
      method: options.method ?? 'POST',
      path: pathname + search,
      principal: headers.get(SIGNATURE_HEADERS.principal) ?? '',
      body: typeof options.body === 'string' ? options.body : '',
    });
    for (const [name, value] of Object.entries(signature)) headers.set(name, value);
    setOptions({ ...options, headers: Object.fromEntries(headers) });
  },
};

const gateway = createGatewayRuntime<Context>({
  supergraph: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
  unifiedGraphHandler,
  graphiql: false,
  landingPage: false,
  logging: 'error',
  transportEntries: {
    '*': { headers: [[SIGNATURE_HEADERS.principal, '{context.principalHeader}']] },
    ...Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, location]) => [name, { location }])),
  },
  plugins: () => [authenticate, sign],
});
const server = http.createServer(gateway);
server.listen(config.gatewayPort, config.host, () => console.log(`hive gateway (peer) listening on ${config.host}:${config.gatewayPort}`));
process.once('SIGTERM', () => server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0))));
