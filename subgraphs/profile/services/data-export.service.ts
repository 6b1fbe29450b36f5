import type { Clock } from '../../shared/clock.js';
import type { SubgraphName } from '../../shared/config.js';
import type { CustomerDataService } from '../../shared/customer-data.js';
import { AppError, ErrorCode } from '../../shared/errors.js';
import type { PeerClients } from './peer-clients.js';

export const EXPORT_FORMAT = 'consent-first-personalization/export/v1';
const PEERS: readonly SubgraphName[] = ['consent', 'recommendations', 'explanations'];
const EXPORT_QUERY = 'query Export($id: ID!) { exportCustomerData(customerId: $id) }';

/**
 * One JSON document with everything every subgraph holds about a customer. Each subgraph answers
 * the internal `exportCustomerData` with `{ subgraph, data: { <category>: [records] } }`.
 */
export class DataExportService {
  constructor(
    private readonly peers: PeerClients,
    private readonly local: CustomerDataService,
    private readonly clock: Clock,
  ) {}

  async exportFor(customerId: string): Promise<string> {
    const peers = [...PEERS, ...this.peers.partners];
    const [own, ...others] = await Promise.all([this.local.exportFor(customerId), ...peers.map((name) => this.fromPeer(name, customerId))]);
    const subgraphs: Record<string, unknown> = { profile: own.data };
    peers.forEach((name, i) => (subgraphs[name] = others[i]));
    return JSON.stringify({ format: EXPORT_FORMAT, customerId, exportedAt: this.clock.now().toISOString(), subgraphs });
  }

  /** All or nothing: an export with a part missing would say we hold less than we do. */
  private async fromPeer(name: SubgraphName | string, customerId: string): Promise<unknown> {
    try {
      const { exportCustomerData } = await this.peers.of(name).request<{ exportCustomerData: string }>(EXPORT_QUERY, { id: customerId });
      const part = JSON.parse(exportCustomerData) as { data?: unknown };
      return part.data ?? part;
    } catch {
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `We could not gather all of your data just now (the ${name} part did not answer). Please try again in a moment.`,
        { subgraph: name },
      );
    }
  }
}
