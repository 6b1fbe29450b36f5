import { PeriodicJob } from '../../shared/periodic-job.js';
import type { DecisionRecorder } from './decision-recorder.js';
import type { ExpiryService } from './expiry.service.js';
import type { ReceiptService } from './receipt.service.js';

/**
 * Background upkeep of the consent subgraph, started with it and stopped on close: retries
 * withdrawal deliveries, issues receipts a crash left pending, records lapsed grants, and gives
 * receipts issued before the DPV-27560 form existed that form.
 */
export class ConsentMaintenance {
  private readonly job: PeriodicJob;
  private running: Promise<void> | undefined;

  constructor(
    private readonly recorder: DecisionRecorder,
    private readonly expiry: ExpiryService,
    private readonly receipts: ReceiptService,
    intervalMs: number,
  ) {
    this.job = new PeriodicJob('consent maintenance', intervalMs, () => this.runOnce());
  }

  start(): void {
    this.job.start();
  }

  /** One pass; overlapping calls share the pass in progress. */
  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.recorder.recover();
        await this.expiry.recordLapsed();
        await this.receipts.backfillDpv();
      } catch (error) {
        console.error('[consent] maintenance pass failed; will retry', error);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    await this.job.stop();
    await this.running;
  }
}
