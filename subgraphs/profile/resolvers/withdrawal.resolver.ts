import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { WithdrawalReport } from '../../shared/data-removal.types.js';
import { requireRole } from '../../shared/principal.js';
import type { WithdrawalService } from '../services/withdrawal.service.js';

@Resolver()
export class ProfileWithdrawalResolver {
  constructor(private readonly withdrawals: WithdrawalService) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => WithdrawalReport, { description: 'Internal (consent service): delete what was collected only for a withdrawn purpose.' })
  async applyConsentWithdrawal(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('purpose', () => String) purpose: string,
  ): Promise<WithdrawalReport> {
    requireRole(principal, 'service');
    return { subgraph: 'profile', removed: await this.withdrawals.apply(customerId, purpose) };
  }
}
