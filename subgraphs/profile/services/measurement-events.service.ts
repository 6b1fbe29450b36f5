import type { DataSource } from 'typeorm';
import { badInput } from '../../shared/errors.js';
import { rawQuery } from '../../shared/raw-sql.js';
import type { EventType } from '../entities/event.entity.js';

/** One stored event as measurement reads it: no channel, source, locale or consent details. */
export interface MeasurementEvent {
  seq: number;
  customerId: string;
  type: EventType;
  itemId: string | null;
  value: string | null;
  decisionId: string | null;
  occurredAt: string;
}

export interface MeasurementEventPage {
  events: MeasurementEvent[];
  /** Pass as `after` for the next page; null when this was the last. */
  next: number | null;
}

export const MEASUREMENT_PAGE = 5000;
const EVENT_TYPES: readonly EventType[] = ['VIEW', 'ADD_TO_CART', 'PURCHASE', 'SEARCH', 'DISMISS', 'RATING'];

/**
 * Stored events over a time window, for the recommendations service's reports. Only what was
 * stored is here: an event whose purpose was not granted on arrival never was, and a withdrawal
 * or erasure deletes what it covers, so reports built from this use only what consent allowed.
 */
export class MeasurementEventsService {
  constructor(private readonly db: DataSource) {}

  async page(window: { from: string; to: string; types: EventType[]; fromRecommendations: boolean; after: number }): Promise<MeasurementEventPage> {
    const types = window.types.filter((t) => EVENT_TYPES.includes(t));
    if (types.length === 0) throw badInput('Ask for at least one event type.', { field: 'types' });
    const rows = await rawQuery<MeasurementEvent>(
      this.db,
      `SELECT seq, "customerId", type, "itemId", value, "decisionId", "occurredAt" FROM {events}
       WHERE "occurredAt" >= ? AND "occurredAt" < ? AND seq > ? AND type IN (${types.map(() => '?').join(', ')})
       ${window.fromRecommendations ? 'AND "decisionId" IS NOT NULL' : ''} ORDER BY seq LIMIT ?`,
      [window.from, window.to, window.after, ...types, MEASUREMENT_PAGE],
    );
    const events = rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    return { events, next: events.length === MEASUREMENT_PAGE ? events[events.length - 1].seq : null };
  }
}
