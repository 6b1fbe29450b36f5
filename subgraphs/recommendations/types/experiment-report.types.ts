import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Slot, Surface } from './recommendation.types.js';

export enum ExperimentGroup {
  PERSONALIZED = 'PERSONALIZED',
  HOLDOUT = 'HOLDOUT',
}
registerEnumType(ExperimentGroup, {
  name: 'ExperimentGroup',
  description: 'By the holdout assignment (a hash of the customer id), whatever the list could use.',
});

export enum LiftMetric {
  CLICK_THROUGH = 'CLICK_THROUGH',
  CONVERSION = 'CONVERSION',
  REVENUE_PER_CUSTOMER = 'REVENUE_PER_CUSTOMER',
}
registerEnumType(LiftMetric, { name: 'LiftMetric' });

@ObjectType({ description: 'One group over the window. Clicks and conversions are those attributed to its lists.' })
export class ExperimentGroupSummary {
  @Field(() => ExperimentGroup) group: ExperimentGroup;
  @Field(() => Int) customers: number;
  @Field(() => Int, { description: 'Items shown.' }) exposures: number;
  @Field(() => Int, { description: 'Items shown that were clicked (a VIEW naming the list) within the attribution window.' }) clicks: number;
  @Field(() => Float) clickThroughRate: number;
  @Field(() => Int) addToCarts: number;
  @Field(() => Int) purchases: number;
  @Field(() => Int, { description: 'Customers with at least one attributed purchase.' }) customersPurchasing: number;
  @Field(() => Float, { description: 'Attributed purchases per item shown.' }) conversionRate: number;
  @Field(() => Float) revenue: number;
  @Field(() => Float) revenuePerCustomer: number;
}

@ObjectType({ description: 'personalized / holdout − 1 with its 95% interval, or in words why there is too little data for a number.' })
export class MetricLift {
  @Field(() => LiftMetric) metric: LiftMetric;
  @Field(() => Float) personalized: number;
  @Field(() => Float) holdout: number;
  @Field(() => Float, { nullable: true }) lift: number | null;
  @Field(() => Float, { nullable: true }) low: number | null;
  @Field(() => Float, { nullable: true }) high: number | null;
  @Field(() => String, { nullable: true }) tooLittleData: string | null;
}

@ObjectType({ description: 'Lift among customers with the same personalization grants (as of their latest list in the window).' })
export class ConsentLevelLift {
  @Field(() => String, { description: '"none", or the granted purposes joined by "+", e.g. "stated+behavioral".' }) consentLevel: string;
  @Field(() => Int) personalizedCustomers: number;
  @Field(() => Int) holdoutCustomers: number;
  @Field(() => [MetricLift]) lift: MetricLift[];
}

@ObjectType({ description: 'Attribution per surface, slot kind and group.' })
export class AttributionRow {
  @Field(() => Surface) surface: Surface;
  @Field(() => Slot) slot: Slot;
  @Field(() => ExperimentGroup) group: ExperimentGroup;
  @Field(() => Int) exposures: number;
  @Field(() => Int) clicks: number;
  @Field(() => Int) addToCarts: number;
  @Field(() => Int) purchases: number;
  @Field(() => Float) revenue: number;
}

@ObjectType({
  description: 'Personalization against the holdout over a window: lists decided in [from, to), outcomes within the attribution window after each.',
})
export class ExperimentReport {
  @Field(() => String) from: string;
  @Field(() => String) to: string;
  @Field(() => Int) attributionWindowHours: number;
  @Field(() => String) currency: string;
  @Field(() => [ExperimentGroupSummary]) groups: ExperimentGroupSummary[];
  @Field(() => [MetricLift]) lift: MetricLift[];
  @Field(() => [ConsentLevelLift]) liftByConsentLevel: ConsentLevelLift[];
  @Field(() => [AttributionRow]) bySurfaceAndSlot: AttributionRow[];
}
