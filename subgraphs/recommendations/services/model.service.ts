import { Brackets, type DataSource, type EntityManager, type WhereExpressionBuilder } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { ConsentClient } from '../../shared/consent-client.js';
import { badInput } from '../../shared/errors.js';
import type { KeyedMutex } from '../../shared/keyed-mutex.js';
import { isLocale } from '../../shared/locale.js';
import { Purpose } from '../../shared/purposes.js';
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
const COLLECTION_PURPOSES = new Set<string>([Purpose.BEHAVIORAL, Purpose.PURCHASE]);

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
   * What profile forwards: learned only if `model.training` is still granted, checked under the
   * write lock. A withdrawal is recorded before its unlearning reaches us, and unlearning takes the
   * same lock, so interactions either arrive in time to be unlearned or are refused: they can
   * never be learned after the withdrawal's unlearning ran. Returns how many were learned.
   */
  learnForwarded(customerId: string, interactions: Omit<TrainingInteraction, 'customerId'>[]): Promise<number> {
    return this.learn(customerId, interactions, async () => (await this.consent().grantedVersions(customerId)).has(Purpose.MODEL_TRAINING));
  }

  /**
   * Stores interactions and learns them (the demo seed calls it directly, with the grants it
   * seeded). Idempotent: a forwarded event stored twice is kept once (unique client event id),
   * and learning the same interaction again does not change the model.
   */
  async learn(customerId: string, interactions: Omit<TrainingInteraction, 'customerId'>[], allowed: () => Promise<boolean> = async () => true): Promise<number> {
    if (interactions.length > MAX_LEARN_BATCH) throw badInput(`Send at most ${MAX_LEARN_BATCH} interactions at once.`, { field: 'interactions' });
    const rows = interactions.map((i) => ({ ...validated(i), customerId }));
    const model = await this.current();
    return this.writes.run('db', async () => {
      // Stamped before the grant is checked: a row received after a withdrawal was recorded passed a
      // check made after it, so it came under a new grant (see applyWithdrawal).
      const receivedAt = this.clock.now().toISOString();
      if (!(await allowed())) return 0;
      const stamped = rows.map((row) => ({ ...row, receivedAt }));
      await this.db.transaction(async (manager) => {
        for (let i = 0; i < stamped.length; i += 100) {
          await manager.createQueryBuilder().insert().into(TrainingInteractionRecord).values(stamped.slice(i, i + 100)).orIgnore().execute();
        }
      });
      model.learn(rows);
      return rows.length;
    });
  }

  /**
   * Unlearning: deletes the customer's training interactions and subtracts exactly their part of the
   * model (no retrain). Called on `model.training` withdrawal and on erasure, before they answer.
   */
  async forgetCustomer(customerId: string): Promise<RemovedData[]> {
    await this.current();
    const count = await this.writes.run('db', () => this.db.transaction((manager) => this.forgetWithin(manager, customerId)));
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
   * Retention: deletes training interactions from before `cutoff` and relearns the customers they
   * belonged to from what is left. Returns how many interactions went.
   */
  purgeBefore(cutoff: string): Promise<number> {
    return this.deleteAndRelearn((q) => q.where('occurredAt < :cutoff', { cutoff }));
  }

  /**
   * Withdrawal: `model.training` unlearns everything the customer's interactions taught;
   * `personalization.behavioral` or `.purchase` what was learned from events collected under it
   * (and from older rows that did not record their purpose, not knowing). Only what was received
   * up to `withdrawnAt`: a late delivery leaves what came under a new grant.
   */
  async applyWithdrawal(customerId: string, purpose: string, withdrawnAt: string | null): Promise<RemovedData[]> {
    const training = purpose === Purpose.MODEL_TRAINING;
    if (!training && !COLLECTION_PURPOSES.has(purpose)) return [];
    if (training && withdrawnAt === null) return this.forgetCustomer(customerId);
    const count = await this.deleteAndRelearn((q) => {
      const own = q.where('customerId = :customerId', { customerId });
      const ofPurpose = training ? own : own.andWhere(new Brackets((w) => w.where('purpose = :purpose', { purpose }).orWhere('purpose IS NULL')));
      return withdrawnAt === null
        ? ofPurpose
        : ofPurpose.andWhere(new Brackets((w) => w.where('receivedAt <= :withdrawnAt', { withdrawnAt }).orWhere('receivedAt IS NULL')));
    });
    return training || count > 0 ? [{ category: TRAINING_DATA_CATEGORY, count }] : [];
  }

  /**
   * Deletes the matching training interactions and relearns each customer they belonged to from
   * what is left (forget, then learn: the same state as a model built from the remaining rows).
   */
  private async deleteAndRelearn(match: <Q extends WhereExpressionBuilder>(query: Q) => Q): Promise<number> {
    const model = await this.current();
    return this.writes.run('db', () =>
      this.db.transaction(async (manager) => {
        const repo = manager.getRepository(TrainingInteractionRecord);
        const affected = await match(repo.createQueryBuilder().select('DISTINCT customerId', 'customerId')).getRawMany<{ customerId: string }>();
        if (affected.length === 0) return 0;
        const result = await match(repo.createQueryBuilder().delete()).execute();
        for (const { customerId } of affected) {
          model.forget(customerId);
          model.learn(await repo.find({ where: { customerId } }));
        }
        return result.affected ?? 0;
      }),
    );
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
  if (i.locale != null && !isLocale(i.locale)) throw badInput('locale must be a language, optionally with a region, like "de-DE".', { field: 'locale' });
  if (!COLLECTION_PURPOSES.has(i.purpose)) throw badInput(`purpose must be one of ${[...COLLECTION_PURPOSES].join(', ')}.`, { field: 'purpose' });
  const at = Date.parse(i.occurredAt);
  if (!Number.isFinite(at)) throw badInput('occurredAt must be an ISO 8601 time.', { field: 'occurredAt' });
  return { clientEventId: i.clientEventId, itemId: i.itemId, channel: i.channel, locale: i.locale ?? null, purpose: i.purpose, occurredAt: new Date(at).toISOString() };
}
