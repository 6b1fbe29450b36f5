import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'One consent decision: grant or withdraw a purpose.' })
export class ConsentChangeInput {
  @Field(() => String) purpose: string;
  @Field(() => Boolean) granted: boolean;
  @Field(() => Int, { description: 'The notice version the customer read. Needed to grant; ignored when withdrawing.' })
  noticeVersion: number;
  @Field(() => String, { nullable: true, description: 'Optional ISO 8601 time after which a grant lapses.' })
  expiresAt?: string | null;
}
