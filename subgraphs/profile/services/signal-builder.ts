import { Purpose } from '../../shared/purposes.js';
import { SignalKind, type TaggedSignal } from '../../shared/signal.types.js';
import type { EventRecord, EventType } from '../entities/event.entity.js';
import type { StatedPreferenceRecord } from '../entities/stated-preference.entity.js';

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

/** Signals weaker than this have faded away and are not handed out. */
const FADED = 0.01;
/** Data minimization: at most this many item signals per kind, strongest first. */
const MAX_PER_KIND = 200;

export function statedSignals(preferences: StatedPreferenceRecord[]): TaggedSignal[] {
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

/**
 * Aggregates raw events into one signal per (kind, value) with exponential recency decay, so an
 * old burst of activity fades. Ratings contribute their sign: 1–2 stars push away, 4–5 pull in.
 */
export function eventSignals(events: Pick<EventRecord, 'type' | 'itemId' | 'value' | 'purpose' | 'noticeVersion' | 'occurredAt'>[], now: Date): TaggedSignal[] {
  const byKey = new Map<string, TaggedSignal>();
  const nowMs = now.getTime();
  for (const e of events) {
    const rule = EVENT_SIGNALS[e.type];
    const value = e.type === 'SEARCH' ? (e.value ?? '').toLowerCase() : e.itemId;
    if (!value) continue;
    const ageDays = Math.max(0, nowMs - Date.parse(e.occurredAt)) / DAY_MS;
    const strength = rule.base * ratingFactor(e) * 0.5 ** (ageDays / rule.halfLifeDays);
    const key = `${rule.kind}|${value}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.weight += strength;
      if (e.occurredAt > existing.occurredAt) existing.occurredAt = e.occurredAt;
      existing.noticeVersion = Math.max(existing.noticeVersion, e.noticeVersion);
    } else {
      byKey.set(key, { kind: rule.kind, value, weight: strength, occurredAt: e.occurredAt, purpose: e.purpose, noticeVersion: e.noticeVersion, evidenceId: null });
    }
  }
  const perKind = new Map<SignalKind, TaggedSignal[]>();
  for (const s of byKey.values()) {
    if (Math.abs(s.weight) < FADED) continue;
    s.weight = Math.round(s.weight * 1000) / 1000;
    perKind.set(s.kind, [...(perKind.get(s.kind) ?? []), s]);
  }
  return [...perKind.values()].flatMap((list) =>
    list.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, MAX_PER_KIND),
  );
}

function ratingFactor(e: Pick<EventRecord, 'type' | 'value'>): number {
  if (e.type !== 'RATING') return 1;
  const stars = Number(e.value);
  return Number.isFinite(stars) ? (stars - 3) / 2 : 0;
}
