import type { Slot, Surface } from '../engine/types.js';
import type { AttributedExposure } from './attribution.js';
import { liftOf, type LiftEstimate, type Unit } from './lift.js';

export type ExperimentGroup = 'PERSONALIZED' | 'HOLDOUT';
export type LiftMetric = 'CLICK_THROUGH' | 'CONVERSION' | 'REVENUE_PER_CUSTOMER';

export interface GroupSummary {
  group: ExperimentGroup;
  customers: number;
  exposures: number;
  clicks: number;
  clickThroughRate: number;
  addToCarts: number;
  purchases: number;
  /** Customers with at least one attributed purchase. */
  customersPurchasing: number;
  /** Attributed purchases per item shown. */
  conversionRate: number;
  revenue: number;
  revenuePerCustomer: number;
}

export interface MetricLift extends LiftEstimate {
  metric: LiftMetric;
}

export interface ConsentLevelLift {
  consentLevel: string;
  personalizedCustomers: number;
  holdoutCustomers: number;
  lift: MetricLift[];
}

export interface AttributionRow {
  surface: Surface;
  slot: Slot;
  group: ExperimentGroup;
  exposures: number;
  clicks: number;
  addToCarts: number;
  purchases: number;
  revenue: number;
}

export interface ExperimentReport {
  groups: GroupSummary[];
  lift: MetricLift[];
  liftByConsentLevel: ConsentLevelLift[];
  bySurfaceAndSlot: AttributionRow[];
}

/** One customer's totals over the window. */
interface CustomerTotals {
  group: ExperimentGroup;
  /** Of their latest decision in the window. */
  consentLevel: string;
  exposures: number;
  clicks: number;
  addToCarts: number;
  purchases: number;
  revenue: number;
}

const GROUPS: ExperimentGroup[] = ['PERSONALIZED', 'HOLDOUT'];
const OUTCOME_WORDS: Record<LiftMetric, string> = {
  CLICK_THROUGH: 'clicked a recommendation',
  CONVERSION: 'bought a recommended item',
  REVENUE_PER_CUSTOMER: 'bought a recommended item',
};
const UNIT_OF: Record<LiftMetric, (c: CustomerTotals) => Unit> = {
  CLICK_THROUGH: (c) => ({ numerator: c.clicks, denominator: c.exposures }),
  // Per item shown, not per customer: over a month nearly every customer who may be counted buys something.
  CONVERSION: (c) => ({ numerator: c.purchases, denominator: c.exposures }),
  REVENUE_PER_CUSTOMER: (c) => ({ numerator: c.revenue, denominator: 1 }),
};

/**
 * Personalized against holdout. Customers are grouped by their holdout assignment (intention to
 * treat: the hash decides, not whether a list could be personalized), so both groups hold the same
 * mix of consent levels and the comparison stays fair; `exposures` are in time order.
 */
export function experimentReport(exposures: readonly AttributedExposure[], groupOf: (customerId: string) => ExperimentGroup): ExperimentReport {
  const customers = totalsPerCustomer(exposures, groupOf);
  const all = [...customers.values()];
  const levels = [...new Set(all.map((c) => c.consentLevel))].sort();
  return {
    groups: GROUPS.map((g) =>
      summarize(
        g,
        all.filter((c) => c.group === g),
      ),
    ),
    lift: liftsOf(all),
    liftByConsentLevel: levels.map((level) => {
      const inLevel = all.filter((c) => c.consentLevel === level);
      return {
        consentLevel: level,
        personalizedCustomers: inLevel.filter((c) => c.group === 'PERSONALIZED').length,
        holdoutCustomers: inLevel.filter((c) => c.group === 'HOLDOUT').length,
        lift: liftsOf(inLevel),
      };
    }),
    bySurfaceAndSlot: attributionRows(exposures, groupOf),
  };
}

function totalsPerCustomer(exposures: readonly AttributedExposure[], groupOf: (customerId: string) => ExperimentGroup): Map<string, CustomerTotals> {
  const customers = new Map<string, CustomerTotals>();
  for (const e of exposures) {
    let c = customers.get(e.customerId);
    if (!c) {
      c = { group: groupOf(e.customerId), consentLevel: e.consentLevel, exposures: 0, clicks: 0, addToCarts: 0, purchases: 0, revenue: 0 };
      customers.set(e.customerId, c);
    }
    c.consentLevel = e.consentLevel;
    c.exposures += 1;
    c.clicks += e.clicked ? 1 : 0;
    c.addToCarts += e.addedToCart ? 1 : 0;
    c.purchases += e.purchases;
    c.revenue += e.revenue;
  }
  return customers;
}

function summarize(group: ExperimentGroup, customers: CustomerTotals[]): GroupSummary {
  const sum = (f: (c: CustomerTotals) => number) => customers.reduce((s, c) => s + f(c), 0);
  const exposures = sum((c) => c.exposures);
  const clicks = sum((c) => c.clicks);
  const customersPurchasing = customers.filter((c) => c.purchases > 0).length;
  const revenue = sum((c) => c.revenue);
  return {
    group,
    customers: customers.length,
    exposures,
    clicks,
    clickThroughRate: exposures === 0 ? 0 : clicks / exposures,
    addToCarts: sum((c) => c.addToCarts),
    purchases: sum((c) => c.purchases),
    customersPurchasing,
    conversionRate: exposures === 0 ? 0 : sum((c) => c.purchases) / exposures,
    revenue,
    revenuePerCustomer: customers.length === 0 ? 0 : revenue / customers.length,
  };
}

function liftsOf(customers: CustomerTotals[]): MetricLift[] {
  return (Object.keys(UNIT_OF) as LiftMetric[]).map((metric) => {
    const units = (g: ExperimentGroup) => customers.filter((c) => c.group === g).map(UNIT_OF[metric]);
    return { metric, ...liftOf(units('PERSONALIZED'), units('HOLDOUT'), OUTCOME_WORDS[metric]) };
  });
}

function attributionRows(exposures: readonly AttributedExposure[], groupOf: (customerId: string) => ExperimentGroup): AttributionRow[] {
  const rows = new Map<string, AttributionRow>();
  for (const e of exposures) {
    const group = groupOf(e.customerId);
    const id = `${e.surface}|${e.slot}|${group}`;
    let row = rows.get(id);
    if (!row) {
      row = { surface: e.surface, slot: e.slot, group, exposures: 0, clicks: 0, addToCarts: 0, purchases: 0, revenue: 0 };
      rows.set(id, row);
    }
    row.exposures += 1;
    row.clicks += e.clicked ? 1 : 0;
    row.addToCarts += e.addedToCart ? 1 : 0;
    row.purchases += e.purchases;
    row.revenue += e.revenue;
  }
  return [...rows.values()].sort((a, b) => `${a.surface}|${a.slot}|${a.group}`.localeCompare(`${b.surface}|${b.slot}|${b.group}`));
}
