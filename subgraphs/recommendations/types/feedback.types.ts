import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum DismissReason {
  NOT_INTERESTED = 'NOT_INTERESTED',
  ALREADY_OWN = 'ALREADY_OWN',
  SEEN_TOO_OFTEN = 'SEEN_TOO_OFTEN',
  NOT_FOR_ME = 'NOT_FOR_ME',
  OTHER = 'OTHER',
}
registerEnumType(DismissReason, { name: 'DismissReason' });

@ObjectType()
export class DismissalResult {
  @Field(() => ID) decisionId: string;
  @Field(() => ID) itemId: string;
  @Field(() => DismissReason) reason: DismissReason;
  @Field(() => String) message: string;
}

@ObjectType()
export class DismissalUndone {
  @Field(() => ID) decisionId: string;
  @Field(() => ID) itemId: string;
  @Field(() => String) message: string;
}

@Directive('@inaccessible')
@InputType({ description: 'Internal: one interaction forwarded by profile for model training.' })
export class TrainingInteractionInput {
  @Field(() => String) clientEventId: string;
  @Field(() => ID) itemId: string;
  @Field(() => String) channel: string;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => String, { description: 'The purpose its event was collected under.' }) purpose: string;
  @Field(() => String) occurredAt: string;
}
