/** One customer's share of a metric that is a ratio of sums (clicks / exposures, revenue / 1, …). */
export interface Unit {
  numerator: number;
  denominator: number;
}

export interface LiftEstimate {
  /** The metric's value in each group: Σ numerator / Σ denominator. */
  personalized: number;
  holdout: number;
  /** personalized / holdout − 1, with its 95% interval; null when there is too little data. */
  lift: number | null;
  low: number | null;
  high: number | null;
  /** Why no lift is given, in words; null when it is. */
  tooLittleData: string | null;
}

/** Fewer customers than this in a group, or fewer customers with a non-zero outcome, gives no number. */
export const MIN_CUSTOMERS_PER_GROUP = 30;
export const MIN_CUSTOMERS_WITH_OUTCOME = 5;
const Z_95 = 1.959964;

/**
 * The relative lift of personalization over the holdout for a ratio metric, with a 95% interval
 * by the delta method on the log of the ratio of the two ratio estimators. The customer is the
 * unit (a customer's exposures are not independent), so each group's variance is the
 * linearized one: n/(n−1) · Σ(yᵢ − R·dᵢ)² / (Σd)².
 */
export function liftOf(personalized: readonly Unit[], holdout: readonly Unit[], outcome: string): LiftEstimate {
  const p = ratioOf(personalized);
  const h = ratioOf(holdout);
  const shortage = shortageOf('personalized', personalized, outcome) ?? shortageOf('holdout', holdout, outcome);
  if (shortage) return { personalized: p.ratio, holdout: h.ratio, lift: null, low: null, high: null, tooLittleData: shortage };
  const ratio = p.ratio / h.ratio;
  const se = Math.sqrt(p.variance / p.ratio ** 2 + h.variance / h.ratio ** 2);
  return {
    personalized: p.ratio,
    holdout: h.ratio,
    lift: ratio - 1,
    low: ratio * Math.exp(-Z_95 * se) - 1,
    high: ratio * Math.exp(Z_95 * se) - 1,
    tooLittleData: null,
  };
}

function ratioOf(units: readonly Unit[]): { ratio: number; variance: number } {
  const n = units.length;
  const sumY = units.reduce((s, u) => s + u.numerator, 0);
  const sumD = units.reduce((s, u) => s + u.denominator, 0);
  if (n < 2 || sumD === 0) return { ratio: sumD === 0 ? 0 : sumY / sumD, variance: 0 };
  const ratio = sumY / sumD;
  const squares = units.reduce((s, u) => s + (u.numerator - ratio * u.denominator) ** 2, 0);
  return { ratio, variance: (n / (n - 1)) * (squares / sumD ** 2) };
}

function shortageOf(group: string, units: readonly Unit[], outcome: string): string | null {
  if (units.length < MIN_CUSTOMERS_PER_GROUP)
    return `Too little data: the ${group} group has ${units.length} customers in this window; at least ${MIN_CUSTOMERS_PER_GROUP} are needed.`;
  const withOutcome = units.filter((u) => u.numerator > 0).length;
  if (withOutcome < MIN_CUSTOMERS_WITH_OUTCOME)
    return `Too little data: ${withOutcome} customers in the ${group} group ${outcome}; at least ${MIN_CUSTOMERS_WITH_OUTCOME} are needed.`;
  return null;
}
