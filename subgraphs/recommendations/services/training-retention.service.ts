import type { Clock } from '../../shared/clock.js';
import { PeriodicJob } from '../../shared/periodic-job.js';
import { Purpose } from '../../shared/purposes.js';
import { retentionCutoff, retentionWindows } from '../../shared/retention-windows.js';
import type { ServiceClient } from '../../shared/service-client.js';
import type { ModelService } from './model.service.js';

/**
 * Retention for what the model learned from: training interactions older than the
 * `model.training` notice allows are deleted and unlearned, at start and every
 * `retentionSweepMs`. When consent does not answer, the sweep waits for the next run.
 */
export class TrainingRetentionService {
  private readonly job: PeriodicJob;

  constructor(
    private readonly model: ModelService,
    private readonly consent: () => ServiceClient,
    private readonly clock: Clock,
    intervalMs: number,
  ) {
    this.job = new PeriodicJob('recommendations retention sweep', intervalMs, () => this.sweep());
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Purges and unlearns expired training interactions now; returns how many went. */
  async sweep(): Promise<number> {
    const days = (await retentionWindows(this.consent())).get(Purpose.MODEL_TRAINING);
    if (days === undefined) throw new Error('consent lists no model.training notice');
    return this.model.purgeBefore(retentionCutoff(this.clock.now(), days));
  }
}
