import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import type { SubgraphName } from '../../shared/config.js';
import type { CustomerDataService, CustomerErasure } from '../../shared/customer-data.js';
import { badInput } from '../../shared/errors.js';
import { ERASURE_REPORT_SELECTION } from '../../shared/data-removal.types.js';
import type { PeerClients } from './peer-clients.js';

/** What the customer types to confirm (the preference center shows it). */
export const ERASE_CONFIRMATION = 'ERASE MY DATA';
/** Subgraphs erased before the consent ledger's tombstone (and every partner); profile itself is erased in process. */
const BEFORE_TOMBSTONE: readonly SubgraphName[] = ['recommendations', 'explanations'];
const BEGIN_ERASURE = 'mutation Begin($id: ID!) { beginErasure(customerId: $id) }';
const ERASE_MUTATION = `mutation Erase($id: ID!) { eraseCustomerData(customerId: $id) { ${ERASURE_REPORT_SELECTION} } }`;

export interface ErasureReceipt {
  receiptId: string;
  requestedAt: string;
  complete: boolean;
  reports: CustomerErasure[];
  /** Subgraphs that did not confirm; asking again finishes the job (erasure is idempotent). */
  pending: string[];
  message: string;
}

/** Erasure everywhere (SPEC §5): every subgraph forgets the customer; the ledger keeps a tombstone. */
export class ErasureService {
  constructor(
    private readonly peers: PeerClients,
    private readonly local: CustomerDataService,
    private readonly clock: Clock,
  ) {}

  async eraseEverywhere(customerId: string, confirm: string): Promise<ErasureReceipt> {
    if (confirm !== ERASE_CONFIRMATION) {
      throw badInput(`To erase all your data, type "${ERASE_CONFIRMATION}" exactly. Nothing was erased.`, {
        field: 'confirm',
        expected: ERASE_CONFIRMATION,
      });
    }
    const requestedAt = this.clock.now().toISOString();
    const beforeTombstone = [...BEFORE_TOMBSTONE, ...this.peers.partners];
    // Close every gate first, so nothing new is collected or learned while the parts erase.
    try {
      await this.peers.of('consent').request(BEGIN_ERASURE, { id: customerId });
    } catch {
      const pending = ['profile', ...beforeTombstone, 'consent'];
      const message = 'Our consent service did not confirm the first step, so nothing else was erased yet. Please try again in a moment.';
      return { receiptId: randomUUID(), requestedAt, complete: false, reports: [], pending, message };
    }
    const attempts = await Promise.allSettled([this.local.eraseFor(customerId), ...beforeTombstone.map((name) => this.erasePeer(name, customerId))]);
    const names = ['profile', ...beforeTombstone];
    const reports: CustomerErasure[] = [];
    const pending: string[] = [];
    attempts.forEach((a, i) => (a.status === 'fulfilled' ? reports.push(a.value) : pending.push(names[i])));
    // The tombstone closes the account, so it comes last and only once everything else is gone:
    // until then the customer can still sign in and ask again.
    if (pending.length === 0) {
      try {
        reports.push(await this.erasePeer('consent', customerId));
      } catch {
        pending.push('consent');
      }
    } else {
      pending.push('consent');
    }
    return { receiptId: randomUUID(), requestedAt, complete: pending.length === 0, reports, pending, message: messageFor(pending) };
  }

  private async erasePeer(name: SubgraphName | string, customerId: string): Promise<CustomerErasure> {
    const data = await this.peers.of(name).request<{ eraseCustomerData: CustomerErasure }>(ERASE_MUTATION, { id: customerId });
    return data.eraseCustomerData;
  }
}

function messageFor(pending: string[]): string {
  if (pending.length === 0) return 'All your data was erased everywhere. Our consent ledger keeps only an anonymous proof that this happened.';
  return `Some parts did not answer (${pending.join(', ')}). What was erased stays erased; please ask again to finish.`;
}
