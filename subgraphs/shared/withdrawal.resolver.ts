import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from './context.js';
import { WithdrawalReport, type RemovedData } from './data-removal.types.js';
import { badInput } from './errors.js';
import { requireRole } from './principal.js';

/**
 * What a subgraph does when consent tells it a purpose was withdrawn (or lapsed): remove what it
 * holds for the purpose from up to `withdrawnAt` (null: all of it). A delivery retried after the
 * customer granted the purpose again must not take what was collected under the new grant.
 */
export interface WithdrawalHandler {
  applyWithdrawal(customerId: string, purpose: string, withdrawnAt: string | null): Promise<RemovedData[]>;
}

/**
 * The internal withdrawal contract every data-holding subgraph serves: consent calls it after a
 * purpose stops counting. Service principals only; `@inaccessible`, so clients never see it;
 * `@shareable` because several subgraphs define the same root field.
 */
@Resolver()
export class WithdrawalResolver {
  constructor(
    private readonly subgraph: string,
    private readonly handler: WithdrawalHandler,
  ) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => WithdrawalReport, { description: 'Internal (consent service): remove or unlearn what a withdrawn purpose allowed.' })
  async applyConsentWithdrawal(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('purpose', () => String) purpose: string,
    @Arg('withdrawnAt', () => String, { nullable: true, description: 'When the withdrawal was recorded (ISO 8601); omitted: everything.' })
    withdrawnAt?: string | null,
  ): Promise<WithdrawalReport> {
    requireRole(principal, 'service');
    const at = withdrawnAt == null ? null : Date.parse(withdrawnAt);
    if (at !== null && !Number.isFinite(at)) throw badInput('withdrawnAt must be an ISO 8601 time.', { field: 'withdrawnAt' });
    const removed = await this.handler.applyWithdrawal(customerId, purpose, at === null ? null : new Date(at).toISOString());
    return { subgraph: this.subgraph, removed };
  }
}
