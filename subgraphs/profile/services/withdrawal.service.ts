import type { DataSource } from 'typeorm';
import type { KeyedMutex } from '../../shared/keyed-mutex.js';
import { Purpose } from '../../shared/purposes.js';
import type { RemovedData } from '../../shared/data-removal.types.js';
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
    private readonly writes: KeyedMutex,
  ) {}

  async applyWithdrawal(customerId: string, purpose: string): Promise<RemovedData[]> {
    if (purpose === Purpose.STATED) {
      const count = await this.deleteFrom(StatedPreferenceRecord, { customerId });
      return [{ category: 'stated preferences', count }];
    }
    const category = EVENT_CATEGORY[purpose];
    if (!category) return [];
    return [{ category, count: await this.deleteFrom(EventRecord, { customerId, purpose }) }];
  }

  private deleteFrom(entity: typeof StatedPreferenceRecord | typeof EventRecord, where: Record<string, string>): Promise<number> {
    return this.writes.run('db', async () => (await this.db.getRepository(entity).delete(where)).affected ?? 0);
  }
}
