import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { canonicalText } from '../../shared/consent-proof.js';
import type { Clock } from '../../shared/clock.js';
import type { Transactions } from '../../shared/transactions.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import { NoticeRecord } from '../entities/notice.entity.js';
import { ReceiptRecord } from '../entities/receipt.entity.js';
import type { WithdrawalOutboxRecord } from '../entities/withdrawal-outbox.entity.js';
import { kantaraText, receiptBase, type ReceiptDocument, type ReceiptRemoval } from './receipt-document.js';
import { dpvReceipt } from './dpv-receipt.js';
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
    private readonly controllerAddress: string,
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
      dpvDocument: null,
      dpvSignature: null,
      dpvKeyId: null,
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
        ...(await this.signedDpv(this.db.manager, { receiptId, customerId: receipt.customerId, issuedAt: receipt.issuedAt, dataRemoval })),
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
      const dataRemoval = removalSection(deliveries);
      const document = { ...base, consentReceiptID: followUpId, issuedAt, followUpOf: receiptId, dataRemoval };
      const followUp = {
        receiptId: followUpId,
        customerId: original.customerId,
        issuedAt,
        ...(await this.signed(document)),
        ...(await this.signedDpv(manager, { receiptId: followUpId, customerId: original.customerId, issuedAt, dataRemoval, followUpOf: receiptId })),
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
    const { text, signature, keyId } = await this.signer.sign((kid) => kantaraText(document, kid));
    return { status: 'ISSUED', document: text, signature, keyId };
  }

  /**
   * The DPV-27560 form, signed as its JCS text. Built from the receipt's decisions (a follow-up's
   * are its original's) and the notices they were made under.
   */
  private async signedDpv(
    manager: EntityManager,
    receipt: { receiptId: string; customerId: string; issuedAt: string; dataRemoval: ReceiptRemoval; followUpOf?: string | null },
  ): Promise<Pick<ReceiptRecord, 'dpvDocument' | 'dpvSignature' | 'dpvKeyId'>> {
    const decisions = await manager.find(ConsentDecisionRecord, {
      where: { receiptId: receipt.followUpOf ?? receipt.receiptId },
      order: { seq: 'ASC' },
    });
    const versions = await manager.find(NoticeRecord, { where: { purpose: In(decisions.map((d) => d.purpose)) } });
    const notices = new Map(versions.map((n) => [`${n.purpose}@${n.version}`, n]));
    const input = { ...receipt, controller: this.controller, controllerAddress: this.controllerAddress, decisions, notices };
    const { text, signature, keyId } = await this.signer.sign((kid) => canonicalText(dpvReceipt(input, kid)));
    return { dpvDocument: text, dpvSignature: signature, dpvKeyId: keyId };
  }

  /**
   * Receipts issued before the DPV form existed get it, signed by the current key (background
   * upkeep, never a read). Conditional, so of two instances one writes it. Returns how many.
   */
  async backfillDpv(limit = 100): Promise<number> {
    const repo = this.db.getRepository(ReceiptRecord);
    const missing = await repo.find({ where: { status: 'ISSUED', dpvDocument: IsNull() }, order: { issuedAt: 'ASC' }, take: limit });
    let filled = 0;
    for (const receipt of missing) {
      const { dataRemoval } = JSON.parse(receipt.document) as ReceiptDocument;
      const dpv = await this.signedDpv(this.db.manager, { ...receipt, dataRemoval });
      filled += (await repo.update({ receiptId: receipt.receiptId, dpvDocument: IsNull() }, dpv)).affected ?? 0;
    }
    return filled;
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
