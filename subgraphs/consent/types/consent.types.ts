import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ConsentStatus {
  GRANTED = 'GRANTED',
  DENIED = 'DENIED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ConsentStatus, { name: 'ConsentStatus', description: 'A ledger decision, or the current state it leads to.' });

@ObjectType({ description: 'One version of the plain-language notice for a purpose.' })
export class Notice {
  @Field(() => String) purpose: string;
  @Field(() => Int) version: number;
  @Field(() => String) title: string;
  @Field(() => String) text: string;
  @Field(() => String, { description: 'ISO 8601 time from which this version applies.' }) effectiveAt: string;
  @Field(() => Boolean, { description: 'A material change needs the customer to agree again.' }) material: boolean;
  @Field(() => [String]) dataCategories: string[];
  @Field(() => Int) retentionDays: number;
}

@ObjectType({ description: 'A purpose we may ask consent for, with its current notice.' })
export class PurposeInfo {
  @Field(() => ID) id: string;
  @Field(() => Boolean, { description: 'Always on and never used for personalization.' }) alwaysOn: boolean;
  @Field(() => Notice) notice: Notice;
  @Field(() => [Notice], { description: 'Every version in effect so far, oldest first.' }) versions: Notice[];
}

@ObjectType({ description: "A customer's current consent for one purpose, derived from the ledger." })
export class Consent {
  @Field(() => String) purpose: string;
  @Field(() => Boolean) granted: boolean;
  @Field(() => ConsentStatus, { nullable: true, description: 'Null when the customer was never asked.' })
  status: ConsentStatus | null;
  @Field(() => Int, { nullable: true, description: 'The notice version the latest decision was made on.' })
  noticeVersion: number | null;
  @Field(() => Int) currentNoticeVersion: number;
  @Field(() => Boolean, { description: 'The notice changed materially since the grant: it no longer counts.' })
  needsReconsent: boolean;
  @Field(() => String, { nullable: true }) decidedAt: string | null;
  @Field(() => String, { nullable: true }) expiresAt: string | null;
  /** The latest decision behind this state; its receipt is a field of its own. */
  decisionId: string | null;
}

@ObjectType({ description: 'One entry of the append-only consent ledger.' })
export class ConsentEvent {
  @Field(() => ID) decisionId: string;
  @Field(() => Int) seq: number;
  @Field(() => String) purpose: string;
  @Field(() => Int) noticeVersion: number;
  @Field(() => ConsentStatus) status: ConsentStatus;
  @Field(() => String) method: string;
  @Field(() => String) origin: string;
  @Field(() => String) occurredAt: string;
  @Field(() => String, { nullable: true }) expiresAt: string | null;
  @Field(() => String) prevHash: string;
  @Field(() => String) hash: string;
}

@ObjectType()
export class ConsentEventPage {
  @Field(() => [ConsentEvent]) events: ConsentEvent[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null at the end.' })
  endCursor: string | null;
  @Field(() => Boolean) hasNextPage: boolean;
}

@Directive(`@key(fields: "id")`)
@ObjectType({ description: 'A customer account. Each subgraph adds what it holds about them.' })
export class Customer {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) displayName?: string | null;
}
