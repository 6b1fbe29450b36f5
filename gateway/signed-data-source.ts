import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { encodePrincipal, type Principal } from '../subgraphs/shared/principal.js';
import type { SignedFetch } from '../subgraphs/shared/signed-fetch.js';
import { SIGNATURE_HEADERS } from '../subgraphs/shared/signing.js';

export interface GatewayContext {
  principal: Principal;
}

/** Sends each subgraph fetch with the verified principal, signed over the exact body. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, signedFetch: SignedFetch) {
    super({ url, fetcher: signedFetch as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const principal = 'principal' in context && context.principal ? (context.principal as Principal) : undefined;
    if (principal) request.http?.headers.set(SIGNATURE_HEADERS.principal, encodePrincipal(principal));
  }
}
