import { Arg, Authorized, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { EventService } from '../services/event.service.js';
import { IngestResult } from '../types/profile.types.js';

/** Internal: feedback that reaches profile from other subgraphs (a dismissed recommendation, and its undo). */
@Resolver()
export class InternalFeedbackResolver {
  constructor(private readonly events: EventService) {}

  @Directive('@inaccessible')
  @Mutation(() => IngestResult, { description: 'Internal (service role): stores a DISMISS, gated like any event.' })
  @Authorized('service')
  async recordDismissal(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('itemId', () => ID) itemId: string,
    @Arg('reason', () => String) reason: string,
    @Arg('clientEventId', () => String) clientEventId: string,
    @Arg('occurredAt', () => String) occurredAt: string,
  ): Promise<IngestResult> {
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
  @Authorized('service')
  async removeDismissals(@Arg('customerId', () => ID) customerId: string, @Arg('itemId', () => ID) itemId: string): Promise<number> {
    return this.events.removeDismissals(customerId, itemId);
  }
}
