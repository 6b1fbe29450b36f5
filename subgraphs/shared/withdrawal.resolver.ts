import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from './context.js';
import { WithdrawalReport, type RemovedData } from './data-removal.types.js';
import { requireRole } from './principal.js';

/** What a subgraph does when consent tells it a purpose was withdrawn (or lapsed). */
export interface WithdrawalHandler {
  applyWithdrawal(customerId: string, purpose: string): Promise<RemovedData[]>;
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
  ): Promise<WithdrawalReport> {
    requireRole(principal, 'service');
    return { subgraph: this.subgraph, removed: await this.handler.applyWithdrawal(customerId, purpose) };
  }
}
