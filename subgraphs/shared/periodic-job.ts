/**
 * A background job that runs once at start and then every `intervalMs`, one run at a time. A run
 * that fails is logged and left to the next one (retention sweeps are safe to skip: nothing is
 * guessed when a peer does not answer). `stop` waits for a run in progress.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
  ) {}

  start(): void {
    this.trigger();
    this.timer = setInterval(() => this.trigger(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private trigger(): void {
    this.running = this.running.then(() => this.run()).catch((error: Error) => console.error(`[${this.name}] skipped, will retry: ${error.message}`));
  }
}

/** A service whose `sweep` runs as a PeriodicJob: at start, then every `intervalMs`. */
export abstract class PeriodicSweep<T> {
  private readonly job: PeriodicJob;

  constructor(name: string, intervalMs: number) {
    this.job = new PeriodicJob(name, intervalMs, () => this.sweep());
  }

  abstract sweep(): Promise<T>;

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
