import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Surface } from './recommendation.types.js';

export enum OverrideKind {
  PIN = 'PIN',
  BOOST = 'BOOST',
}
registerEnumType(OverrideKind, { name: 'OverrideKind', description: 'PIN places an item at a position; BOOST adds to its score.' });

export enum OverrideReason {
  NEW_MARKET = 'NEW_MARKET',
  NOVEL_PRODUCT = 'NOVEL_PRODUCT',
  ETHICAL = 'ETHICAL',
  COMMERCIAL = 'COMMERCIAL',
}
registerEnumType(OverrideReason, { name: 'OverrideReason' });

@InputType()
export class OverrideInput {
  @Field(() => OverrideKind) kind: OverrideKind;
  @Field(() => ID) itemId: string;
  @Field(() => Surface, { nullable: true, description: 'Only on this surface; every surface when absent.' }) surface?: Surface | null;
  @Field(() => Int, { nullable: true, description: 'PIN: the place in the list, 1 to 50.' }) position?: number | null;
  @Field(() => Float, { nullable: true, description: 'BOOST: added to the score, above 0 and at most 5.' }) boost?: number | null;
  @Field(() => OverrideReason) reasonCategory: OverrideReason;
  @Field(() => String, { description: 'Why, in 10 to 1000 characters; kept in the override log.' }) justification: string;
  @Field(() => String) startsAt: string;
  @Field(() => String) endsAt: string;
}

@ObjectType({ description: 'A pin or boost in the override log. Items it places are marked PROMOTED.' })
export class Override {
  @Field(() => ID) id: string;
  @Field(() => OverrideKind) kind: OverrideKind;
  @Field(() => ID) itemId: string;
  @Field(() => Surface, { nullable: true }) surface: Surface | null;
  @Field(() => Int, { nullable: true }) position: number | null;
  @Field(() => Float, { nullable: true }) boost: number | null;
  @Field(() => String) author: string;
  @Field(() => OverrideReason) reasonCategory: OverrideReason;
  @Field(() => String) justification: string;
  @Field(() => String) startsAt: string;
  @Field(() => String) endsAt: string;
  @Field(() => String) createdAt: string;
  @Field(() => String, { nullable: true }) endedAt: string | null;
  @Field(() => String, { nullable: true }) endedBy: string | null;
}
