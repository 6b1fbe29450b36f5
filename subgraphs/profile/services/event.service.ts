import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { ConsentClient } from '../../shared/consent-client.js';
import { badInput } from '../../shared/errors.js';
import type { Transactions } from '../../shared/transactions.js';
import { admittedPurposes } from '../../shared/withdrawal-watermark.js';
import { isLocale } from '../../shared/locale.js';
import { identifierProblem, textProblem, timeProblem } from '../../shared/input-rules.js';
import { EventRecord, type EventType } from '../entities/event.entity.js';
import { EventSourceRecord } from '../entities/event-source.entity.js';
import { EVENT_SIGNALS } from './signal-builder.js';
import type { CatalogVocabulary } from './catalog-vocabulary.js';
import type { TrainingFeed } from './training-feed.js';

export interface EventInput {
  clientEventId: string;
  type: EventType;
  itemId?: string | null;
  value?: string | null;
  channel: string;
  locale?: string | null;
  source: string;
  occurredAt: string;
  /** The recommendation it came from (with `itemId`), for attribution. */
  decisionId?: string | null;
}

export interface RejectedEvent {
  clientEventId: string;
  reason: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Valid, but their purpose was not granted on arrival: not stored. */
  dropped: number;
  rejected: RejectedEvent[];
  droppedPurposes: string[];
}

export const MAX_BATCH = 1000;
const MAX_FUTURE_SKEW_MS = 5 * 60_000;
const DECISION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DEFAULT_SOURCES: EventSourceRecord[] = [
  { id: 'web-shop', description: 'Our web shop', firstParty: true },
  { id: 'mobile-app', description: 'Our iOS and Android app', firstParty: true },
  { id: 'store-pos', description: "Our stores' tills (receipts linked to the account)", firstParty: true },
  { id: 'email', description: 'Clicks in our own emails', firstParty: true },
];

/** First-party event ingestion: validated, gated at arrival, idempotent by client event id. */
export class EventService {
  constructor(
    private readonly db: DataSource,
    private readonly consent: ConsentClient,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly catalog: Pick<CatalogVocabulary, 'unknownItems'>,
    private readonly trainingFeed?: TrainingFeed,
  ) {}

  async ensureDefaultSources(): Promise<void> {
    const repo = this.db.getRepository(EventSourceRecord);
    if ((await repo.count()) === 0) await repo.save(DEFAULT_SOURCES);
  }

  async record(customerId: string, events: EventInput[]): Promise<IngestResult> {
    if (events.length === 0) throw badInput('Send at least one event.', { field: 'events' });
    if (events.length > MAX_BATCH) throw badInput(`Send at most ${MAX_BATCH} events per batch; split the rest.`, { field: 'events' });
    const [sources, grants] = await Promise.all([this.registeredSources(), this.consent.currentGrants(customerId)]);
    const granted = grants.noticeVersions;
    const now = this.clock.now();
    const result: IngestResult = { accepted: 0, duplicates: 0, dropped: 0, rejected: [], droppedPurposes: [] };
    const toStore: EventRecord[] = [];
    const seenInBatch = new Set<string>();
    const problems = events.map((e) => validateEvent(e, sources, now));
    const itemIds = [...new Set(events.filter((e, i) => problems[i] === null && e.itemId != null).map((e) => e.itemId!))];
    const unknownItems = await this.unknownItems(itemIds);
    for (const [i, e] of events.entries()) {
      const problem = problems[i] ?? (e.itemId != null && unknownItems.has(e.itemId) ? `"${e.itemId}" is not an item in our catalog` : null);
      if (problem) {
        result.rejected.push({ clientEventId: e.clientEventId ?? '', reason: problem });
        continue;
      }
      if (seenInBatch.has(e.clientEventId)) {
        result.duplicates += 1;
        continue;
      }
      seenInBatch.add(e.clientEventId);
      const purpose = EVENT_SIGNALS[e.type].purpose;
      const noticeVersion = granted.get(purpose);
      if (noticeVersion === undefined) {
        result.dropped += 1;
        if (!result.droppedPurposes.includes(purpose)) result.droppedPurposes.push(purpose);
        continue;
      }
      toStore.push(
        Object.assign(new EventRecord(), {
          customerId,
          clientEventId: e.clientEventId,
          type: e.type,
          itemId: e.itemId ?? null,
          value: e.value ?? null,
          channel: e.channel,
          locale: e.locale ?? null,
          decisionId: e.decisionId ?? null,
          source: e.source,
          purpose,
          noticeVersion,
          consentVersion: grants.consentVersion,
          occurredAt: new Date(e.occurredAt).toISOString(),
          receivedAt: now.toISOString(),
        }),
      );
    }
    const { stored, withdrawnMeanwhile } = await this.storeNew(customerId, toStore, grants.noticeVersions, grants.consentVersion);
    result.accepted = stored;
    const lateDrops = toStore.filter((e) => withdrawnMeanwhile.has(e.purpose)).length;
    result.dropped += lateDrops;
    for (const purpose of withdrawnMeanwhile) if (!result.droppedPurposes.includes(purpose)) result.droppedPurposes.push(purpose);
    result.duplicates += toStore.length - lateDrops - stored;
    return result;
  }

  /**
   * Takes "hide this item" back: deletes the customer's dismissals of the item (a dismissal is a
   * DISMISS event and nothing else is derived from it), so it can be recommended again. Answers how
   * many were deleted; none is fine (already undone, or never kept because browsing was off).
   */
  async removeDismissals(customerId: string, itemId: string): Promise<number> {
    const result = await this.tx.queued(() => this.db.getRepository(EventRecord).delete({ customerId, type: 'DISMISS', itemId }));
    return result.affected ?? 0;
  }

