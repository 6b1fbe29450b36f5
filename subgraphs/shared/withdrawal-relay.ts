import type { RemovedData, WithdrawalReport } from './data-removal.types.js';
import type { MessageEngine } from './message-engine.js';
import { removalBound } from './withdrawal-bounds.js';
import type { WithdrawalHandler } from './withdrawal.resolver.js';

/**
 * Withdrawals through the message engine (when configured): consent's outbox publishes one message
 * per subscriber, each subscriber's durable consumer applies it and publishes its report, and
 * consent's consumer of the reports completes the receipt (a follow-up receipt says what was
 * removed, or that a deletion was dead-lettered after every retry).
 */
export interface WithdrawalMessage {
  /** The consent outbox row: the report names it back. */
  rowId: number;
  customerId: string;
  purpose: string;
  withdrawnAt: string;
  withdrawalSeq: number | null;
  /** 0 normally; a new number when a dead-lettered delivery is sent again (so JetStream does not drop it as a repeat). */
  generation: number;
}

export type WithdrawalReportMessage =
  | { rowId: number; subscriber: string; generation: number; removed: RemovedData[] }
  | { rowId: number; subscriber: string; generation: number; deadLettered: true; error: string };

const withdrawalTopic = (subscriber: string) => `withdrawals.${subscriber}`;
const REPORT_TOPIC = 'withdrawals.reports';

/** Consent's side: publish, under the outbox row's id; the report arrives later (null: sent). */
export function publishWithdrawal(engine: MessageEngine, subscriber: string, message: WithdrawalMessage): Promise<WithdrawalReport | null> {
  return engine.publish(withdrawalTopic(subscriber), `withdrawal-${message.rowId}-${subscriber}-${message.generation}`, message).then(() => null);
}

/** A subscriber's side: apply each withdrawal (idempotent) and report what was removed. */
/** Starts `subscriber`'s durable withdrawal consumer where a message engine is configured; a failure is logged. */
export function startWithdrawalConsumer(engine: MessageEngine | null, subscriber: string, handler: WithdrawalHandler): void {
  if (!engine) return;
  void consumeWithdrawals(engine, subscriber, handler).catch((e: Error) => console.error(`[${subscriber}] withdrawal consumer failed`, e.message));
}

export function consumeWithdrawals(engine: MessageEngine, subscriber: string, handler: WithdrawalHandler): Promise<void> {
  const report = (message: WithdrawalReportMessage) =>
    engine.publish(
      REPORT_TOPIC,
      `withdrawal-report-${message.rowId}-${subscriber}-${message.generation}-${'deadLettered' in message ? 'failed' : 'done'}`,
      message,
    );
  return engine.consume(
    `${subscriber}-withdrawals`,
    withdrawalTopic(subscriber),
    async (payload) => {
      const m = payload as WithdrawalMessage;
      const removed = await handler.applyWithdrawal(m.customerId, m.purpose, {
        withdrawnAt: m.withdrawnAt,
        upTo: removalBound(m.withdrawnAt),
        withdrawalSeq: m.withdrawalSeq,
      });
      await report({ rowId: m.rowId, subscriber, generation: m.generation ?? 0, removed });
    },
    {
      maxDeliver: 10,
      retryDelayMs: 2_000,
      onDeadLetter: (payload, error) =>
        report({
          rowId: (payload as WithdrawalMessage).rowId,
          subscriber,
          generation: (payload as WithdrawalMessage).generation ?? 0,
          deadLettered: true,
          error: String((error as Error)?.message ?? error).slice(0, 200),
        }),
    },
  );
}

/** Consent's side: every report, to its outbox row. */
export function consumeWithdrawalReports(engine: MessageEngine, onReport: (report: WithdrawalReportMessage) => Promise<void>): Promise<void> {
  return engine.consume('consent-withdrawal-reports', REPORT_TOPIC, (payload) => onReport(payload as WithdrawalReportMessage), {
    maxDeliver: 20,
    retryDelayMs: 2_000,
  });
}
