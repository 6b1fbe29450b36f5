import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { KeyedMutex } from '../../shared/keyed-mutex.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import { NoticeRecord } from '../entities/notice.entity.js';
import { ReceiptRecord } from '../entities/receipt.entity.js';
import type { WithdrawalOutboxRecord } from '../entities/withdrawal-outbox.entity.js';
import { receiptBase, type ReceiptDocument, type ReceiptRemoval } from './receipt-document.js';
import type { ReceiptSigner } from './receipt-signer.js';

/**
 * Receipts are written PENDING in the decision's transaction (so a crash loses none), then issued
 * once the withdrawal reports are in: signed, with what was removed and what is still pending.
 */
export class ReceiptService {
  constructor(
    private readonly db: DataSource,
    private readonly signer: ReceiptSigner,
    private readonly writes: KeyedMutex,
    private readonly clock: Clock,
    private readonly controller: string,
  ) {}

  async createPending(manager: EntityManager, receiptId: string, customerId: string, decisions: ConsentDecisionRecord[]): Promise<void> {
    const versions = await manager.find(NoticeRecord, { where: { purpose: In(decisions.map((d) => d.purpose)) } });
    const notices = new Map(versions.map((n) => [`${n.purpose}@${n.version}`, n]));
    const issuedAt = this.clock.now().toISOString();
    const base = receiptBase({ receiptId, issuedAt, controller: this.controller, customerId, decisions, notices });
    await manager.insert(ReceiptRecord, { receiptId, customerId, issuedAt, status: 'PENDING', document: JSON.stringify(base), signature: null, keyId: null });
  }

  /** Adds the data-removal section and signs. Called with the receipt's outbox rows. */
  async issue(receiptId: string, deliveries: WithdrawalOutboxRecord[]): Promise<ReceiptRecord> {
    return this.writes.run('db', async () => {
      const repo = this.db.getRepository(ReceiptRecord);
      const receipt = await repo.findOneByOrFail({ receiptId });
      if (receipt.status === 'ISSUED') return receipt;
      const document: ReceiptDocument = {
        ...JSON.parse(receipt.document),
        dataRemoval: removalSection(deliveries),
        signature: { algorithm: 'Ed25519', keyId: this.signer.keyId },
      };
      const text = JSON.stringify(document);
      const issued = { ...receipt, status: 'ISSUED' as const, document: text, signature: this.signer.sign(text), keyId: this.signer.keyId };
      await repo.save(issued);
      return issued;
    });
  }

  pendingIds(): Promise<string[]> {
    return this.db
      .getRepository(ReceiptRecord)
      .find({ select: { receiptId: true }, where: { status: 'PENDING' }, order: { issuedAt: 'ASC' } })
      .then((rows) => rows.map((r) => r.receiptId));
  }

  issuedFor(customerId: string): Promise<ReceiptRecord[]> {
    return this.db.getRepository(ReceiptRecord).find({ where: { customerId, status: 'ISSUED' }, order: { issuedAt: 'ASC', receiptId: 'ASC' } });
  }

  async forDecision(decisionId: string): Promise<ReceiptRecord | null> {
    const decision = await this.db.getRepository(ConsentDecisionRecord).findOneBy({ decisionId });
    return decision?.receiptId ? this.db.getRepository(ReceiptRecord).findOneBy({ receiptId: decision.receiptId }) : null;
  }
}

function removalSection(deliveries: WithdrawalOutboxRecord[]): ReceiptRemoval {
  if (deliveries.length === 0) return { status: 'NOT_APPLICABLE', removed: [], pending: [] };
  const removed = deliveries
    .filter((d) => d.status === 'DELIVERED')
    .flatMap((d) => (d.report ?? []).map((r) => ({ subgraph: d.subscriber, purpose: d.purpose, category: r.category, count: r.count })));
  const pending = deliveries.filter((d) => d.status === 'PENDING').map((d) => ({ subgraph: d.subscriber, purpose: d.purpose }));
  return { status: pending.length > 0 ? 'PENDING' : 'COMPLETE', removed, pending };
}
