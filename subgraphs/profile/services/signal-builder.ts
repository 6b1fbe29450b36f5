import { Purpose } from '../../shared/purposes.js';
import { SignalKind, type TaggedSignal } from '../../shared/signal.types.js';
import type { EventRecord, EventType } from '../entities/event.entity.js';
import type { StatedPreferenceRecord } from '../entities/stated-preference.entity.js';
import type { CompactEvent } from './customer-event-cache.js';

const DAY_MS = 86_400_000;

/** How each event type becomes a signal: its kind, base strength and recency half-life. */
export const EVENT_SIGNALS: Record<EventType, { kind: SignalKind; base: number; halfLifeDays: number; purpose: string }> = {
  VIEW: { kind: SignalKind.VIEWED_ITEM, base: 1, halfLifeDays: 14, purpose: Purpose.BEHAVIORAL },
  SEARCH: { kind: SignalKind.SEARCHED, base: 1, halfLifeDays: 14, purpose: Purpose.BEHAVIORAL },
  ADD_TO_CART: { kind: SignalKind.CARTED_ITEM, base: 3, halfLifeDays: 21, purpose: Purpose.BEHAVIORAL },
  DISMISS: { kind: SignalKind.DISMISSED_ITEM, base: 1, halfLifeDays: 60, purpose: Purpose.BEHAVIORAL },
  RATING: { kind: SignalKind.RATED_ITEM, base: 1, halfLifeDays: 180, purpose: Purpose.BEHAVIORAL },
  PURCHASE: { kind: SignalKind.PURCHASED_ITEM, base: 5, halfLifeDays: 180, purpose: Purpose.PURCHASE },
};

const HALF_LIFE_OF_KIND = new Map(Object.values(EVENT_SIGNALS).map((r) => [r.kind, r.halfLifeDays]));

/** Signals weaker than this have faded away and are not handed out. */
const FADED = 0.01;
/** Data minimization: at most this many item signals per kind, strongest first. */
const MAX_PER_KIND = 100;

export function statedSignals(
  preferences: Pick<StatedPreferenceRecord, 'id' | 'kind' | 'value' | 'sentiment' | 'weight' | 'noticeVersion' | 'updatedAt'>[],
): TaggedSignal[] {
  return preferences.map((p) => ({
    kind: `${p.sentiment}_${p.kind}` as SignalKind,
    value: p.value,
    weight: p.weight,
    occurredAt: p.updatedAt,
    purpose: Purpose.STATED,
    noticeVersion: p.noticeVersion,
    evidenceId: p.id,
  }));
}

/** All events of one (kind, value), summed with their strength as of the reference time. */
export interface EventAggregate {
  kind: SignalKind;
  value: string;
  purpose: string;
  noticeVersion: number;
  occurredAt: string;
  strengthAtRef: number;
}

/**
 * Events summed per (kind, value) as of `refMs`. Every kind has one half-life, so decay is a common
 * factor per kind: the order within a kind never changes as time passes, and the sums can be aged
 * later without the raw events. Each list is strongest first and already cut to MAX_PER_KIND.
 */
export interface AggregatedEvents {
  refMs: number;
  byKind: { kind: SignalKind; halfLifeDays: number; aggregates: EventAggregate[] }[];
}

/**
 * Aggregates raw events into one entry per (kind, value) with exponential recency decay, so an
 * old burst of activity fades. Ratings contribute their sign: 1–2 stars push away, 4–5 pull in.
 */
export function aggregateEvents(events: readonly CompactEvent[], ref: Date): AggregatedEvents {
  const byKey = new Map<string, EventAggregate>();
  const refMs = ref.getTime();
  for (const e of events) {
    const rule = EVENT_SIGNALS[e.type];
    const value = e.type === 'SEARCH' ? (e.value ?? '').toLowerCase() : e.itemId;
    if (!value) continue;
    const ageDays = Math.max(0, refMs - Date.parse(e.occurredAt)) / DAY_MS;
    const strength = rule.base * ratingFactor(e) * 0.5 ** (ageDays / rule.halfLifeDays);
    const key = `${rule.kind}|${value}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.strengthAtRef += strength;
      if (e.occurredAt > existing.occurredAt) existing.occurredAt = e.occurredAt;
      existing.noticeVersion = Math.max(existing.noticeVersion, e.noticeVersion);
    } else {
      byKey.set(key, {
        kind: rule.kind,
        value,
        purpose: e.purpose,
        noticeVersion: e.noticeVersion,
        occurredAt: e.occurredAt,
        strengthAtRef: strength,
      });
    }
  }
  const perKind = new Map<SignalKind, EventAggregate[]>();
  for (const a of byKey.values()) {
    const list = perKind.get(a.kind);
    if (list) list.push(a);
    else perKind.set(a.kind, [a]);
  }
  const byKind = [...perKind].map(([kind, list]) => ({
    kind,
    halfLifeDays: HALF_LIFE_OF_KIND.get(kind)!,
    aggregates: list.sort((a, b) => Math.abs(b.strengthAtRef) - Math.abs(a.strengthAtRef)).slice(0, MAX_PER_KIND),
  }));
  return { refMs, byKind };
}

/** Ages aggregated events to `now`; signals that have faded away are left out. */
export function decaySignals({ refMs, byKind }: AggregatedEvents, now: Date): TaggedSignal[] {
  const elapsedDays = (now.getTime() - refMs) / DAY_MS;
  const signals: TaggedSignal[] = [];
  for (const { halfLifeDays, aggregates } of byKind) {
    const factor = elapsedDays === 0 ? 1 : 0.5 ** (elapsedDays / halfLifeDays);
    for (const a of aggregates) {
      const weight = a.strengthAtRef * factor;
      if (Math.abs(weight) < FADED) break; // strongest first: the rest have faded too
      signals.push({
        kind: a.kind,
        value: a.value,
        weight: Math.round(weight * 1000) / 1000,
        occurredAt: a.occurredAt,
        purpose: a.purpose,
        noticeVersion: a.noticeVersion,
        evidenceId: null,
      });
    }
  }
  return signals;
}

/** Event signals as of `now`: the one code path behind `storedSignals` and `signals`. */
export function eventSignals(events: readonly CompactEvent[], now: Date): TaggedSignal[] {
  return decaySignals(aggregateEvents(events, now), now);
}

function ratingFactor(e: Pick<EventRecord, 'type' | 'value'>): number {
  if (e.type !== 'RATING') return 1;
  const stars = Number(e.value);
  return Number.isFinite(stars) ? (stars - 3) / 2 : 0;
}
