import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Contribution, ContributionSource } from '../../shared/contribution.types.js';

export enum ControlAction {
  WITHDRAW_PURPOSE = 'WITHDRAW_PURPOSE',
  DISLIKE_CATEGORY = 'DISLIKE_CATEGORY',
  HIDE_ITEM = 'HIDE_ITEM',
  EDIT_PREFERENCE = 'EDIT_PREFERENCE',
}
registerEnumType(ControlAction, { name: 'ControlAction' });

@ObjectType({ description: 'Which of your data a reason used, and the consent that allowed it.' })
export class DataUse {
  @Field(() => String) category: string;
  @Field(() => String, { nullable: true, description: 'Null when none of your personal data was used.' }) purpose: string | null;
  @Field(() => Int, { nullable: true }) noticeVersion: number | null;
}

@ObjectType()
export class Reason {
  @Field(() => ContributionSource) kind: ContributionSource;
  @Field(() => String) text: string;
  @Field(() => Float, { description: 'Its part of the score; the weights of all reasons add up to the score.' }) weight: number;
  @Field(() => [DataUse]) dataUsed: DataUse[];
  @Field(() => [String]) evidence: string[];
}

@ObjectType({ description: 'Something you can do about a reason.' })
export class Control {
  @Field(() => ControlAction) action: ControlAction;
  @Field(() => String, { nullable: true }) purpose: string | null;
  @Field(() => String, { nullable: true, description: 'The item, category or preference id it acts on.' }) target: string | null;
  @Field(() => String) label: string;
}

@ObjectType()
export class Explanation {
  @Field(() => String) summary: string;
  @Field(() => [Reason]) reasons: Reason[];
  @Field(() => [Control]) controls: Control[];
}

@Directive(`@key(fields: "decisionId itemId")`)
@ObjectType()
export class Recommendation {
  @Field(() => ID) decisionId: string;
  @Field(() => ID) itemId: string;

  @Directive('@external')
  @Field(() => String)
  category: string;

  @Directive('@external')
  @Field(() => [Contribution])
  contributions: Contribution[];

  @Directive('@external')
  @Field(() => Int, { nullable: true })
  consentVersion: number | null;
}
