import { describe, expect, it } from 'vitest';
import { Resamples } from '../../scripts/eval/bootstrap.js';
import { evaluate, ROWS, type Row } from '../../scripts/eval/evaluate.js';
import { generatePlanted } from '../../scripts/eval/planted.js';

const CONSENTED = ['stated only', 'stated + behavioral', 'all purposes'];

/**
 * What personalization must deliver on data with planted tastes: every consent level beats the
 * contextual list on the same customers and request context by more than the uncertainty of the
 * gain (paired bootstrap over customers), and sharing more never makes the list worse beyond it.
 * Returns what does not hold, so a build without personalization can be shown to fail it.
 */
function personalizationFailures(rows: Row[]): string[] {
  const failures: string[] = [];
  const row = (name: string) => rows.find((r) => r.name === name)!;
  for (const name of CONSENTED) {
    // "Beats by more than its interval": the gain's own (paired) 95% interval lies above zero.
    const gain = row(name).vsContextual!.ndcg;
    if (gain.low <= 0) failures.push(`${name}: gain over contextual ${gain.mean.toFixed(4)} [${gain.low.toFixed(4)}, ${gain.high.toFixed(4)}]`);
  }
  const resamples = new Resamples(row('contextual').ndcgPerCustomer.length, 500, 1);
  for (const [lower, higher] of [
    ['stated only', 'stated + behavioral'],
    ['stated + behavioral', 'all purposes'],
  ]) {
    const step = resamples.difference(row(higher).ndcgPerCustomer, row(lower).ndcgPerCustomer);
    if (step.high < 0) failures.push(`${higher} is worse than ${lower}: ${step.mean.toFixed(4)} [${step.low.toFixed(4)}, ${step.high.toFixed(4)}]`);
    // Browsing is the richest of the customer's data: gating it away alone must show too.
    if (higher === 'stated + behavioral' && step.low <= 0)
      failures.push(
        `${higher}: no gain over ${lower} beyond the interval: ${step.mean.toFixed(4)} [${step.low.toFixed(4)}, ${step.high.toFixed(4)}]`,
      );
  }
  return failures;
}

describe('personalization earns consent, on planted data (seed 3: neither the tuning seed nor the reported one)', () => {
  const planted = generatePlanted({ seed: 3, items: 2000, customers: 1000 });

  it('each consented row beats contextual by more than its interval, and the rows are monotone by consent level', () => {
    const { rows, customers } = evaluate(planted, { resamples: 500 });
    expect(customers).toBeGreaterThan(900);
    expect(personalizationFailures(rows)).toEqual([]);
  }, 120_000);

  it('the same checks fail when the customer’s signals are gated away (every row served as if nothing were granted)', () => {
    const gatedAway = ROWS.map((r) => (r.granted === null ? r : { ...r, granted: [] }));
    const { rows } = evaluate(planted, { rows: gatedAway, resamples: 500 });
    const failures = personalizationFailures(rows);
    for (const name of CONSENTED) expect(failures.some((f) => f.startsWith(`${name}:`))).toBe(true);
  }, 120_000);
});
