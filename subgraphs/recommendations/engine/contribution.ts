import type { ContributionSource } from '../../shared/contribution.types.js';
import type { ContributionValue } from './types.js';

/** Scores and weights carry four decimals, so sums reproduce exactly what was logged. */
export function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** A contribution that used no personal data (context, popularity, exploration, promotion). */
export function nonPersonal(source: ContributionSource, weight: number, evidence: string[], label: string): ContributionValue {
  return { source, weight: round(weight), purpose: null, noticeVersion: null, evidence, label };
}

export function sumOf(contributions: ContributionValue[]): number {
  let sum = 0;
  for (const c of contributions) sum += c.weight;
  return round(sum);
}