  /**
   * An anonymous session joining an account: the events the browser kept for this visit go through
   * exactly the ingestion gate, so only those whose purpose the account has granted are kept.
   */
  mergeAnonymousSession(customerId: string, events: EventInput[]): Promise<IngestResult> {
    return this.record(customerId, events);
  }

  /**
   * Inserts the events whose client ids are new, in one transaction. The withdrawal watermark is
   * checked inside it (see withdrawal-watermark.ts): an event whose purpose was withdrawn after
   * the grants were read is dropped, on any instance, and never stored after the deletion.
   */
  private async storeNew(
    customerId: string,
    batch: EventRecord[],
    granted: Map<string, number>,
    consentVersion: number,
  ): Promise<{ stored: number; withdrawnMeanwhile: Set<string> }> {
    if (batch.length === 0) return { stored: 0, withdrawnMeanwhile: new Set<string>() };
    const result = await this.tx.run(async (manager) => {
      const purposes = [...new Set(batch.map((e) => e.purpose))];
      const admitted = await admittedPurposes(manager, customerId, purposes, consentVersion);
      const withdrawnMeanwhile = new Set(purposes.filter((p) => !admitted.has(p)));
      const events = batch.filter((e) => admitted.has(e.purpose));
      const ids = events.map((e) => e.clientEventId);
      const existing = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await manager
          .createQueryBuilder(EventRecord, 'e')
          .select('e.clientEventId', 'clientEventId')
          .where('e.customerId = :customerId', { customerId })
          .andWhere('e.clientEventId IN (:...ids)', { ids: ids.slice(i, i + 500) })
          .getRawMany<{ clientEventId: string }>();
        for (const r of rows) existing.add(r.clientEventId);
      }
      const fresh = events.filter((e) => !existing.has(e.clientEventId));
      // A retry racing its first attempt on another instance: the unique index keeps one, the
      // transaction runs again and then counts it as a duplicate.
      for (let i = 0; i < fresh.length; i += 100) await manager.insert(EventRecord, fresh.slice(i, i + 100));
      const queued = (await this.trainingFeed?.enqueue(manager, customerId, granted, consentVersion, fresh)) ?? false;
      return { stored: fresh.length, withdrawnMeanwhile, queued };
    });
    if (result.queued) this.trainingFeed?.kick();
    return result;
  }

  /**
   * The ids the catalog does not sell. While the catalog cannot be asked, none are refused: what
   * an event stores is bounded by its shape already, and losing a customer's events because
   * recommendations is down would be worse than keeping an id no list will ever match.
   */
  private async unknownItems(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    try {
      return await this.catalog.unknownItems(ids);
    } catch (error) {
      console.error('[profile] the catalog did not answer; item ids taken unchecked', (error as Error).message);
      return new Set();
    }
  }

  /** Registered sources: id → whether it is our own (first-party). */
  private async registeredSources(): Promise<Map<string, boolean>> {
    const sources = await this.db.getRepository(EventSourceRecord).find();
    return new Map(sources.map((s) => [s.id, s.firstParty]));
  }
}

function validateEvent(e: EventInput, sources: Map<string, boolean>, now: Date): string | null {
  const id = identifierProblem('clientEventId', e.clientEventId, 64);
  if (id) return id;
  if (!(e.type in EVENT_SIGNALS)) return `unknown event type "${e.type}"`;
  const firstParty = sources.get(e.source);
  if (firstParty === undefined) {
    const ours = [...sources]
      .filter(([, own]) => own)
      .map(([id]) => id)
      .sort();
    return `"${e.source}" is not a registered source; events from unknown sources are refused (ours: ${ours.join(', ')})`;
  }
  if (!firstParty) return `"${e.source}" is a third-party source; we only collect what you do with us`;
  const when = timeProblem('occurredAt', e.occurredAt, now, { past: true, futureSkewMs: MAX_FUTURE_SKEW_MS });
  if (when) return when;
  if (e.type === 'SEARCH') {
    if (textProblem('value', e.value, 64)) return 'a SEARCH needs the search text (up to 64 characters) in value';
    if (e.itemId != null) return 'a SEARCH carries no itemId';
  } else if (identifierProblem('itemId', e.itemId, 64)) {
    return `a ${e.type} needs an itemId (up to 64 letters, digits, ".", "_", ":" or "-")`;
  }
  if (e.type === 'RATING' && !/^[1-5]$/.test(e.value ?? '')) return 'a RATING needs value "1" to "5"';
  if (e.type === 'DISMISS' && e.value != null && textProblem('value', e.value, 64)) return 'a DISMISS reason in value is up to 64 characters';
  if (VALUELESS.has(e.type) && e.value != null) return `a ${e.type} carries no value`;
  const channel = identifierProblem('channel', e.channel, 24);
  if (channel) return channel;
  if (e.decisionId != null && (!DECISION_ID.test(e.decisionId) || e.type === 'SEARCH'))
    return 'decisionId must be the id of the recommendation list the item was shown in (not sent with a SEARCH)';
  if (e.locale != null && !isLocale(e.locale)) return 'locale must be a language, optionally with a region, like "de-DE"';
  return null;
}

/** Event types that are only an item and a time: a value on one is refused, not stored. */
const VALUELESS = new Set<EventType>(['VIEW', 'ADD_TO_CART', 'PURCHASE']);
