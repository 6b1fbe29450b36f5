/**
 * Per-part circuit breaker of one gateway instance: after `threshold` failures in a row the part
 * counts as down for `coolDownMs`, so requests fail at once instead of each waiting for a
 * timeout; then one trial call is let through. This is only about waiting less: it never decides
 * what a customer may see (a part that does not answer simply contributes nothing, and
 * personalization fails closed).
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private trialUnderWay = false;

  constructor(
    private readonly threshold = 5,
    private readonly coolDownMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call may go out now. */
  allow(): boolean {
    if (this.failures < this.threshold) return true;
    if (this.now() < this.openUntil || this.trialUnderWay) return false;
    this.trialUnderWay = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.trialUnderWay = false;
  }

  failed(): void {
    this.failures += 1;
    this.trialUnderWay = false;
    if (this.failures >= this.threshold) this.openUntil = this.now() + this.coolDownMs;
  }
}
