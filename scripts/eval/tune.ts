import { generateDemoData } from '../demo/generate.js';
import { TUNED_WEIGHTS, type Weights } from '../../subgraphs/recommendations/engine/weights.js';
import { demoDataset, type Dataset } from './dataset.js';
import { evaluate, ROWS } from './evaluate.js';
import { generatePlanted } from './planted.js';

/** Tuning sees a planted data set of another seed than the reported one (7), and only validation splits. */
const TUNING_SEED = 11;
const MIN_GAIN = 0.002;
/** Exploration buys discovery, which held-out accuracy cannot see (it would always switch it off): a policy, not tuned. */
const NOT_TUNED: (keyof Weights)[] = ['exploration'];

/**
 * Coordinate ascent over the source weights: each weight in turn is halved, doubled or switched
 * off (switched on at 0.25 or 1 when it is off), keeping a change only when the objective gains
 * more than MIN_GAIN. The objective: the mean NDCG@10 of the contextual and the three consented
 * rows, less twice any shortfall of a row below the row with less consent, relative to
 * contextual's NDCG@10 at the start, averaged over both data sets.
 */
export function tune(start: Weights = TUNED_WEIGHTS, passes = 1, from?: string): Weights {
  const datasets: Dataset[] = [demoDataset(generateDemoData()), generatePlanted({ seed: TUNING_SEED, items: 1000, customers: 500 })];
  const rows = ROWS.filter((r) => r.granted !== null);
  const ndcgs = (weights: Weights) =>
    datasets.map((d) => evaluate(d, { weights, rows, validation: true, resamples: 0 }).rows.map((r) => r.metrics.ndcg.mean));
  const scale = ndcgs(start).map((row) => row[0]);
  // Each consent level must add value: a row below the one with less consent costs twice its shortfall.
  const objective = (weights: Weights) => {
    const perDataset = ndcgs(weights).map((row, d) => {
      let shortfall = 0;
      for (let i = 1; i < row.length; i += 1) shortfall += Math.max(0, row[i - 1] - row[i]);
      return (row.reduce((s, v) => s + v, 0) / row.length - 2 * shortfall) / scale[d];
    });
    return perDataset.reduce((s, v) => s + v, 0) / perDataset.length;
  };
  let best = { ...start };
  let bestScore = objective(best);
  console.error(`start: ${bestScore.toFixed(4)}`);
  for (let pass = 0; pass < passes; pass += 1) {
    const keys = (Object.keys(best) as (keyof Weights)[]).filter((k) => !NOT_TUNED.includes(k));
    // `from`: resume a search at that weight (the first pass only).
    for (const key of pass === 0 && from && keys.includes(from as keyof Weights) ? keys.slice(keys.indexOf(from as keyof Weights)) : keys) {
      const current = best[key];
      for (const value of current > 0 ? [current * 0.5, current * 2, 0] : [0.25, 1]) {
        const trial = { ...best, [key]: Math.round(value * 1000) / 1000 };
        const score = objective(trial);
        console.error(`${key}=${trial[key]}: ${score.toFixed(4)}${score > bestScore + MIN_GAIN ? ' (kept)' : ''}`);
        if (score > bestScore + MIN_GAIN) {
          best = trial;
          bestScore = score;
        }
      }
    }
  }
  console.log(`// objective ${bestScore.toFixed(4)} (start 1 = contextual's NDCG@10)`);
  console.log(`export const TUNED_WEIGHTS: Weights = ${JSON.stringify(best, null, 2).replace(/"(\w+)":/g, '$1:')};`);
  return best;
}
