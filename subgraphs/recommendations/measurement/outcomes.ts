import type { AttributedExposure } from './attribution.js';

/** What a set of shown items led to. */
export interface Outcome {
  exposures: number;
  clicks: number;
  addToCarts: number;
  purchases: number;
  revenue: number;
  clickThroughRate: number;
  /** Purchases per item shown. */
  purchasesPerExposure: number;
}

export function outcomeOf(exposures: readonly AttributedExposure[]): Outcome {
  const clicks = exposures.filter((e) => e.clicked).length;
  const purchases = exposures.reduce((s, e) => s + e.purchases, 0);
  return {
    exposures: exposures.length,
    clicks,
    addToCarts: exposures.filter((e) => e.addedToCart).length,
    purchases,
    revenue: exposures.reduce((s, e) => s + e.revenue, 0),
    clickThroughRate: exposures.length === 0 ? 0 : clicks / exposures.length,
    purchasesPerExposure: exposures.length === 0 ? 0 : purchases / exposures.length,
  };
}
