import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'One consent decision: grant or withdraw a purpose.' })
export class ConsentChangeInput {
  @Field(() => String) purpose: string;
  @Field(() => Boolean) granted: boolean;
  @Field(() => Int, { nullable: true, description: 'The notice version the customer read. Needed to grant; not needed to withdraw.' })
  noticeVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'Optional ISO 8601 time after which a grant lapses.' })
  expiresAt?: string | null;
}

@InputType({ description: 'A new version of a purpose notice.' })
export class NoticeVersionInput {
  @Field(() => String) purpose: string;
  @Field(() => String) title: string;
  @Field(() => String) text: string;
  @Field(() => Boolean, { description: 'Material: earlier grants stop counting until the customer agrees again.' }) material: boolean;
  @Field(() => [String], { nullable: true, description: 'Defaults to the previous version’s.' }) dataCategories?: string[] | null;
  @Field(() => Int, { nullable: true }) retentionDays?: number | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601; defaults to now.' }) effectiveAt?: string | null;
}
