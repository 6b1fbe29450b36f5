import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A Global Privacy Control signal that met an explicit grant.' })
export class GpcConflict {
  @Field(() => String) purpose: string;
  @Field(() => String, { description: 'GPC_HONORED: an earlier grant was turned off. EXPLAINED: shown before a new grant.' })
  resolution: string;
  @Field(() => String, { nullable: true, description: 'When the overridden grant was made.' }) grantedAt: string | null;
  @Field(() => String) detectedAt: string;
  @Field(() => String) explanation: string;
}

@ObjectType({ description: 'Whether Global Privacy Control is recorded for the customer, and its conflicts.' })
export class GpcStatus {
  @Field(() => Boolean, { description: 'A GPC signal is on record and honored: no sale/share, no marketing unless chosen after a conflict.' })
  honored: boolean;
  @Field(() => String, { nullable: true, description: 'When the signal was first recorded.' }) since: string | null;
  @Field(() => Boolean, { description: 'This very request carried `Sec-GPC: 1`: the browser sends the signal now.' }) sentNow: boolean;
  @Field(() => [String]) deniedPurposes: string[];
  @Field(() => [GpcConflict]) conflicts: GpcConflict[];
}
