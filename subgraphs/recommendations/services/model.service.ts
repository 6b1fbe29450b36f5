import { createHmac } from 'node:crypto';
import { In, IsNull, LessThanOrEqual, Or, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { rawQuery } from '../../shared/raw-sql.js';
import type { Clock } from '../../shared/clock.js';
import type { ConsentClient } from '../../shared/consent-client.js';
import { badInput } from '../../shared/errors.js';
import { lockKeys, type Transactions } from '../../shared/transactions.js';
import { admittedPurposes, raiseWatermark } from '../../shared/withdrawal-watermark.js';
import { ModelChangeRecord } from '../entities/model-change.entity.js';
import { isLocale } from '../../shared/locale.js';
import { EVENT_PURPOSES, Purpose } from '../../shared/purposes.js';
import { TrainingInteractionRecord } from '../entities/training-interaction.entity.js';
import { InteractionModel, type Interaction } from '../engine/interaction-model.js';

export interface TrainingInteraction extends Interaction {
  clientEventId: string;
  /** What its event was collected under (`personalization.behavioral` or `.purchase`). */
  purpose: string;
}

/** What unlearning removed, in the shape both withdrawal and erasure reports use. */
export interface RemovedData {
  category: string;
  count: number;
}

export const MAX_LEARN_BATCH = 1000;

export const TRAINING_DATA_CATEGORY = 'model training interactions';
/** The purposes training interactions' events are collected under. */
const COLLECTION_PURPOSES = new Set<string>(EVENT_PURPOSES);

/**
 * The learned model and the interactions it was learned from. The table is the truth; each
 * instance's in-memory model follows it: every change to a customer's interactions writes a row to
 * `model_changes` in the same transaction (a keyed reference, not the customer id), and before each
 * use an instance relearns the customers changed since it last looked (one indexed read). So after a
 * withdrawal or erasure on any instance, the next request on every instance is served by a model
 * equal to one rebuilt from the remaining rows.
 */
export class ModelService {
  /** One load shared by concurrent first callers. */
  private loaded: Promise<InteractionModel> | null = null;
  private appliedChange = 0;
  private catchingUp: Promise<void> | null = null;
  /** The customers in this instance's model, by their change reference. */
  private readonly customersByRef = new Map<string, string>();

  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly consent: () => ConsentClient,
    private readonly clock: Clock,
    private readonly refKey: string,
  ) {}

  /** The model as of the latest committed change, on any instance. */
  async current(): Promise<InteractionModel> {
    const model = await this.load();
    await this.catchUp(model);
    return model;
  }

  /**
   * What profile relays from its outbox: learned only while `model.training` and the purpose each
   * interaction's event was collected under are granted, and neither was withdrawn after the
   * consent version the events were collected under (the watermarks, checked in the inserting
   * transaction). If consent does not answer, this throws and the outbox retries later: nothing is
   * dropped. Returns how many were learned.
   */
  async learnForwarded(customerId: string, interactions: Omit<TrainingInteraction, 'customerId'>[], consentVersion: number | null): Promise<number> {
    const grants = await this.consent().currentGrants(customerId);
    if (!grants.noticeVersions.has(Purpose.MODEL_TRAINING)) return 0;
    const allowed = interactions.filter((i) => grants.noticeVersions.has(i.purpose));
    return this.learn(customerId, allowed, consentVersion ?? grants.consentVersion);
  }

  /**
   * Stores interactions and learns them (the demo seed calls it directly, with the grants it
   * seeded: `consentVersion` null). Idempotent: a forwarded event stored twice is kept once (unique
   * client event id), and learning the same interaction again does not change the model.
   */
  async learn(customerId: string, interactions: Omit<TrainingInteraction, 'customerId'>[], consentVersion: number | null = null): Promise<number> {
    if (interactions.length > MAX_LEARN_BATCH) throw badInput(`Send at most ${MAX_LEARN_BATCH} interactions at once.`, { field: 'interactions' });
    const rows = interactions.map((i) => ({ ...validated(i), customerId, consentVersion, customerRef: this.refOf(customerId) }));
    if (rows.length === 0) return 0;
    const learned = await this.tx.run(async (manager) => {
      let admittedRows = rows;
      if (consentVersion !== null) {
        const admitted = await admittedPurposes(manager, customerId, [Purpose.MODEL_TRAINING, ...rows.map((r) => r.purpose)], consentVersion);
        admittedRows = admitted.has(Purpose.MODEL_TRAINING) ? rows.filter((r) => admitted.has(r.purpose)) : [];
      }
      if (admittedRows.length === 0) return 0;
      const receivedAt = this.clock.now().toISOString();
      for (let i = 0; i < admittedRows.length; i += 100) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(TrainingInteractionRecord)
          .values(admittedRows.slice(i, i + 100).map((r) => ({ ...r, receivedAt })))
          .orIgnore()
          .execute();
      }
      await this.noteChanged(manager, [customerId]);
      return admittedRows.length;
    });
    await this.current();
    return learned;
  }

  /**
   * Unlearning: deletes the customer's training interactions; every instance relearns them (from
   * nothing) before its next use. Called on erasure, and on a `model.training` withdrawal of unknown time.
   */
  async forgetCustomer(customerId: string): Promise<RemovedData[]> {
    const count = await this.tx.run((manager) => this.forgetWithin(manager, customerId));
    await this.current();
    return [{ category: TRAINING_DATA_CATEGORY, count }];
  }

  /** Unlearning inside a caller's transaction (erasure runs every holder in one). */
  async forgetWithin(manager: EntityManager, customerId: string): Promise<number> {
    const result = await manager.delete(TrainingInteractionRecord, { customerId });
    await this.noteChanged(manager, [customerId]);
    return result.affected ?? 0;
  }

  /**
   * Retention: deletes the training interactions matching any of the conditions (each a purpose
   * and the oldest time its window keeps); the customers they belonged to are relearned.
   */
  async purgeExpired(expired: FindOptionsWhere<TrainingInteractionRecord>[]): Promise<number> {
    const count = await this.tx.run((manager) => this.deleteWithin(manager, expired));
    await this.current();
    return count;
  }

  /**
   * Withdrawal: `model.training` unlearns everything the customer's interactions taught;
   * `personalization.behavioral` or `.purchase` what was learned from events collected under it
   * (and from older rows that did not record their purpose, not knowing). With the withdrawal's
   * ledger position, first raises the watermark (no interaction collected before it is learned
   * afterwards, on any instance) and removes what was collected under earlier consent versions;
   * without it, what was received up to `upTo` (null: all).
   */
  async applyWithdrawal(customerId: string, purpose: string, upTo: string | null, withdrawalSeq: number | null = null): Promise<RemovedData[]> {
    const training = purpose === Purpose.MODEL_TRAINING;
    if (!training && !COLLECTION_PURPOSES.has(purpose)) return [];
    const mine: FindOptionsWhere<TrainingInteractionRecord>[] = training
      ? [{ customerId }]
      : [
          { customerId, purpose },
          { customerId, purpose: IsNull() },
        ];
    const bound: FindOptionsWhere<TrainingInteractionRecord>[] =
      withdrawalSeq !== null
        ? [{ consentVersion: LessThanOrEqual(withdrawalSeq) }, { consentVersion: IsNull() }]
        : [{ receivedAt: upTo === null ? undefined : Or(LessThanOrEqual(upTo), IsNull()) }];
    const where = mine.flatMap((m) => bound.map((b) => ({ ...m, ...b })));
    const count = await this.tx.run(async (manager) => {
      if (withdrawalSeq !== null) await raiseWatermark(manager, customerId, purpose, withdrawalSeq);
      return this.deleteWithin(manager, where);
    });
    await this.current();
    return training || count > 0 ? [{ category: TRAINING_DATA_CATEGORY, count }] : [];
  }

  /** The customer's training interactions, for their data export. */
  exportCustomer(customerId: string): Promise<TrainingInteractionRecord[]> {
    return this.db.getRepository(TrainingInteractionRecord).find({ where: { customerId }, order: { seq: 'ASC' } });
  }

  async count(): Promise<number> {
    return this.db.getRepository(TrainingInteractionRecord).count();
  }

  private async deleteWithin(manager: EntityManager, where: FindOptionsWhere<TrainingInteractionRecord>[]): Promise<number> {
    const repo = manager.getRepository(TrainingInteractionRecord);
    const doomed = await repo.find({ where, select: { seq: true, customerId: true } });
    for (let i = 0; i < doomed.length; i += 500) await repo.delete({ seq: In(doomed.slice(i, i + 500).map((r) => r.seq)) });
    await this.noteChanged(manager, [...new Set(doomed.map((r) => r.customerId))]);
    return doomed.length;
  }

  private async noteChanged(manager: EntityManager, customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return;
    // One writer of the change log at a time, until commit: the sequence numbers then commit in
    // order, so an instance that has seen change n has seen every change before it.
    await lockKeys(manager, ['model-changes'], 'exclusive');
    const changedAt = this.clock.now().toISOString();
    await manager.insert(
      ModelChangeRecord,
      customerIds.map((id) => ({ customerRef: this.refOf(id), changedAt })),
    );
  }

  /** A keyed hash of the customer id, so the change log names no one (it outlives an erasure briefly). */
  private refOf(customerId: string): string {
    return createHmac('sha256', this.refKey).update(customerId).digest('hex').slice(0, 32);
  }

  private load(): Promise<InteractionModel> {
    this.loaded ??= (async () => {
      // The change position first: anything committed while the rows are read is applied again (idempotent).
      const latest = await this.db.getRepository(ModelChangeRecord).findOne({ where: {}, order: { seq: 'DESC' }, select: { seq: true } });
      const rows = await this.db.getRepository(TrainingInteractionRecord).find();
      this.appliedChange = latest?.seq ?? 0;
      for (const row of rows) this.customersByRef.set(this.refOf(row.customerId), row.customerId);
      return InteractionModel.fromInteractions(rows);
    })().catch((error: unknown) => {
      this.loaded = null; // let the next request try again
      throw error;
    });
    return this.loaded;
  }

  /** Relearns the customers changed since this instance last looked; one pass at a time. */
  private async catchUp(model: InteractionModel): Promise<void> {
    while (this.catchingUp) await this.catchingUp;
    this.catchingUp = (async () => {
      // Asked before every list (usually answering nothing): hand-written.
      const changes = await rawQuery<Pick<ModelChangeRecord, 'seq' | 'customerRef'>>(
        this.db,
        'SELECT seq, "customerRef" FROM {model_changes} WHERE seq > ? ORDER BY seq ASC',
        [this.appliedChange],
      );
      if (changes.length === 0) return;
      const relearned = new Map<string, TrainingInteractionRecord[]>();
      for (const ref of new Set(changes.map((c) => c.customerRef))) {
        const known = this.customersByRef.get(ref);
        const rows = known
          ? await this.db.getRepository(TrainingInteractionRecord).findBy({ customerId: known })
          : await this.db.getRepository(TrainingInteractionRecord).findBy({ customerRef: ref });
        const customerId = known ?? rows[0]?.customerId;
        if (customerId) relearned.set(customerId, rows);
        if (rows.length > 0 && customerId) this.customersByRef.set(ref, customerId);
        else this.customersByRef.delete(ref);
      }
      // One synchronous step: no decision sees the model half-updated.
      for (const [customerId, rows] of relearned) {
        model.forget(customerId);
        model.learn(rows);
      }
      this.appliedChange = changes[changes.length - 1].seq;
    })();
    try {
      await this.catchingUp;
    } finally {
      this.catchingUp = null;
    }
  }
}

