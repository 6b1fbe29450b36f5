import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

/**
 * The compact, minimized, purpose-tagged signal of SPEC §3. Owned by the profile subgraph and
 * handed to recommendations through `@requires`; declared once here so both agree exactly.
 */
export enum SignalKind {
  LIKE_CATEGORY = 'LIKE_CATEGORY',
  LIKE_BRAND = 'LIKE_BRAND',
  LIKE_ATTRIBUTE = 'LIKE_ATTRIBUTE',
  LIKE_PRICE_RANGE = 'LIKE_PRICE_RANGE',
  DISLIKE_CATEGORY = 'DISLIKE_CATEGORY',
  DISLIKE_BRAND = 'DISLIKE_BRAND',
  DISLIKE_ATTRIBUTE = 'DISLIKE_ATTRIBUTE',
  DISLIKE_PRICE_RANGE = 'DISLIKE_PRICE_RANGE',
  NEVER_CATEGORY = 'NEVER_CATEGORY',
  NEVER_BRAND = 'NEVER_BRAND',
  NEVER_ATTRIBUTE = 'NEVER_ATTRIBUTE',
  NEVER_PRICE_RANGE = 'NEVER_PRICE_RANGE',
  VIEWED_ITEM = 'VIEWED_ITEM',
  CARTED_ITEM = 'CARTED_ITEM',
  PURCHASED_ITEM = 'PURCHASED_ITEM',
  SEARCHED = 'SEARCHED',
  DISMISSED_ITEM = 'DISMISSED_ITEM',
  RATED_ITEM = 'RATED_ITEM',
}
registerEnumType(SignalKind, { name: 'SignalKind' });

@Directive('@shareable')
@ObjectType({ description: 'One purpose-tagged signal: what it is, how strong now, and which consent allowed it.' })
export class TaggedSignal {
  @Field(() => SignalKind) kind: SignalKind;
  @Field(() => String, { description: 'A category, brand, attribute, price range, item id or search text.' })
  value: string;
  @Field(() => Float, { description: 'Strength after recency decay.' }) weight: number;
  @Field(() => String, { description: 'When it last happened (ISO 8601).' }) occurredAt: string;
  @Field(() => String) purpose: string;
  @Field(() => Int) noticeVersion: number;
  @Field(() => String, { nullable: true, description: 'The stated preference id it comes from, if any.' })
  evidenceId?: string | null;
}

/** The selection `@requires` asks for: every field of TaggedSignal. */
export const TAGGED_SIGNAL_SELECTION = 'kind value weight occurredAt purpose noticeVersion evidenceId';
