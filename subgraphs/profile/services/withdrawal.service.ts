import { LessThanOrEqual, type DataSource, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import type { Transactions } from '../../shared/transactions.js';
import { Purpose } from '../../shared/purposes.js';
import type { RemovedData } from '../../shared/data-removal.types.js';
import type { WithdrawalBounds } from '../../shared/withdrawal.resolver.js';
import { EventRecord } from '../entities/event.entity.js';
import { StatedPreferenceRecord } from '../entities/stated-preference.entity.js';

/** What each personalization purpose holds in this subgraph, named as the receipt shows it. */
const EVENT_CATEGORY: Record<string, string> = {
  [Purpose.BEHAVIORAL]: 'behavioral events',
  [Purpose.PURCHASE]: 'purchase events',
};

/**
 * Deletes the data collected only for a withdrawn purpose: stated preferences exist only under
 * `personalization.stated`; every event carries the purpose it was collected for. Idempotent.
 */
export class WithdrawalService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
  ) {}

  /** Removes what was stored for the purpose up to `bounds.upTo` (a preference counts from its last edit). */
  async applyWithdrawal(customerId: string, purpose: string, bounds: WithdrawalBounds): Promise<RemovedData[]> {
    const upTo = bounds.upTo === null ? undefined : LessThanOrEqual(bounds.upTo);
    if (purpose === Purpose.STATED) {
      return [{ category: 'stated preferences', count: await this.deleteFrom(StatedPreferenceRecord, { customerId, updatedAt: upTo }) }];
    }
    const category = EVENT_CATEGORY[purpose];
    if (!category) return [];
    return [{ category, count: await this.deleteFrom(EventRecord, { customerId, purpose, receivedAt: upTo }) }];
  }

  private deleteFrom<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<number> {
    return this.tx.queued(async () => (await this.db.getRepository(entity).delete(where)).affected ?? 0);
  }
}
