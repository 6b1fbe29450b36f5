import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Recommendation, Slot, Surface } from './recommendation.types.js';

@ObjectType({ description: 'The known / adjacent / wildcard shares a list was filled with, and the per-category cap.' })
export class SlotPolicy {
  @Field(() => Float) known: number;
  @Field(() => Float) adjacent: number;
  @Field(() => Float) wildcard: number;
  @Field(() => Float) maxCategoryShare: number;
}

@ObjectType()
export class PurposeCount {
  @Field(() => String) purpose: string;
  @Field(() => Int) count: number;
}

@ObjectType()
export class SlotCount {
  @Field(() => Slot) slot: Slot;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'What kind of context a decision had. The context itself (page, device, items viewed) is never stored.' })
export class DecisionContext {
  @Field(() => Surface) surface: Surface;
  @Field(() => Boolean) pageCategoryGiven: boolean;
  @Field(() => Int) sessionItemCount: number;
}

@ObjectType({ description: 'What a decision used: signal counts per purpose (no raw signals), context, candidates, overrides.' })
export class DecisionInputs {
  @Field(() => [PurposeCount]) signalsUsed: PurposeCount[];
  @Field(() => DecisionContext) context: DecisionContext;
  @Field(() => Int) candidatesConsidered: number;
  @Field(() => [SlotCount]) candidatesPerSlot: SlotCount[];
  @Field(() => [ID], { description: 'Merchandising overrides in force at the time.' }) overrideIds: string[];
}

@ObjectType({ description: 'One logged decision: everything needed to see how a list came about.' })
export class Decision {
  @Field(() => ID) decisionId: string;
  @Field(() => Surface) surface: Surface;
  @Field(() => String) createdAt: string;
  @Field(() => String) modelVersion: string;
  @Field(() => Boolean) holdout: boolean;
  @Field(() => Boolean) personalized: boolean;
  @Field(() => SlotPolicy) policy: SlotPolicy;
  @Field(() => DecisionInputs) inputs: DecisionInputs;
  @Field(() => [Recommendation]) items: Recommendation[];
}
