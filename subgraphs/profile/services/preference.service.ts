import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { ConsentClient } from '../../shared/consent-client.js';
import { AppError, ErrorCode, badInput, notFound } from '../../shared/errors.js';
import type { Transactions } from '../../shared/transactions.js';
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

  async add(customerId: string, input: PreferenceInput): Promise<StatedPreferenceRecord> {
    const clean = await this.admit(customerId, input);
    return this.tx.queued(async () => {
      const noticeVersion = await this.requireStatedConsent(customerId);
      const repo = this.db.getRepository(StatedPreferenceRecord);
      if ((await repo.countBy({ customerId })) >= MAX_PREFERENCES) {
        throw badInput(`You can keep up to ${MAX_PREFERENCES} preferences; remove some first.`);
      }
      const existing = await repo.findOneBy({ customerId, kind: clean.kind, value: clean.value });
      const now = this.clock.now().toISOString();
      if (existing) {
        return repo.save({ ...existing, sentiment: clean.sentiment, weight: clean.weight, noticeVersion, updatedAt: now });
      }
      return repo.save(repo.create({ id: randomUUID(), customerId, ...clean, noticeVersion, createdAt: now, updatedAt: now }));
    });
  }

  async update(customerId: string, id: string, input: PreferenceInput): Promise<StatedPreferenceRecord> {
    const clean = await this.admit(customerId, input);
    return this.tx.queued(async () => {
      const noticeVersion = await this.requireStatedConsent(customerId);
      const repo = this.db.getRepository(StatedPreferenceRecord);
      const existing = await repo.findOneBy({ id, customerId });
      if (!existing) throw notFound('That preference does not exist (it may have been removed already).');
      return repo.save({ ...existing, ...clean, noticeVersion, updatedAt: this.clock.now().toISOString() });
    });
  }

  /** Removing needs no consent: a customer can always take back what they told us. */
  async remove(customerId: string, id: string): Promise<boolean> {
    return this.tx.queued(async () => {
      const result = await this.db.getRepository(StatedPreferenceRecord).delete({ id, customerId });
      if (!result.affected) throw notFound('That preference does not exist (it may have been removed already).');
      return true;
    });
  }

  /**
   * Shape first, then consent (the customer is told why nothing was kept), then the catalog.
   * Consent is checked again under the write lock, where a withdrawal's deletion also runs.
   */
  private async admit(customerId: string, input: PreferenceInput) {
    const clean = validate(input);
    await this.requireStatedConsent(customerId);
    await this.vocabulary.check(clean.kind, clean.value);
    return clean;
  }

  private async requireStatedConsent(customerId: string): Promise<number> {
    const granted = await this.consent.grantedVersions(customerId);
    const version = granted.get(Purpose.STATED);
    if (version === undefined) {
      throw new AppError(
        ErrorCode.CONSENT_REQUIRED,
        'We did not keep this: turn on "Recommendations from what you tell us" first, so we may store your preferences.',
        { purpose: Purpose.STATED },
      );
    }
    return version;
  }
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
