import { Directive, Field, Int, ObjectType } from 'type-graphql';

/**
 * What one erasure or withdrawal removed, per data category. Declared once here (and
 * `@shareable`) so every subgraph that reports removals agrees on the exact shape.
 */
@Directive('@shareable')
@ObjectType({ description: 'How many records of one kind were removed.' })
export class RemovedData {
  @Field(() => String, { description: 'What was removed, e.g. "events" or "decisions".' }) category: string;
  @Field(() => Int) count: number;
}

/** One subgraph's answer to an erasure: what it removed. Erasing again removes nothing more. */
@Directive('@shareable')
@ObjectType()
export class ErasureReport {
  @Field(() => String) subgraph: string;
  @Field(() => [RemovedData]) removed: RemovedData[];
}

export const ERASURE_REPORT_SELECTION = 'subgraph removed { category count }';
