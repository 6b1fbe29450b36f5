import { LessThanOrEqual, IsNull, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { Purpose } from '../../shared/purposes.js';
import type { Transactions } from '../../shared/transactions.js';
import { raiseWatermark } from '../../shared/withdrawal-watermark.js';
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
 * `personalization.stated`; every event carries the purpose it was collected for. First raises the
 * purpose's watermark in the same transaction, so no write admitted under the earlier grant can
 * land after the deletion (see withdrawal-watermark.ts). Idempotent.
 */
export class WithdrawalService {
  constructor(private readonly tx: Transactions) {}

  /**
   * Removes what was stored for the purpose under consent states before the withdrawal (its ledger
   * position; rows without a version, and a delivery that names none, count as before). Data
   * stored under a later grant stays.
   */
  async applyWithdrawal(customerId: string, purpose: string, bounds: WithdrawalBounds): Promise<RemovedData[]> {
    const category = purpose === Purpose.STATED ? 'stated preferences' : EVENT_CATEGORY[purpose];
    if (!category) return [];
    return this.tx.run(async (manager) => {
      if (bounds.withdrawalSeq !== null) await raiseWatermark(manager, customerId, purpose, bounds.withdrawalSeq);
      const count =
        purpose === Purpose.STATED
          ? await deleteCollectedBefore(manager, StatedPreferenceRecord, { customerId }, bounds.withdrawalSeq)
          : await deleteCollectedBefore(manager, EventRecord, { customerId, purpose }, bounds.withdrawalSeq);
      return [{ category, count }];
    });
  }
}

/**
 * Deletes the rows stored under a consent version up to `seq` (or without one); all of them when
 * `seq` is null. Up to and including it: the withdrawal's own state never allowed the purpose, so a
 * row tagged with it had its grants read just before (grants and version are separate reads).
 */
async function deleteCollectedBefore<T extends ObjectLiteral & { consentVersion: number | null }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  seq: number | null,
): Promise<number> {
  const conditions = (
    seq === null
      ? [where]
      : [
          { ...where, consentVersion: LessThanOrEqual(seq) },
          { ...where, consentVersion: IsNull() },
        ]
  ) as FindOptionsWhere<T>[];
  let count = 0;
  for (const condition of conditions) count += (await manager.delete(entity, condition)).affected ?? 0;
  return count;
}
