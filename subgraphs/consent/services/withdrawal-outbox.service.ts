import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { DATA_HOLDING_PURPOSES } from '../../shared/purposes.js';
import { APPLY_WITHDRAWAL_MUTATION, type WithdrawalReport } from '../../shared/data-removal.types.js';
import type { WithdrawalReportMessage } from '../../shared/withdrawal-relay.js';
import type { Transactions } from '../../shared/transactions.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import { WithdrawalOutboxRecord } from '../entities/withdrawal-outbox.entity.js';

/** Where a withdrawal must reach: a subgraph name and a way to call it (read at call time). */
export interface WithdrawalSubscriber {
  name: string;
  /**
   * Whether this revoking decision reaches the subscriber (inside the decision's transaction;
   * `changeStartSeq`: the first ledger position of the change). Absent: every decision does.
   */
  accepts?(manager: EntityManager, decision: ConsentDecisionRecord, changeStartSeq: number): Promise<boolean>;
  /**
   * Failed calls before a delivery is dead-lettered (kept, shown as failed on the receipt, tried
   * again before the purpose is granted again). Absent: retried until it answers.
   */
  maxAttempts?: number;
  /**
   * `withdrawnAt`: when it was recorded; `withdrawalSeq`: its ledger position. What was collected
   * under a later consent state came under a new grant and stays.
   */
  apply(row: {
    id: number;
    customerId: string;
    purpose: string;
    withdrawnAt: string;
    withdrawalSeq: number | null;
    /** 0 normally; a new number when a dead-lettered delivery is sent again (a fresh message id). */
    generation: number;
  }): Promise<WithdrawalReport | null>;
}

/** Calls `applyConsentWithdrawal` on a subgraph through a signed service client. */
export function graphqlSubscriber(name: string, request: <T>(query: string, variables: Record<string, unknown>) => Promise<T>): WithdrawalSubscriber {
  return {
    name,
    async apply({ customerId, purpose, withdrawnAt, withdrawalSeq }) {
      const data = await request<{ applyConsentWithdrawal: WithdrawalReport }>(APPLY_WITHDRAWAL_MUTATION, {
        customerId,
        purpose,
        withdrawnAt,
        withdrawalSeq,
      });
      return data.applyConsentWithdrawal;
    },
  };
}

/**
 * Durable withdrawal fan-out (transactional outbox): rows are written in the same transaction as
 * the revoking decision, delivered right after commit, and retried until each subscriber answers.
 * Deletion is idempotent on the subscriber side, so a repeated delivery does no harm.
 */
export class WithdrawalOutbox {
  /** Deliveries under way, by row: a second caller waits for the same attempt instead of starting another. */
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(
    private readonly db: DataSource,
    private readonly subscribers: readonly WithdrawalSubscriber[],
    private readonly tx: Transactions,
    private readonly clock: Clock,
    /** Through the message engine, a delivery's report arrives on its own, a moment later. */
    private readonly options: { reportsFollow: boolean } = { reportsFollow: false },
  ) {}

  /** One row per revoking decision and subscriber, inside the caller's transaction. */
  async enqueue(manager: EntityManager, receiptId: string, revoked: ConsentDecisionRecord[]): Promise<void> {
    const createdAt = this.clock.now().toISOString();
    const changeStartSeq = Math.min(...revoked.map((d) => d.seq));
    const deliveries: { d: ConsentDecisionRecord; s: WithdrawalSubscriber }[] = [];
    for (const d of revoked) {
      for (const s of this.subscribers) if (!s.accepts || (await s.accepts(manager, d, changeStartSeq))) deliveries.push({ d, s });
    }
    const rows = deliveries.map(({ d, s }) => ({
      receiptId,
      decisionId: d.decisionId,
      decisionSeq: d.seq,
      customerId: d.customerId,
      purpose: d.purpose,
      subscriber: s.name,
      status: 'PENDING' as const,
      attempts: 0,
      lastError: null,
      report: null,
      createdAt,
      deliveredAt: null,
    }));
    if (rows.length > 0) await manager.insert(WithdrawalOutboxRecord, rows);
  }

  forReceipt(receiptId: string): Promise<WithdrawalOutboxRecord[]> {
    return this.db.getRepository(WithdrawalOutboxRecord).find({ where: { receiptId }, order: { id: 'ASC' } });
  }

  async deliverReceipt(receiptId: string): Promise<WithdrawalOutboxRecord[]> {
    const rows = await this.forReceipt(receiptId);
    await Promise.all(rows.filter((r) => r.status === 'PENDING').map((r) => this.deliver(r)));
    return this.forReceipt(receiptId);
  }

