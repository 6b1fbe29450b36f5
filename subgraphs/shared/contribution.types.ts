import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Where a part of a score came from; also the reason kinds of an explanation (SPEC §7). */
export enum ContributionSource {
  STATED_PREFERENCE = 'STATED_PREFERENCE',
  PURCHASE_HISTORY = 'PURCHASE_HISTORY',
  BROWSING = 'BROWSING',
  SIMILAR_CUSTOMERS = 'SIMILAR_CUSTOMERS',
  TRENDING = 'TRENDING',
  CONTEXT = 'CONTEXT',
  EXPLORATION = 'EXPLORATION',
  PROMOTED = 'PROMOTED',
  HOLDOUT = 'HOLDOUT',
}
registerEnumType(ContributionSource, { name: 'ContributionSource' });

/**
 * One additive part of a recommendation's score, tied to the signal source, the purpose and notice
 * version that allowed it (null purpose: no personal data was used) and the evidence.
 * Produced by recommendations, rendered by explanations through `@requires`.
 */
@Directive('@shareable')
@ObjectType()
export class Contribution {
  @Field(() => ContributionSource) source: ContributionSource;
  @Field(() => Float) weight: number;
  @Field(() => String, { nullable: true }) purpose: string | null;
  @Field(() => Int, { nullable: true }) noticeVersion: number | null;
  @Field(() => [String], { description: 'Preference ids, item ids or categories behind it.' }) evidence: string[];
  @Field(() => String, { description: 'What it is about, in words: a category, a brand, an item title.' }) label: string;
}

/**
 * Request context (page, device, items viewed this visit) is used per request and never stored
 * (SPEC §5). Stored copies of a decision keep a context contribution's weight, so scores still add
 * up, but not what the context was.
 */
export function withoutRequestContext<T extends { source: ContributionSource; purpose: string | null; evidence: string[]; label: string }>(c: T): T {
  if (c.source === ContributionSource.CONTEXT) return { ...c, evidence: [], label: 'what you were looking at then' };
  // "Customers who … also …" seeded by this visit's items (seeds from stored data carry their purpose).
  if (c.source === ContributionSource.SIMILAR_CUSTOMERS && c.purpose === null) return { ...c, evidence: [], label: 'items you looked at then' };
  return c;
}

/** What a stored contribution says in place of its evidence once its purpose was withdrawn. */
export const WITHDRAWN_DATA_LABEL = 'data you have since withdrawn';

/**
 * A withdrawal reaches the decision log too: a stored contribution of the withdrawn purpose keeps
 * its weight, purpose and notice version (the record that it was used, and the score still adds
 * up) but no longer what the data was. Returns `c` itself when there is nothing to redact.
 */
export function withoutWithdrawnData<T extends { purpose: string | null; evidence: string[]; label: string }>(c: T, purpose: string): T {
  return c.purpose === purpose && c.label !== WITHDRAWN_DATA_LABEL ? { ...c, evidence: [], label: WITHDRAWN_DATA_LABEL } : c;
}

export const CONTRIBUTION_SELECTION = 'source weight purpose noticeVersion evidence label';
