import { IsNull, LessThan } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { PeriodicSweep } from '../../shared/periodic-job.js';
import { EVENT_PURPOSES, Purpose } from '../../shared/purposes.js';
import { retentionCutoff, retentionWindows } from '../../shared/retention-windows.js';
import type { ServiceClient } from '../../shared/service-client.js';
import type { ModelService } from './model.service.js';

/**
 * Retention for what the model learned from: training interactions older than their notices
 * allow are deleted and unlearned, at start and every `retentionSweepMs`. When consent does not
 * answer, the sweep waits for the next run.
 */
export class TrainingRetentionService extends PeriodicSweep<number> {
  constructor(
    private readonly model: ModelService,
    private readonly consent: () => ServiceClient,
    private readonly clock: Clock,
    intervalMs: number,
  ) {
    super('recommendations retention sweep', intervalMs);
  }

  /**
   * Purges and unlearns expired training interactions now; returns how many went. An interaction
   * is kept no longer than the shorter of `model.training`'s window and that of the purpose its
   * event was collected under (older rows without a purpose: the shortest of them all).
   */
  async sweep(): Promise<number> {
    const windows = await retentionWindows(this.consent());
    const days = (purpose: string) => {
      const d = windows.get(purpose);
      if (d === undefined) throw new Error(`consent lists no ${purpose} notice`);
      return d;
    };
    const training = days(Purpose.MODEL_TRAINING);
    const now = this.clock.now();
    const cutoffFor = (...purposes: string[]) => LessThan(retentionCutoff(now, Math.min(training, ...purposes.map(days))));
    return this.model.purgeExpired([
      ...EVENT_PURPOSES.map((purpose) => ({ purpose, occurredAt: cutoffFor(purpose) })),
      { purpose: IsNull(), occurredAt: cutoffFor(...EVENT_PURPOSES) },
    ]);
  }
}