function validated(i: Omit<TrainingInteraction, 'customerId'>): Omit<TrainingInteraction, 'customerId'> {
  if (!i.clientEventId || i.clientEventId.length > 64) throw badInput('clientEventId must be 1 to 64 characters.', { field: 'clientEventId' });
  if (!i.itemId || i.itemId.length > 64) throw badInput('itemId must be 1 to 64 characters.', { field: 'itemId' });
  if (!i.channel || i.channel.length > 24) throw badInput('channel must be 1 to 24 characters.', { field: 'channel' });
  if (i.locale != null && !isLocale(i.locale))
    throw badInput('locale must be a language, optionally with a region, like "de-DE".', { field: 'locale' });
  if (!COLLECTION_PURPOSES.has(i.purpose)) throw badInput(`purpose must be one of ${[...COLLECTION_PURPOSES].join(', ')}.`, { field: 'purpose' });
  const at = Date.parse(i.occurredAt);
  if (!Number.isFinite(at)) throw badInput('occurredAt must be an ISO 8601 time.', { field: 'occurredAt' });
  return {
    clientEventId: i.clientEventId,
    itemId: i.itemId,
    channel: i.channel,
    locale: i.locale ?? null,
    purpose: i.purpose,
    occurredAt: new Date(at).toISOString(),
  };
}
