import type { SubgraphName } from '../../shared/config.js';
import { ServiceClient } from '../../shared/service-client.js';
import type { SignedFetch } from '../../shared/signed-fetch.js';

/**
 * Signed service calls from profile to the other subgraphs. The URL is read at call time: when
 * the whole stack starts on free ports, a subgraph's address is known only once it listens.
 */
export class PeerClients {
  constructor(
    private readonly urls: Readonly<Record<SubgraphName, string>>,
    private readonly fetch: SignedFetch,
  ) {}

  of(name: SubgraphName): ServiceClient {
    return new ServiceClient(this.urls[name], this.fetch, 'profile');
  }
}
