import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { Transactions } from '../../shared/transactions.js';
import { PeriodicSweep } from '../../shared/periodic-job.js';
import { retentionCutoff, retentionWindows } from '../../shared/retention-windows.js';
import { EventRecord } from '../entities/event.entity.js';
import type { PeerClients } from './peer-clients.js';

export interface PurgedEvents {
  purpose: string;
  count: number;
}

/**
 * Retention per purpose (SPEC §5): events older than their purpose's notice allows are purged.
 * Runs at start and every `retentionSweepMs`; windows come from the consent notices each time.
 * When consent does not answer, the sweep is skipped (nothing is guessed) and the next one tries.
 */
export class RetentionService extends PeriodicSweep<PurgedEvents[]> {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly peers: PeerClients,
    private readonly clock: Clock,
    intervalMs: number,
  ) {
    super('profile retention sweep', intervalMs);
  }

  /** Purges expired events now; returns what went, per purpose. */
  async sweep(): Promise<PurgedEvents[]> {
    const windows = await retentionWindows(this.peers.of('consent'));
    const now = this.clock.now();
    return this.tx.run(async (manager) => {
      const purged: PurgedEvents[] = [];
      for (const [purpose, days] of windows) {
        const result = await manager
          .createQueryBuilder()
          .delete()
          .from(EventRecord)
          .where('purpose = :purpose AND occurredAt < :cutoff', { purpose, cutoff: retentionCutoff(now, days) })
          .execute();
        if (result.affected) purged.push({ purpose, count: result.affected });
      }
      return purged;
    });
  }
}
