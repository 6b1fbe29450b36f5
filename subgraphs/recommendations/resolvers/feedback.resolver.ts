import { Authorized, Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import type { FeedbackService } from '../services/feedback.service.js';
import { DismissReason, DismissalResult } from '../types/feedback.types.js';

@Resolver()
export class FeedbackResolver {
  constructor(private readonly feedback: FeedbackService) {}

  @Mutation(() => DismissalResult, { description: 'Hides a recommended item from your future lists (stored as a DISMISS).' })
  @Authorized('customer')
  async dismissRecommendation(
    @Ctx() { principal }: SubgraphContext,
    @Arg('decisionId', () => ID) decisionId: string,
    @Arg('itemId', () => ID) itemId: string,
    @Arg('reason', () => DismissReason) reason: DismissReason,
  ): Promise<DismissalResult> {
    const message = await this.feedback.dismiss(principal, decisionId, itemId, reason);
    return { decisionId, itemId, reason, message };
  }
}
