import type { Clock } from './clock.js';

/**
 * How long a request can have been under way: its grants were read (through the gateway's query
 * plan) at most this long before it stores anything.
 */
const IN_FLIGHT_MS = 30_000;

/**
 * Withdrawals applied here in the last moments. A request that read its grants before a
 * withdrawal, and stores after the withdrawal's clean-up ran, must not store what was just
 * removed: before storing, it asks which purposes were withdrawn since it may have started.
 * Kept in memory for twice that long only (a customer id and a purpose, nothing else).
 */
export class RecentWithdrawals {
  private readonly noted = new Map<string, { purpose: string; at: number }[]>();

  constructor(private readonly clock: Clock) {}

  note(customerId: string, purpose: string): void {
    const now = this.clock.now().getTime();
    this.prune(now);
    this.noted.set(customerId, [...(this.noted.get(customerId) ?? []), { purpose, at: now }]);
  }

  /** Purposes withdrawn for the customer since a request that started at `startedAt` may have read its grants. */
  since(customerId: string, startedAt: Date): Set<string> {
    const from = startedAt.getTime() - IN_FLIGHT_MS;
    return new Set((this.noted.get(customerId) ?? []).filter((n) => n.at >= from).map((n) => n.purpose));
  }

  private prune(now: number): void {
    for (const [customerId, notes] of this.noted) {
      const kept = notes.filter((n) => now - n.at < 2 * IN_FLIGHT_MS);
      if (kept.length > 0) this.noted.set(customerId, kept);
      else this.noted.delete(customerId);
    }
  }
}