  /**
   * Delivers the customer's undelivered withdrawals of these purposes now (a dead-lettered one is
   * tried again); returns those still undelivered.
   */
  async settle(customerId: string, purposes: string[]): Promise<WithdrawalOutboxRecord[]> {
    const undelivered = () =>
      this.db
        .getRepository(WithdrawalOutboxRecord)
        .find({ where: { customerId, purpose: In(purposes), status: In(['PENDING', 'DEAD_LETTER']) }, order: { id: 'ASC' } });
    // In parallel: the grant waits for the slowest part once, within the gateway's deadline.
    await Promise.all((await undelivered()).map((row) => this.deliver(row)));
    // Reports through the message engine arrive within moments: wait a little before refusing.
    for (let waited = 0; this.options.reportsFollow && waited < 3_000; waited += 100) {
      if ((await undelivered()).length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return undelivered();
  }

  /** Inside a decision's transaction: the purposes (of these, holding data) whose withdrawal is not confirmed by every part. */
  async unsettledIn(manager: EntityManager, customerId: string, purposes: string[]): Promise<string[]> {
    const holding = purposes.filter((p) => (DATA_HOLDING_PURPOSES as readonly string[]).includes(p));
    if (holding.length === 0) return [];
    const rows = await manager.find(WithdrawalOutboxRecord, {
      where: { customerId, purpose: In(holding), status: In(['PENDING', 'DEAD_LETTER']) },
      select: { purpose: true },
    });
    return [...new Set(rows.map((r) => r.purpose))];
  }

  /** Retries every undelivered row, oldest first; returns the receipts they belong to. */
  async deliverPending(): Promise<string[]> {
    const rows = await this.db.getRepository(WithdrawalOutboxRecord).find({ where: { status: 'PENDING' }, order: { id: 'ASC' } });
    for (const row of rows) await this.deliver(row);
    return [...new Set(rows.map((r) => r.receiptId))];
  }

  private deliver(row: WithdrawalOutboxRecord): Promise<void> {
    const under = this.inFlight.get(row.id);
    if (under) return under;
    const subscriber = this.subscribers.find((s) => s.name === row.subscriber);
    if (!subscriber) return Promise.resolve();
    const attempt = (async () => {
      try {
        const decisionSeq =
          row.decisionSeq ??
          (await this.db.getRepository(ConsentDecisionRecord).findOne({ where: { decisionId: row.decisionId }, select: { seq: true } }))?.seq ??
          null;
        const report = await subscriber.apply({
          id: row.id,
          customerId: row.customerId,
          purpose: row.purpose,
          withdrawnAt: row.createdAt,
          withdrawalSeq: decisionSeq,
          generation: row.status === 'DEAD_LETTER' ? row.attempts : 0,
        });
        // Null: handed to the message engine; the subscriber's report completes the row later.
        await this.update(
          row.id,
          report
            ? {
                status: 'DELIVERED',
                report: report.removed,
                deliveredAt: this.clock.now().toISOString(),
                attempts: row.attempts + 1,
                lastError: null,
              }
            : { attempts: row.attempts + 1, lastError: null },
        );
      } catch (error) {
        const attempts = row.attempts + 1;
        const lastError = String((error as Error).message ?? error).slice(0, 255);
        const deadLetter = subscriber.maxAttempts !== undefined && attempts >= subscriber.maxAttempts;
        if (deadLetter)
          console.error(
            `[consent] withdrawal ${row.id} (${row.purpose}) to ${row.subscriber} dead-lettered after ${attempts} attempts: ${lastError}`,
          );
        await this.update(row.id, { attempts, lastError, ...(deadLetter ? { status: 'DEAD_LETTER' as const } : {}) });
      } finally {
        this.inFlight.delete(row.id);
      }
    })();
    this.inFlight.set(row.id, attempt);
    return attempt;
  }

  /** A subscriber's report arriving through the message engine; returns the receipt it belongs to (null: unknown row). */
  async acceptReport(report: WithdrawalReportMessage): Promise<string | null> {
    const row = await this.db.getRepository(WithdrawalOutboxRecord).findOneBy({ id: report.rowId, subscriber: report.subscriber });
    if (!row) return null;
    if ('deadLettered' in report) {
      // A late failure report of an earlier attempt never undoes a confirmed deletion.
      if (row.status === 'DELIVERED') return row.receiptId;
      console.error(`[consent] withdrawal ${row.id} (${row.purpose}) dead-lettered by ${row.subscriber}: ${report.error}`);
      await this.update(row.id, { status: 'DEAD_LETTER', lastError: report.error.slice(0, 255) });
    } else {
      await this.update(row.id, { status: 'DELIVERED', report: report.removed, deliveredAt: this.clock.now().toISOString(), lastError: null });
    }
    return row.receiptId;
  }

  private update(id: number, changes: Partial<WithdrawalOutboxRecord>): Promise<unknown> {
    return this.tx.queued(() => this.db.getRepository(WithdrawalOutboxRecord).update({ id }, changes));
  }
}
