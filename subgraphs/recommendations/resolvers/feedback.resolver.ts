import { Authorized, Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import type { FeedbackService } from '../services/feedback.service.js';
import { DismissReason, DismissalResult, DismissalUndone } from '../types/feedback.types.js';

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

  @Mutation(() => DismissalUndone, { description: 'Takes back "hide this item": the item may be recommended to you again.' })
  @Authorized('customer')
  async undoDismissal(
    @Ctx() { principal }: SubgraphContext,
    @Arg('decisionId', () => ID, { description: 'The list the item was hidden from.' }) decisionId: string,
    @Arg('itemId', () => ID) itemId: string,
  ): Promise<DismissalUndone> {
    const message = await this.feedback.undoDismissal(principal, decisionId, itemId);
    return { decisionId, itemId, message };
  }
}
