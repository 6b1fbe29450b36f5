import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TAGGED_SIGNAL_SELECTION, TaggedSignal } from '../../shared/signal.types.js';

export enum PreferenceKind {
  CATEGORY = 'CATEGORY',
  BRAND = 'BRAND',
  ATTRIBUTE = 'ATTRIBUTE',
  PRICE_RANGE = 'PRICE_RANGE',
}
registerEnumType(PreferenceKind, { name: 'PreferenceKind' });

export enum Sentiment {
  LIKE = 'LIKE',
  DISLIKE = 'DISLIKE',
  NEVER = 'NEVER',
}
registerEnumType(Sentiment, { name: 'Sentiment', description: 'NEVER hides matching items everywhere, promotions included.' });

export enum EventType {
  VIEW = 'VIEW',
  ADD_TO_CART = 'ADD_TO_CART',
  PURCHASE = 'PURCHASE',
  SEARCH = 'SEARCH',
  DISMISS = 'DISMISS',
  RATING = 'RATING',
}
registerEnumType(EventType, { name: 'EventType' });

@ObjectType()
export class StatedPreference {
  @Field(() => ID) id: string;
  @Field(() => PreferenceKind) kind: PreferenceKind;
  @Field(() => String) value: string;
  @Field(() => Sentiment) sentiment: Sentiment;
  @Field(() => Float) weight: number;
  @Field(() => Int) noticeVersion: number;
  @Field(() => String) updatedAt: string;
}

@ObjectType()
export class WithheldSignals {
  @Field(() => String) purpose: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'What we use about you right now, and what we hold but do not use.' })
export class SignalSummary {
  @Field(() => [TaggedSignal]) used: TaggedSignal[];
  @Field(() => [WithheldSignals]) withheld: WithheldSignals[];
}

@Directive(`@key(fields: "id")`)
@ObjectType()
export class Customer {
  @Field(() => ID) id: string;

  @Directive('@external')
  @Field(() => [String])
  grantedPurposes: string[];
}

@InputType()
export class StatedPreferenceInput {
  @Field(() => PreferenceKind) kind: PreferenceKind;
  @Field(() => String) value: string;
  @Field(() => Sentiment) sentiment: Sentiment;
  @Field(() => Float, { nullable: true, description: 'How strongly, above 0 and up to 5; default 1.' }) weight?: number | null;
}

@InputType()
export class EventInput {
  @Field(() => String, { description: 'Your id for this event; sending it again is harmless.' }) clientEventId: string;
  @Field(() => EventType) type: EventType;
  @Field(() => String, { nullable: true }) itemId?: string | null;
  @Field(() => String, { nullable: true, description: 'Search text, or "1"–"5" for a rating.' }) value?: string | null;
  @Field(() => String) channel: string;
  @Field(() => String, { nullable: true, description: 'The shop locale it happened in, e.g. "de-DE" (optional).' }) locale?: string | null;
  @Field(() => String, { description: 'A registered first-party source, e.g. "web-shop".' }) source: string;
  @Field(() => String) occurredAt: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The recommendation list the item was shown in (its decisionId), so clicks and purchases can be attributed.',
  })
  decisionId?: string | null;
}

@ObjectType()
export class RejectedEvent {
  @Field(() => String) clientEventId: string;
  @Field(() => String) reason: string;
}

@ObjectType()
export class IngestResult {
  @Field(() => Int) accepted: number;
  @Field(() => Int) duplicates: number;
  @Field(() => Int, { description: 'Valid but not stored, because their purpose is not granted.' }) dropped: number;
  @Field(() => [String]) droppedPurposes: string[];
  @Field(() => [RejectedEvent]) rejected: RejectedEvent[];
}

export const STORED_SIGNALS_REQUIRES = `storedSignals { ${TAGGED_SIGNAL_SELECTION} }`;
