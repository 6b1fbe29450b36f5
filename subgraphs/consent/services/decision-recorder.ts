import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../../shared/errors.js';
import { lockKeys, type Transactions } from '../../shared/transactions.js';
import type { WithdrawalReportMessage } from '../../shared/withdrawal-relay.js';
import type { Outbox } from '../../shared/outbox.js';
import { DATA_HOLDING_PURPOSES } from '../../shared/purposes.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import type { ReceiptRecord } from '../entities/receipt.entity.js';
import type { LedgerService, NewDecision } from './ledger.service.js';
import type { IdempotentRequest, ReceiptService } from './receipt.service.js';
import type { PartnerGrantPush } from './partner-deliveries.js';
import type { WithdrawalOutbox } from './withdrawal-outbox.service.js';

/** Decides what to append, inside the write lock and transaction (so it sees the latest state). */
export type DecisionPlan = (manager: EntityManager) => Promise<NewDecision[]>;

export interface RecordedDecisions {
  decisions: ConsentDecisionRecord[];
  receipt: ReceiptRecord | null;
}

/**
 * The one way decisions enter the ledger. In one transaction: the ledger entries, a pending
 * receipt and the withdrawal outbox rows for every decision that stops a purpose counting. After
 * commit: deliver the withdrawals, then issue the signed receipt with what was removed.
 */
export class DecisionRecorder {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly receipts: ReceiptService,
    private readonly outbox: WithdrawalOutbox,
    private readonly tx: Transactions,
    /** With a message engine: every decision also goes out on the change feed (`consent.changes`). */
    private readonly changeFeed: Outbox | null = null,
    /** Grants in a partner's scope, pushed to it. */
    private readonly partnerGrants: PartnerGrantPush | null = null,
  ) {}

  /**
   * `idempotency`: the client's key. If a request with it was recorded already (acknowledged, or
   * committed just before a crash or a lost reply), nothing new is recorded and that first
   * request's decisions and receipt are returned. Checked inside the transaction, and the key is
   * unique per customer in the database, so two racing retries record one decision.
   */
  async record(customerId: string, plan: DecisionPlan, idempotency: IdempotentRequest | null = null): Promise<RecordedDecisions> {
    let receiptId: string = randomUUID();
    const decisions = await this.tx.run(async (manager) => {
      // One ledger writer at a time, across instances, until commit: each entry links to the head
      // this transaction reads (the unique (customer, previous hash) index is the backstop), and
      // sequence numbers commit in order, so the change feed never skips one (consent writes are
      // people's decisions: a handful a second).
      await lockKeys(manager, ['consent-ledger'], 'exclusive');
      if (idempotency) {
        const first = await this.receipts.byIdempotencyKey(customerId, idempotency.key, manager);
        if (first) {
          if (first.requestFingerprint !== idempotency.fingerprint) {
            throw new AppError(
              ErrorCode.CONFLICT,
              'This request key was already used for a different consent change. Send a new key for a new change.',
              { idempotencyKey: idempotency.key },
            );
          }
          receiptId = first.receiptId;
          return manager.find(ConsentDecisionRecord, { where: { receiptId }, order: { seq: 'ASC' } });
        }
      }
      const planned = await plan(manager);
      // Checked again under the ledger lock: a withdrawal recorded meanwhile on another instance
      // wins, and its deletions must be confirmed before the purpose may be granted again.
      const unsettled = await this.outbox.unsettledIn(
        manager,
        customerId,
        planned.filter((d) => d.status === 'GRANTED').map((d) => d.purpose),
      );
      if (unsettled.length > 0) throw stillDeleting(unsettled);
      const written: ConsentDecisionRecord[] = [];
      for (const decision of planned) written.push(await this.ledger.append(manager, decision, receiptId));
      if (written.length === 0) return written;
      await this.receipts.createPending(manager, receiptId, customerId, written, idempotency);
      await this.outbox.enqueue(
        manager,
        receiptId,
        written.filter((d) => d.status !== 'GRANTED'),
      );
      for (const d of written) await this.changeFeed?.enqueue(manager, CONSENT_CHANGES_TOPIC, customerId, changeOf(d));
      await this.partnerGrants?.enqueue(manager, customerId, written);
      return written;
    });
    if (decisions.length === 0) return { decisions, receipt: null };
    this.changeFeed?.kick();
    this.partnerGrants?.outbox.kick();
    return { decisions, receipt: await this.complete(receiptId) };
  }

  /**
   * Before a purpose is granted again, what its earlier withdrawal removes must be gone: otherwise
   * data collected under the old grant would count again until a late delivery. Delivers what is
   * still pending for these purposes; refuses the grant (nothing recorded) if a part still does
   * not answer.
   */
  async settleBeforeGrant(customerId: string, purposes: string[]): Promise<void> {
    const holding = purposes.filter((p) => (DATA_HOLDING_PURPOSES as readonly string[]).includes(p));
    if (holding.length === 0) return;
    const pending = await this.outbox.settle(customerId, holding);
    if (pending.length > 0) throw stillDeleting(pending.map((p) => p.purpose));
  }

  /** Delivers a receipt's withdrawals once and issues it; also used to recover after a crash. */
  async complete(receiptId: string): Promise<ReceiptRecord> {
    const deliveries = await this.outbox.deliverReceipt(receiptId);
    return this.receipts.issue(receiptId, deliveries);
  }

  /** A subscriber's report through the message engine: completes the receipt, or follows it up. */
  async acceptReport(report: WithdrawalReportMessage): Promise<void> {
    const receiptId = await this.outbox.acceptReport(report);
    if (!receiptId) return;
    const receipt = await this.receipts.byId(receiptId);
    if (receipt?.status === 'PENDING') await this.complete(receiptId);
    else if (receipt?.removalPending) await this.receipts.issueFollowUp(receiptId, await this.outbox.forReceipt(receiptId));
  }

  /**
   * On start and periodically: retry undelivered withdrawals, issue receipts left pending, and
   * follow up receipts that were issued while a deletion was pending once it is confirmed.
   */
  async recover(): Promise<void> {
    await this.outbox.deliverPending();
    for (const receiptId of await this.receipts.pendingIds()) await this.complete(receiptId);
    for (const receiptId of await this.receipts.awaitingFollowUp()) {
      await this.receipts.issueFollowUp(receiptId, await this.outbox.forReceipt(receiptId));
    }
  }
}

function stillDeleting(purposes: string[]): AppError {
  const names = [...new Set(purposes)];
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    `We are still deleting what we held under your earlier withdrawal of ${names.map((n) => `"${n}"`).join(', ')}, so it cannot be granted again yet. Please try again in a moment.`,
    { purposes: names },
  );
}

/** The change feed's topic on the message engine (internal: partner delivery filters it by scope). */
export const CONSENT_CHANGES_TOPIC = 'consent.changes';

/** One decision as the change feed carries it, in ledger order (`seq`). */
function changeOf(d: ConsentDecisionRecord) {
  return {
    seq: d.seq,
    decisionId: d.decisionId,
    customerId: d.customerId,
    purpose: d.purpose,
    status: d.status,
    noticeVersion: d.noticeVersion,
    occurredAt: d.occurredAt,
  };
}
