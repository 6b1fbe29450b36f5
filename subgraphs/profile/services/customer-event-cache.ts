import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { rawQuery } from '../../shared/raw-sql.js';
import type { CustomerDataHolder } from '../../shared/customer-data.js';
import { EventRecord } from '../entities/event.entity.js';
import { aggregateEvents, type AggregatedEvents } from './signal-builder.js';

/** The columns a signal is built from: nothing else of an event is read. */
export type CompactEvent = Pick<EventRecord, 'type' | 'itemId' | 'value' | 'purpose' | 'noticeVersion' | 'occurredAt'>;

const DEFAULT_CAPACITY = 500;
const EMPTY_STAMP = '0:';

/**
 * A read-through cache of each customer's aggregated events, so `signals` stays fast with
 * thousands of events. Every read first asks the database for a cheap stamp (count and highest
 * seq of the customer's events): any insert raises the highest seq (AUTOINCREMENT never reuses
 * one) and any delete (withdrawal, erasure, retention) lowers the count, so a changed table is
 * never served from memory. Events are never updated in place. Least recently used are evicted.
 */
export class CustomerEventCache {
  private readonly entries = new Map<string, { stamp: string; aggregated: AggregatedEvents }>();

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  async aggregatesOf(customerId: string): Promise<AggregatedEvents> {
    const stamp = await this.stampOf(customerId);
    const hit = this.entries.get(customerId);
    this.entries.delete(customerId);
    if (stamp === EMPTY_STAMP) return { refMs: 0, byKind: [] };
    if (hit && hit.stamp === stamp) {
      this.entries.set(customerId, hit); // most recently used last
      return hit.aggregated;
    }
    const events = await this.db
      .getRepository(EventRecord)
      .createQueryBuilder('e')
      .select([
        'e.type AS type',
        'e.itemId AS "itemId"',
        'e.value AS value',
        'e.purpose AS purpose',
        'e.noticeVersion AS "noticeVersion"',
        'e.occurredAt AS "occurredAt"',
      ])
      .where('e.customerId = :customerId', { customerId })
      .getRawMany<CompactEvent>();
    const aggregated = aggregateEvents(events, this.clock.now());
    this.entries.set(customerId, { stamp, aggregated });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return aggregated;
  }

  /** Drops a customer's entry at once (erasure), rather than at their next read. */
  forget(customerId: string): void {
    this.entries.delete(customerId);
  }

  private async stampOf(customerId: string): Promise<string> {
    // Asked on every read: hand-written (see raw-sql.ts).
    const [row] = await rawQuery<{ n: number | string; last: number | string | null }>(
      this.db,
      'SELECT COUNT(*) AS n, MAX(seq) AS last FROM {events} WHERE "customerId" = ?',
      [customerId],
    );
    return `${Number(row?.n ?? 0)}:${row?.last ?? ''}`;
  }
}

/** Wraps the events holder so that erasing a customer also empties their cache entry. */
export function forgetting(holder: CustomerDataHolder, cache: CustomerEventCache): CustomerDataHolder {
  return {
    ...holder,
    erase: async (db, customerId) => {
      cache.forget(customerId);
      return holder.erase(db, customerId);
    },
  };
}
