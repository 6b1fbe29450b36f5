import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { WithdrawalReport } from '../../shared/data-removal.types.js';
import { requireRole } from '../../shared/principal.js';
import type { RecommendationsWithdrawalService } from '../services/withdrawal.service.js';

@Resolver()
export class RecommendationsWithdrawalResolver {
  constructor(private readonly withdrawals: RecommendationsWithdrawalService) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => WithdrawalReport, { description: 'Internal (consent service): forget what a withdrawn purpose allowed.' })
  async applyConsentWithdrawal(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('purpose', () => String) purpose: string,
  ): Promise<WithdrawalReport> {
    requireRole(principal, 'service');
    return { subgraph: 'recommendations', removed: await this.withdrawals.apply(customerId, purpose) };
  }
}
