import type { Clock } from './clock.js';

/**
 * How long a request can have been under way: its grants were read (through the gateway's query
 * plan, or by a collecting service) at most this long before it stores what it made of them.
 */
export const IN_FLIGHT_MS = 30_000;

/**
 * How far a withdrawal's clean-up reaches: what was stored up to this moment. Past the moment it
 * was recorded by the request-time margin, because a request that read its grants just before
 * stores just after (and clocks of different hosts differ a little). What arrived later than that
 * came under a new grant and stays.
 */
export function removalBound(withdrawnAt: string): string {
  return new Date(Date.parse(withdrawnAt) + IN_FLIGHT_MS).toISOString();
}

/**
 * Withdrawals applied here lately. A request that read its grants before a withdrawal and stores
 * after the withdrawal's clean-up ran must not store what was just removed: before storing, it
 * asks which purposes were withdrawn since it may have started. Kept in memory briefly (a
 * customer id and a purpose, nothing else).
 */
export class RecentWithdrawals {
  private readonly noted = new Map<string, { purpose: string; withdrawnAt: number; notedAt: number }[]>();

  constructor(private readonly clock: Clock) {}

  /** `withdrawnAt`: when consent recorded it (null: unknown, taken as now). */
  note(customerId: string, purpose: string, withdrawnAt: string | null): void {
    const now = this.clock.now().getTime();
    this.prune(now);
    const at = withdrawnAt === null ? now : Date.parse(withdrawnAt);
    this.noted.set(customerId, [...(this.noted.get(customerId) ?? []), { purpose, withdrawnAt: at, notedAt: now }]);
  }

  /** Purposes withdrawn for the customer since a request that started at `startedAt` may have read its grants. */
  since(customerId: string, startedAt: Date): Set<string> {
    const from = startedAt.getTime() - IN_FLIGHT_MS;
    return new Set((this.noted.get(customerId) ?? []).filter((n) => n.withdrawnAt >= from).map((n) => n.purpose));
  }

  private prune(now: number): void {
    for (const [customerId, notes] of this.noted) {
      const kept = notes.filter((n) => now - n.notedAt < 2 * IN_FLIGHT_MS);
      if (kept.length > 0) this.noted.set(customerId, kept);
      else this.noted.delete(customerId);
    }
  }
}
