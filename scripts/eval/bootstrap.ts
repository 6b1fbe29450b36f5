import { seededRandom } from '../demo/random.js';

/** A mean with its 95% percentile-bootstrap interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/**
 * Resamples of the customers (with replacement), drawn once and shared by every row, so two rows
 * are compared on the same resampled customers (a paired bootstrap).
 */
export class Resamples {
  readonly draws: Uint32Array[];

  constructor(
    readonly customers: number,
    count: number,
    seed: number,
  ) {
    const random = seededRandom(seed);
    this.draws = Array.from({ length: count }, () => Uint32Array.from({ length: customers }, () => Math.floor(random() * customers)));
  }

  /**
   * Any statistic of the customers, on all of them and on every resample. `centered`: for a
   * statistic of the set of customers (catalog coverage), which a resample with repeats
   * underestimates, the resamples' spread is placed around the value on all customers.
   */
  interval(statistic: (customers: ArrayLike<number>) => number, centered = false): Interval {
    const all = Uint32Array.from({ length: this.customers }, (_, i) => i);
    const mean = statistic(all);
    const values = this.draws.map(statistic).sort((a, b) => a - b);
    const shift = centered && values.length > 0 ? mean - values.reduce((s, v) => s + v, 0) / values.length : 0;
    const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))] + shift;
    return { mean, low: at(0.025), high: at(0.975) };
  }

  /** The mean of per-customer values. */
  mean(values: number[]): Interval {
    return this.interval((draw) => meanAt(values, draw));
  }

  /** The mean difference `a − b` of paired per-customer values. */
  difference(a: number[], b: number[]): Interval {
    const diff = a.map((v, i) => v - b[i]);
    return this.mean(diff);
  }

  /** mean(a) / mean(b) on the same customers. */
  ratio(a: number[], b: number[]): Interval {
    return this.interval((draw) => meanAt(a, draw) / (meanAt(b, draw) || Number.NaN));
  }
}

function meanAt(values: number[], draw: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < draw.length; i += 1) sum += values[draw[i]];
  return draw.length === 0 ? 0 : sum / draw.length;
}
