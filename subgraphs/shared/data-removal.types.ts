import { Directive, Field, Int, ObjectType } from 'type-graphql';

/**
 * The internal withdrawal and erasure contract every data-holding subgraph follows: consent calls
 * `applyConsentWithdrawal(customerId, purpose)` on each subscriber after a purpose stops counting,
 * and the erasure orchestrator calls `eraseCustomerData(customerId)`. Each answers what it removed.
 * Declared once here and `@shareable`, so every subgraph returns exactly the same types.
 */
@Directive('@shareable')
@ObjectType({ description: 'How much of one kind of data was removed.' })
export class RemovedData {
  @Field(() => String) category: string;
  @Field(() => Int) count: number;
}

@Directive('@shareable')
@ObjectType({ description: 'What one subgraph removed after a purpose was withdrawn.' })
export class WithdrawalReport {
  @Field(() => String) subgraph: string;
  @Field(() => [RemovedData]) removed: RemovedData[];
}

@Directive('@shareable')
@ObjectType({ description: "What one subgraph removed when a customer's data was erased." })
export class ErasureReport {
  @Field(() => String) subgraph: string;
  @Field(() => [RemovedData]) removed: RemovedData[];
}

export const APPLY_WITHDRAWAL_MUTATION =
  'mutation ApplyWithdrawal($customerId: ID!, $purpose: String!, $withdrawnAt: String, $withdrawalSeq: Int) { applyConsentWithdrawal(customerId: $customerId, purpose: $purpose, withdrawnAt: $withdrawnAt, withdrawalSeq: $withdrawalSeq) { subgraph removed { category count } } }';

export const ERASURE_REPORT_SELECTION = 'subgraph removed { category count }';
