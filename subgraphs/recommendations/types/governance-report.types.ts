import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConsentLevelLift } from './experiment-report.types.js';
import { Override } from './override.types.js';
import { Slot } from './recommendation.types.js';

@ObjectType({ description: 'What a set of shown items led to (clicks and conversions attributed within the window).' })
export class Outcome {
  @Field(() => Int) exposures: number;
  @Field(() => Int) clicks: number;
  @Field(() => Int) addToCarts: number;
  @Field(() => Int) purchases: number;
  @Field(() => Float) revenue: number;
  @Field(() => Float) clickThroughRate: number;
  @Field(() => Float, { description: 'Purchases per item shown.' }) purchasesPerExposure: number;
}

@ObjectType({ description: 'One override: who, why, when, and what it led to against what it displaced.' })
export class OverrideAccount {
  @Field(() => Override) override: Override;
  @Field(() => Outcome, { description: 'The items it placed or boosted.' }) promoted: Outcome;
  @Field(() => Outcome, {
    description: 'In the same lists, the organic item right below each promoted one: where a pin pushes the item it displaced.',
  })
  displaced: Outcome;
}

@ObjectType()
export class OverrideReport {
  @Field(() => String) from: string;
  @Field(() => String) to: string;
  @Field(() => Int) attributionWindowHours: number;
  @Field(() => String) currency: string;
  @Field(() => [OverrideAccount], { description: 'Every override in force at some time in the window, newest first.' }) overrides: OverrideAccount[];
}

@ObjectType({ description: 'One slot kind over the window: its share of the items shown and what they led to.' })
export class SlotShare extends Outcome {
  @Field(() => Slot) slot: Slot;
  @Field(() => Float, { description: 'Of all items shown.' }) share: number;
}

@ObjectType({ description: 'An item customers are satisfied with (repeat purchases, high ratings, few dismissals) that is rarely shown.' })
export class BlindSpot {
  @Field(() => ID) itemId: string;
  @Field(() => String) title: string;
  @Field(() => String) category: string;
  @Field(() => Int) repeatBuyers: number;
  @Field(() => Int) highRatings: number;
  @Field(() => Int) dismissals: number;
  @Field(() => Int, { description: 'repeatBuyers + highRatings − dismissals.' }) satisfaction: number;
  @Field(() => Int) exposures: number;
}

@ObjectType()
export class SegmentGap {
  @Field(() => String, { description: 'A consent level: the customer segments the decision log knows.' }) segment: string;
  @Field(() => Int) customers: number;
  @Field(() => [String]) categoriesNeverShown: string[];
}

@ObjectType({ description: 'Where the recommender is blind, over lists decided in [from, to).' })
export class DiscoveryAudit {
  @Field(() => String) from: string;
  @Field(() => String) to: string;
  @Field(() => Int) attributionWindowHours: number;
  @Field(() => String) currency: string;
  @Field(() => Int) catalogSize: number;
  @Field(() => Int) itemsShown: number;
  @Field(() => Float, { description: 'itemsShown / catalogSize.' }) coverage: number;
  @Field(() => [SlotShare]) slots: SlotShare[];
  @Field(() => [BlindSpot]) blindSpots: BlindSpot[];
  @Field(() => [SegmentGap]) neverShown: SegmentGap[];
  @Field(() => [ConsentLevelLift], {
    description: 'Segments where the holdout converts better than personalization; the lift says whether beyond chance.',
  })
  holdoutConvertsBetter: ConsentLevelLift[];
}
