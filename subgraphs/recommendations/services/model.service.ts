import { In, IsNull, LessThanOrEqual, Or, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { ConsentClient } from '../../shared/consent-client.js';
import { badInput } from '../../shared/errors.js';
import { customerKey, type KeyedMutex } from '../../shared/keyed-mutex.js';
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

/** Resolves, at the moment of learning, which of a batch's interactions may be learned. */
type AllowedNow = () => Promise<(interaction: Omit<TrainingInteraction, 'customerId'>) => boolean>;

export const TRAINING_DATA_CATEGORY = 'model training interactions';
/** The purposes training interactions' events are collected under. */
const COLLECTION_PURPOSES = new Set<string>(EVENT_PURPOSES);

/**
 * The learned model and the interactions it was learned from. Learning and unlearning change the
 * table and the in-memory model together, under one lock, so the next request already sees it.
 */
export class ModelService {
  /** One load shared by concurrent first callers: two loads could let a forgotten customer return. */
  private model: Promise<InteractionModel> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly writes: KeyedMutex,
    private readonly consent: () => ConsentClient,
    private readonly clock: Clock,
  ) {}

  current(): Promise<InteractionModel> {
    this.model ??= this.db
      .getRepository(TrainingInteractionRecord)
      .find()
      .then((rows) => InteractionModel.fromInteractions(rows))
      .catch((error: unknown) => {
        this.model = null; // let the next request try again
        throw error;
      });
    return this.model;
  }

  /**
   * What profile forwards: learned only while `model.training` and the purpose each interaction's
   * event was collected under are granted, checked under this customer's lock (`customerKey`). A
   * withdrawal is recorded before its unlearning reaches us, and unlearning takes the same lock, so
   * an interaction either arrives in time to be unlearned or is refused: it is never learned after
   * a withdrawal's unlearning ran. Returns how many were learned.
   */
  learnForwarded(customerId: string, interactions: Omit<TrainingInteraction, 'customerId'>[]): Promise<number> {
    return this.learn(customerId, interactions, async () => {
      const granted = await this.consent().grantedVersions(customerId);
      return granted.has(Purpose.MODEL_TRAINING) ? (i) => granted.has(i.purpose) : () => false;
    });
  }

  /**
   * Stores interactions and learns them (the demo seed calls it directly, with the grants it
   * seeded). Idempotent: a forwarded event stored twice is kept once (unique client event id),
   * and learning the same interaction again does not change the model.
   */
  async learn(
    customerId: string,
    interactions: Omit<TrainingInteraction, 'customerId'>[],
    allowedNow: AllowedNow = async () => () => true,
  ): Promise<number> {
    if (interactions.length > MAX_LEARN_BATCH) throw badInput(`Send at most ${MAX_LEARN_BATCH} interactions at once.`, { field: 'interactions' });
    const rows = interactions.map((i) => ({ ...validated(i), customerId }));
    const model = await this.current();
    return this.writes.run(customerKey(customerId), async () => {
      // Stamped before the grants are read: a row received after a withdrawal was recorded passed a
      // check made after it, so it came under a new grant (see applyWithdrawal).
      const receivedAt = this.clock.now().toISOString();
      const allowed = await allowedNow();
      const stamped = rows.filter(allowed).map((row) => ({ ...row, receivedAt }));
      if (stamped.length === 0) return 0;
      return this.writes.run('db', async () => {
        await this.db.transaction(async (manager) => {
          for (let i = 0; i < stamped.length; i += 100) {
            await manager
              .createQueryBuilder()
              .insert()
              .into(TrainingInteractionRecord)
              .values(stamped.slice(i, i + 100))
              .orIgnore()
              .execute();
          }
        });
        model.learn(stamped);
        return stamped.length;
      });
    });
  }

  /**
   * Unlearning: deletes the customer's training interactions and subtracts exactly their part of the
   * model (no retrain). Called on erasure, and on a `model.training` withdrawal of unknown time.
   */
  async forgetCustomer(customerId: string): Promise<RemovedData[]> {
    await this.current();
    const count = await this.writes.run(customerKey(customerId), () =>
      this.writes.run('db', () => this.db.transaction((manager) => this.forgetWithin(manager, customerId))),
    );
    return [{ category: TRAINING_DATA_CATEGORY, count }];
  }

  /** Unlearning inside a caller's transaction (erasure runs every holder in one). */
  async forgetWithin(manager: EntityManager, customerId: string): Promise<number> {
    const model = await this.current();
    const result = await manager.delete(TrainingInteractionRecord, { customerId });
    model.forget(customerId);
    return result.affected ?? 0;
  }

  /**
   * Retention: deletes the training interactions matching any of the conditions (each a purpose
   * and the oldest time its window keeps) and relearns the customers they belonged to.
   */
  purgeExpired(expired: FindOptionsWhere<TrainingInteractionRecord>[]): Promise<number> {
    return this.writes.run('db', () => this.deleteAndRelearn(expired));
  }

  /**
   * Withdrawal: `model.training` unlearns everything the customer's interactions taught;
   * `personalization.behavioral` or `.purchase` what was learned from events collected under it
   * (and from older rows that did not record their purpose, not knowing). Only what was received
   * up to `upTo` (null: all): a late delivery leaves what came under a new grant.
   */
  async applyWithdrawal(customerId: string, purpose: string, upTo: string | null): Promise<RemovedData[]> {
    const training = purpose === Purpose.MODEL_TRAINING;
    if (!training && !COLLECTION_PURPOSES.has(purpose)) return [];
    if (training && upTo === null) return this.forgetCustomer(customerId);
    const receivedAt = upTo === null ? undefined : Or(LessThanOrEqual(upTo), IsNull());
    const where: FindOptionsWhere<TrainingInteractionRecord>[] = training
      ? [{ customerId, receivedAt }]
      : [
          { customerId, purpose, receivedAt },
          { customerId, purpose: IsNull(), receivedAt },
        ];
    const count = await this.writes.run(customerKey(customerId), () => this.writes.run('db', () => this.deleteAndRelearn(where)));
    return training || count > 0 ? [{ category: TRAINING_DATA_CATEGORY, count }] : [];
  }

  /**
   * Deletes the matching training interactions, then relearns each customer they belonged to from
   * what is left (forget, then learn: the same state as a model built from the remaining rows).
   * The model changes only after the transaction committed, in one synchronous step, so no
   * decision sees it half-updated. Callers hold the 'db' lock.
   */
  private async deleteAndRelearn(where: FindOptionsWhere<TrainingInteractionRecord>[]): Promise<number> {
    const model = await this.current();
    const { count, remaining } = await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(TrainingInteractionRecord);
      const doomed = await repo.find({ where, select: { seq: true, customerId: true } });
      for (let i = 0; i < doomed.length; i += 500) await repo.delete({ seq: In(doomed.slice(i, i + 500).map((r) => r.seq)) });
      const customers = [...new Set(doomed.map((r) => r.customerId))];
      const left = new Map<string, TrainingInteractionRecord[]>();
      for (const customerId of customers) left.set(customerId, await repo.find({ where: { customerId } }));
      return { count: doomed.length, remaining: left };
    });
    for (const [customerId, rows] of remaining) {
      model.forget(customerId);
      model.learn(rows);
    }
    return count;
  }

  /** The customer's training interactions, for their data export. */
  exportCustomer(customerId: string): Promise<TrainingInteractionRecord[]> {
    return this.db.getRepository(TrainingInteractionRecord).find({ where: { customerId }, order: { seq: 'ASC' } });
  }

  async count(): Promise<number> {
    return this.db.getRepository(TrainingInteractionRecord).count();
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
