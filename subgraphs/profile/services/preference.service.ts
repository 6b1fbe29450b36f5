import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { ConsentClient } from '../../shared/consent-client.js';
import { AppError, ErrorCode, badInput, notFound } from '../../shared/errors.js';
import { lockKeys, type Transactions } from '../../shared/transactions.js';
import { admittedPurposes } from '../../shared/withdrawal-watermark.js';
import { Purpose } from '../../shared/purposes.js';
import { StatedPreferenceRecord, type PreferenceKind, type Sentiment } from '../entities/stated-preference.entity.js';
import type { CatalogVocabulary } from './catalog-vocabulary.js';

export interface PreferenceInput {
  kind: PreferenceKind;
  value: string;
  sentiment: Sentiment;
  weight?: number | null;
}

const MAX_PREFERENCES = 200;
const PRICE_RANGE = /^\d{1,6}-\d{1,6}$/;

/** Stated preferences: kept only while `personalization.stated` is granted. */
export class PreferenceService {
  constructor(
    private readonly db: DataSource,
    private readonly consent: ConsentClient,
    private readonly vocabulary: CatalogVocabulary,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  list(customerId: string): Promise<StatedPreferenceRecord[]> {
    return this.db.getRepository(StatedPreferenceRecord).find({ where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Adds a preference, or changes the one stored for the same kind and value. The rules live in the
   * database: one row per (customer, kind, value) (a unique index), the cap counted under a
   * database lock on the customer's preferences, and the withdrawal watermark checked in the same
   * transaction. A lost race runs again and then sees the winner's row. With `replace: false` a
   * different preference already stored for the same kind and value is refused (CONFLICT, naming
   * it) instead of being overwritten; the same one again is returned as it is.
   */
  async add(customerId: string, input: PreferenceInput, options: { replace: boolean } = { replace: true }): Promise<StatedPreferenceRecord> {
    const { clean, grant } = await this.admit(customerId, input);
    return this.tx.run(async (manager) => {
      await this.requireAdmitted(manager, customerId, grant.consentVersion);
      await lockKeys(manager, [`stated-preferences:${customerId}`], 'exclusive');
      const repo = manager.getRepository(StatedPreferenceRecord);
      const existing = await repo.findOneBy({ customerId, kind: clean.kind, value: clean.value });
      const now = this.clock.now().toISOString();
      const stamp = { noticeVersion: grant.noticeVersion, consentVersion: grant.consentVersion, updatedAt: now };
      if (existing && !options.replace) {
        if (existing.sentiment === clean.sentiment && existing.weight === clean.weight) return existing;
        throw new AppError(ErrorCode.CONFLICT, `You already have a preference for ${existing.value}; nothing was changed.`, {
          existing: { id: existing.id, kind: existing.kind, value: existing.value, sentiment: existing.sentiment, weight: existing.weight },
        });
      }
      if (existing) return repo.save({ ...existing, sentiment: clean.sentiment, weight: clean.weight, ...stamp });
      if ((await repo.countBy({ customerId })) >= MAX_PREFERENCES) {
        throw badInput(`You can keep up to ${MAX_PREFERENCES} preferences; remove some first.`);
      }
      const record = repo.create({ id: randomUUID(), customerId, ...clean, ...stamp, createdAt: now });
      await repo.insert(record);
      return record;
    });
  }

  async update(customerId: string, id: string, input: PreferenceInput): Promise<StatedPreferenceRecord> {
    const { clean, grant } = await this.admit(customerId, input);
    return this.tx.run(
      async (manager) => {
        await this.requireAdmitted(manager, customerId, grant.consentVersion);
        const repo = manager.getRepository(StatedPreferenceRecord);
        const existing = await repo.findOneBy({ id, customerId });
        if (!existing) throw notFound('That preference does not exist (it may have been removed already).');
        const clash = await repo.findOneBy({ customerId, kind: clean.kind, value: clean.value });
        if (clash && clash.id !== id)
          throw badInput(`You already have a preference for ${clean.value}; change that one instead.`, { field: 'value' });
        const updated = {
          ...existing,
          ...clean,
          noticeVersion: grant.noticeVersion,
          consentVersion: grant.consentVersion,
          updatedAt: this.clock.now().toISOString(),
        };
        await repo.update({ id, customerId }, updated);
        return updated;
      },
      { conflictMessage: 'This preference was changed at the same moment elsewhere; please reload and try again.' },
    );
  }

  /** Removing needs no consent: a customer can always take back what they told us. */
  async remove(customerId: string, id: string): Promise<boolean> {
    return this.tx.run(async (manager) => {
      const result = await manager.delete(StatedPreferenceRecord, { id, customerId });
      if (!result.affected) throw notFound('That preference does not exist (it may have been removed already).');
      return true;
    });
  }

  /** Shape first, then consent (the customer is told why nothing was kept), then the catalog. */
  private async admit(customerId: string, input: PreferenceInput) {
    const clean = validate(input);
    const grants = await this.consent.currentGrants(customerId);
    const noticeVersion = grants.noticeVersions.get(Purpose.STATED);
    if (noticeVersion === undefined) throw consentRequired();
    await this.vocabulary.check(clean.kind, clean.value);
    return { clean, grant: { noticeVersion, consentVersion: grants.consentVersion } };
  }

  /** Inside the write: a withdrawal recorded after the grants were read wins, and nothing is kept. */
  private async requireAdmitted(manager: EntityManager, customerId: string, consentVersion: number): Promise<void> {
    const admitted = await admittedPurposes(manager, customerId, [Purpose.STATED], consentVersion);
    if (!admitted.has(Purpose.STATED)) throw consentRequired();
  }
}

function consentRequired(): AppError {
  return new AppError(
    ErrorCode.CONSENT_REQUIRED,
    'We did not keep this: turn on "Recommendations from what you tell us" first, so we may store your preferences.',
    { purpose: Purpose.STATED },
  );
}

function validate(input: PreferenceInput): Omit<PreferenceInput, 'weight'> & { weight: number } {
  const value = input.value.trim();
  if (value.length === 0 || value.length > 64) throw badInput('A preference needs a value of 1 to 64 characters.', { field: 'value' });
  if (input.kind === 'PRICE_RANGE' && !PRICE_RANGE.test(value)) {
    throw badInput('A price range looks like "20-80" (whole amounts, lowest first).', { field: 'value' });
  }
  if (input.kind === 'PRICE_RANGE') {
    const [low, high] = value.split('-').map(Number);
    if (low > high) throw badInput('A price range must start with the lower amount, like "20-80".', { field: 'value' });
  }
  const weight = input.weight ?? 1;
  if (!Number.isFinite(weight) || weight <= 0 || weight > 5) throw badInput('Weight must be above 0 and at most 5.', { field: 'weight' });
  return { kind: input.kind, value: input.kind === 'PRICE_RANGE' ? value : value.toLowerCase(), sentiment: input.sentiment, weight };
}
