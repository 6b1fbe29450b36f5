import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { Transactions } from '../../shared/transactions.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import { NoticeRecord } from '../entities/notice.entity.js';
import { ReceiptRecord } from '../entities/receipt.entity.js';
import type { WithdrawalOutboxRecord } from '../entities/withdrawal-outbox.entity.js';
import { receiptBase, type ReceiptDocument, type ReceiptRemoval } from './receipt-document.js';
import type { ReceiptSigner } from './receipt-signer.js';

/** A client's key for one consent request, and a hash of what it asked. */
export interface IdempotentRequest {
  key: string;
  fingerprint: string;
}

/**
 * Receipts are written PENDING in the decision's transaction (so a crash loses none), then issued
 * once the withdrawal reports are in: signed, with what was removed and what is still pending.
 */
export class ReceiptService {
  constructor(
    private readonly db: DataSource,
    private readonly signer: ReceiptSigner,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly controller: string,
  ) {}

  async createPending(
    manager: EntityManager,
    receiptId: string,
    customerId: string,
    decisions: ConsentDecisionRecord[],
    idempotency: IdempotentRequest | null = null,
  ): Promise<void> {
    const versions = await manager.find(NoticeRecord, { where: { purpose: In(decisions.map((d) => d.purpose)) } });
    const notices = new Map(versions.map((n) => [`${n.purpose}@${n.version}`, n]));
    const issuedAt = this.clock.now().toISOString();
    const base = receiptBase({ receiptId, issuedAt, controller: this.controller, customerId, decisions, notices });
    await manager.insert(ReceiptRecord, {
      receiptId,
      customerId,
      issuedAt,
      status: 'PENDING',
      document: JSON.stringify(base),
      signature: null,
      keyId: null,
      removalPending: false,
      followUpOf: null,
      idempotencyKey: idempotency?.key ?? null,
      requestFingerprint: idempotency?.fingerprint ?? null,
    });
  }

  byId(receiptId: string): Promise<ReceiptRecord | null> {
    return this.db.getRepository(ReceiptRecord).findOneBy({ receiptId });
  }

  /** The receipt a request with this client key already produced, if any. */
  byIdempotencyKey(customerId: string, key: string, manager: EntityManager = this.db.manager): Promise<ReceiptRecord | null> {
    return manager.findOneBy(ReceiptRecord, { customerId, idempotencyKey: key });
  }

  /** Adds the data-removal section and signs. Called with the receipt's outbox rows. */
  async issue(receiptId: string, deliveries: WithdrawalOutboxRecord[]): Promise<ReceiptRecord> {
    return this.tx.queued(async () => {
      const repo = this.db.getRepository(ReceiptRecord);
      const receipt = await repo.findOneByOrFail({ receiptId });
      if (receipt.status === 'ISSUED') return receipt;
      const dataRemoval = removalSection(deliveries);
      const issued = {
        ...receipt,
        ...(await this.signed({ ...JSON.parse(receipt.document), dataRemoval })),
        removalPending: dataRemoval.status === 'PENDING',
      };
      const { receiptId: _id, ...changes } = issued;
      // Only a PENDING receipt is issued: if another instance issued it first, that one stands.
      const result = await repo.update({ receiptId, status: 'PENDING' }, changes);
      return result.affected ? issued : repo.findOneByOrFail({ receiptId });
    });
  }

  /**
   * Once every deletion a receipt left pending is confirmed: a new signed receipt for the same
   * decisions, saying the removal is complete and naming the receipt it follows up. Issued once.
   */
  async issueFollowUp(receiptId: string, deliveries: WithdrawalOutboxRecord[]): Promise<ReceiptRecord | null> {
    if (deliveries.length === 0 || deliveries.some((d) => d.status === 'PENDING')) return null;
    return this.tx.run(async (manager) => {
      // Claimed by a conditional update first: of two instances following up, one issues it.
      const claimed = await manager.update(ReceiptRecord, { receiptId, removalPending: true }, { removalPending: false });
      if (!claimed.affected) return null;
      const original = await manager.findOneByOrFail(ReceiptRecord, { receiptId });
      const { signature: _signature, dataRemoval: _pending, ...base } = JSON.parse(original.document) as ReceiptDocument;
      const followUpId = randomUUID();
      const issuedAt = this.clock.now().toISOString();
      const document = { ...base, consentReceiptID: followUpId, issuedAt, followUpOf: receiptId, dataRemoval: removalSection(deliveries) };
      const followUp = {
        receiptId: followUpId,
        customerId: original.customerId,
        issuedAt,
        ...(await this.signed(document)),
        removalPending: false,
        followUpOf: receiptId,
        idempotencyKey: null,
        requestFingerprint: null,
      };
      await manager.insert(ReceiptRecord, followUp);
      return followUp;
    });
  }

  /** Receipts issued while a deletion was pending and not yet followed up. */
  async awaitingFollowUp(): Promise<string[]> {
    const rows = await this.db
      .getRepository(ReceiptRecord)
      .find({ select: { receiptId: true }, where: { removalPending: true }, order: { issuedAt: 'ASC' } });
    return rows.map((r) => r.receiptId);
  }

  /** The signed form of a document: its exact text, the signature over it, and the key. */
  private async signed(document: object): Promise<Pick<ReceiptRecord, 'status' | 'document' | 'signature' | 'keyId'>> {
    const { text, signature, keyId } = await this.signer.sign((kid) =>
      JSON.stringify({ ...document, signature: { algorithm: 'Ed25519', keyId: kid } }),
    );
    return { status: 'ISSUED', document: text, signature, keyId };
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
  const failed = deliveries.filter((d) => d.status === 'DEAD_LETTER').map((d) => ({ subgraph: d.subscriber, purpose: d.purpose }));
  if (failed.length > 0 && pending.length === 0) return { status: 'FAILED', removed, pending, failed };
  return { status: pending.length > 0 ? 'PENDING' : 'COMPLETE', removed, pending, ...(failed.length > 0 ? { failed } : {}) };
}
