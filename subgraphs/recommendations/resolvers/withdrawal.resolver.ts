import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { WithdrawalReport } from '../../shared/data-removal.types.js';
import { requireRole } from '../../shared/principal.js';
import type { ModelService } from '../services/model.service.js';

@Resolver()
export class RecommendationsWithdrawalResolver {
  constructor(private readonly model: ModelService) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => WithdrawalReport, { description: 'Internal (consent service): unlearn what a withdrawn purpose allowed (only model.training feeds the model).' })
  async applyConsentWithdrawal(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('purpose', () => String) purpose: string,
  ): Promise<WithdrawalReport> {
    requireRole(principal, 'service');
    return { subgraph: 'recommendations', removed: await this.model.applyWithdrawal(customerId, purpose) };
  }
}
