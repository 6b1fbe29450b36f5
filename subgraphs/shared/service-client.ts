import { AppError, ErrorCode } from './errors.js';
import { encodePrincipal } from './principal.js';
import type { SignedFetch } from './signed-fetch.js';
import { SIGNATURE_HEADERS } from './signing.js';

/**
 * Service-to-subgraph GraphQL calls (outside a client's query plan: collection-time consent
 * checks, withdrawal and erasure fan-out). Signed like the gateway's requests, with a service
 * principal; internal operations require that role and are `@inaccessible` in the supergraph.
 */
export class ServiceClient {
  private readonly principal: string;

  constructor(
    /** The address, or how to find it at call time (see PeerDirectory). */
    private readonly url: string | (() => string),
    private readonly fetch: SignedFetch,
    serviceName: string,
    /** The subgraph called, by name (a first-party part or a registered partner). */
    private readonly target: string,
  ) {
    this.principal = encodePrincipal({ role: 'service', subject: serviceName, scopes: [], gpc: false });
  }

  private address(): string {
    return typeof this.url === 'string' ? this.url : this.url();
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let payload: { data?: T; errors?: { message: string }[] };
    try {
      const response = await this.fetch(this.address(), {
        target: this.target,
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.principal]: this.principal },
        body: JSON.stringify({ query, variables }),
      });
      payload = (await response.json()) as typeof payload;
    } catch {
      throw unavailable();
    }
    if (!payload.data || payload.errors?.length) {
      console.error(`[service-client] ${this.address()} answered with errors`, payload.errors);
      throw unavailable();
    }
    return payload.data;
  }
}

function unavailable(): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'A part of our service did not answer just now, so nothing was changed. Please try again.');
}
