import type { Clock } from '../../shared/clock.js';
import { PeriodicSweep } from '../../shared/periodic-job.js';
import type { DecisionService } from './decision.service.js';

const HOUR_MS = 3_600_000;

/**
 * Lists served to anonymous visitors are kept only `retentionHours` (they serve no one's export or
 * feedback later); swept at start and every `intervalMs`. Customers' decisions follow their data.
 */
export class DecisionRetentionService extends PeriodicSweep<number> {
  constructor(
    private readonly decisions: DecisionService,
    private readonly clock: Clock,
    private readonly retentionHours: number,
    intervalMs: number,
  ) {
    super('anonymous decision retention', intervalMs);
  }

  sweep(): Promise<number> {
    return this.decisions.purgeAnonymousBefore(new Date(this.clock.now().getTime() - this.retentionHours * HOUR_MS));
  }
}
