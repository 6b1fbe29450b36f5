import type { SubgraphName } from '../../shared/config.js';
import type { PeerDirectory } from '../../shared/peers.js';
import { ServiceClient } from '../../shared/service-client.js';
import type { SignedFetches } from '../../shared/signed-fetch.js';

/**
 * Signed service calls from profile to the other subgraphs, at the address the peer directory
 * holds at call time (a part started on a free port registers once it listens).
 */
export class PeerClients {
  constructor(
    private readonly directory: PeerDirectory,
    private readonly fetches: SignedFetches,
    /** The registered partner subgraphs: exported and erased with the customer like the others. */
    readonly partners: readonly string[] = [],
  ) {}

  /** A first-party subgraph, or a partner (whose requests are signed with its own secret). */
  of(name: SubgraphName | string): ServiceClient {
    return new ServiceClient(() => this.directory.urlOf(name), this.fetches.for(name), 'profile', name);
  }
}
