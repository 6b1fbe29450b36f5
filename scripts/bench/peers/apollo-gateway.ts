import 'reflect-metadata';
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import { TokenService } from '../../../gateway/auth.js';
import { SUPERGRAPH_PATH } from '../../../gateway/supergraph-file.js';
import { disableVendorTelemetry, loadConfigOrExit, type SubgraphName } from '../../../subgraphs/shared/config.js';
import { ErrorCode } from '../../../subgraphs/shared/errors.js';
import { encodePrincipal, type Principal } from '../../../subgraphs/shared/principal.js';
import { CALL_TIMEOUT_MS, createSignedFetch } from '../../../subgraphs/shared/signed-fetch.js';
import { SIGNATURE_HEADERS } from '../../../subgraphs/shared/signing.js';

/**
 * A peer for `npm run bench`: `@apollo/gateway` as shipped (standalone Apollo Server), doing the
 * same token verification and request signing as the project's gateway, nothing else.
 */
interface Context {
  principal: Principal;
}

const config = loadConfigOrExit();
disableVendorTelemetry();
const tokens = new TokenService(config);
const signedFetch = createSignedFetch(config.gatewaySecret, CALL_TIMEOUT_MS.gateway);

class SigningDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<Context>['willSendRequest']>>[0]) {
    if ('principal' in context) request.http?.headers.set(SIGNATURE_HEADERS.principal, encodePrincipal(context.principal));
  }
}

const server = new ApolloServer<Context>({
  gateway: new ApolloGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) =>
      new SigningDataSource({
        url: config.subgraphUrls[name as SubgraphName],
        fetcher: ((url: string, init: object) => signedFetch(url, { ...init, target: name })) as never,
      }),
  }),
  introspection: false,
});
const { url } = await startStandaloneServer(server, {
  listen: { port: config.gatewayPort, host: config.host },
  context: async ({ req }) => {
    try {
      return { principal: await tokens.principalOf(req.headers.authorization, req.headers['sec-gpc'] as string | undefined) };
    } catch (error) {
      throw new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    }
  },
});
console.log(`apollo gateway (peer) listening on ${url}`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
