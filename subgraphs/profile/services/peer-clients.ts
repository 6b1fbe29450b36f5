import type { SubgraphName } from '../../shared/config.js';
import type { PeerDirectory } from '../../shared/peers.js';
import { ServiceClient } from '../../shared/service-client.js';
import type { SignedFetch } from '../../shared/signed-fetch.js';

/**
 * Signed service calls from profile to the other subgraphs, at the address the peer directory
 * holds at call time (a part started on a free port registers once it listens).
 */
export class PeerClients {
  constructor(
    private readonly directory: PeerDirectory,
    private readonly fetch: SignedFetch,
  ) {}

  of(name: SubgraphName): ServiceClient {
    return new ServiceClient(() => this.directory.urlOf(name), this.fetch, 'profile', name);
  }
}
