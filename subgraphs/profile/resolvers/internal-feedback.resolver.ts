import { Arg, Ctx, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { requireRole } from '../../shared/principal.js';
import type { EventService } from '../services/event.service.js';
import { IngestResult } from '../types/profile.types.js';

/** Internal: feedback that reaches profile from other subgraphs (a dismissed recommendation, and its undo). */
@Resolver()
export class InternalFeedbackResolver {
  constructor(private readonly events: EventService) {}

  @Directive('@inaccessible')
  @Mutation(() => IngestResult, { description: 'Internal (service role): stores a DISMISS, gated like any event.' })
  async recordDismissal(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('itemId', () => ID) itemId: string,
    @Arg('reason', () => String) reason: string,
    @Arg('clientEventId', () => String) clientEventId: string,
    @Arg('occurredAt', () => String) occurredAt: string,
  ): Promise<IngestResult> {
    requireRole(principal, 'service');
    const event = {
      clientEventId,
      type: 'DISMISS' as const,
      itemId,
      value: reason.slice(0, 64),
      channel: 'recommendations',
      source: 'web-shop',
      occurredAt,
    };
    return (await this.events.record(customerId, [event])) as IngestResult;
  }

  @Directive('@inaccessible')
  @Mutation(() => Int, { description: 'Internal (service role): deletes the customer’s dismissals of an item; answers how many.' })
  async removeDismissals(
    @Ctx() { principal }: SubgraphContext,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('itemId', () => ID) itemId: string,
  ): Promise<number> {
    requireRole(principal, 'service');
    return this.events.removeDismissals(customerId, itemId);
  }
}
