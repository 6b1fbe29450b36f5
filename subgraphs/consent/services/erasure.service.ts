import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { RemovedData } from '../../shared/data-removal.types.js';
import type { Transactions } from '../../shared/transactions.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import { CustomerRecord } from '../entities/customer.entity.js';
import { GpcConflictRecord, GpcSignalRecord } from '../entities/gpc.entity.js';
import { LedgerTombstoneRecord } from '../entities/ledger-tombstone.entity.js';
import { ReceiptRecord } from '../entities/receipt.entity.js';
import { WithdrawalOutboxRecord } from '../entities/withdrawal-outbox.entity.js';
import { GENESIS_HASH } from './ledger.service.js';
import type { ReceiptSigner } from './receipt-signer.js';
import { hashTombstone } from './tombstone.js';

/** What consent holds about one customer, by table, in the order export and erasure walk it. */
const PERSONAL_TABLES: { category: string; entity: EntityTarget<ObjectLiteral>; key: string }[] = [
  { category: 'consent ledger entries', entity: ConsentDecisionRecord, key: 'customerId' },
  { category: 'consent receipts', entity: ReceiptRecord, key: 'customerId' },
  { category: 'GPC records', entity: GpcSignalRecord, key: 'customerId' },
  { category: 'GPC conflicts', entity: GpcConflictRecord, key: 'customerId' },
  { category: 'withdrawal deliveries', entity: WithdrawalOutboxRecord, key: 'customerId' },
  { category: 'customer record', entity: CustomerRecord, key: 'id' },
];

/**
 * Export and erasure of everything consent holds about a customer (internal; orchestrated by the
 * profile subgraph's `eraseMe`). Erasure leaves a tombstone: a keyed hash of the id, the chain's
 * head hash and its length — proof the ledger existed, without personal data.
 */
export class ErasureService {
  constructor(
    private readonly db: DataSource,
    private readonly signer: ReceiptSigner,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async exportJson(customerId: string): Promise<string> {
    const [ledger, receipts, gpcSignal, gpcConflicts, withdrawals, customer] = await Promise.all(
      PERSONAL_TABLES.map(({ entity, key }) => this.db.getRepository(entity).find({ where: { [key]: customerId } })),
    );
    return JSON.stringify({
      subgraph: 'consent',
      customerId,
      exportedAt: this.clock.now().toISOString(),
      customer: customer[0] ?? null,
      ledger,
      receipts: receipts.map((r) => ({ ...r, document: JSON.parse(r.document) })),
      gpc: { signal: gpcSignal[0] ?? null, conflicts: gpcConflicts },
      withdrawals,
    });
  }

  async erase(customerId: string): Promise<RemovedData[]> {
    return this.tx.run(async (manager) => {
      const chain = await manager.find(ConsentDecisionRecord, { where: { customerId }, order: { seq: 'ASC' } });
      if (chain.length > 0) await this.writeTombstone(manager, customerId, chain);
      const removed: RemovedData[] = [];
      for (const { category, entity, key } of PERSONAL_TABLES) {
        const result = await manager.delete(entity, { [key]: customerId });
        removed.push({ category, count: result.affected ?? 0 });
      }
      return removed;
    });
  }

  private async writeTombstone(manager: EntityManager, customerId: string, chain: ConsentDecisionRecord[]): Promise<void> {
    const fields = {
      subjectHash: await this.signer.keyedHash('ledger-tombstone', customerId),
      headHash: chain[chain.length - 1]?.hash ?? GENESIS_HASH,
      entryCount: chain.length,
      erasedAt: this.clock.now().toISOString(),
    };
    await manager.insert(LedgerTombstoneRecord, { ...fields, hash: hashTombstone(fields) });
  }
}
