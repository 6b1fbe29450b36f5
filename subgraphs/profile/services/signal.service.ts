import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { gateSignals } from '../../shared/gate.js';
import type { TaggedSignal } from '../../shared/signal.types.js';
import { rawQuery } from '../../shared/raw-sql.js';
import type { StatedPreferenceRecord } from '../entities/stated-preference.entity.js';
import type { CustomerEventCache } from './customer-event-cache.js';
import { decaySignals, statedSignals } from './signal-builder.js';

export interface SignalSummary {
  used: TaggedSignal[];
  /** How many stored signals per purpose are held but not used, because the purpose is not granted. */
  withheld: { purpose: string; count: number }[];
}

/** Builds the purpose-tagged signals from stored preferences and events; one code path for all uses. */
export class SignalService {
  constructor(
    private readonly db: DataSource,
    private readonly events: CustomerEventCache,
    private readonly clock: Clock,
  ) {}

  async storedSignals(customerId: string): Promise<TaggedSignal[]> {
    const [preferences, events] = await Promise.all([
      // Read for every personalized list: hand-written (see raw-sql.ts), only what a signal needs.
      rawQuery<Pick<StatedPreferenceRecord, 'id' | 'kind' | 'value' | 'sentiment' | 'weight' | 'noticeVersion' | 'updatedAt'>>(
        this.db,
        'SELECT id, kind, value, sentiment, weight, "noticeVersion", "updatedAt" FROM {stated_preferences} WHERE "customerId" = ?',
        [customerId],
      ),
      this.events.aggregatesOf(customerId),
    ]);
    return [...statedSignals(preferences), ...decaySignals(events, this.clock.now())];
  }

  /** The customer's own view: what passes the gate now, and what is held back. */
  async summary(customerId: string, grantedPurposes: unknown): Promise<SignalSummary> {
    const stored = await this.storedSignals(customerId);
    // The gate returns a subset of the very objects it was given.
    const used = gateSignals(grantedPurposes, stored) as TaggedSignal[];
    const usedSet = new Set<unknown>(used);
    const withheldCounts = new Map<string, number>();
    for (const s of stored) {
      if (!usedSet.has(s)) withheldCounts.set(s.purpose, (withheldCounts.get(s.purpose) ?? 0) + 1);
    }
    return { used, withheld: [...withheldCounts].map(([purpose, count]) => ({ purpose, count })) };
  }
}
