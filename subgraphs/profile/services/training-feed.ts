import type { Config } from '../../shared/config.js';
import { Purpose } from '../../shared/purposes.js';
import { ServiceClient } from '../../shared/service-client.js';
import { isTrainable } from '../../shared/trainable.js';
import type { SignedFetch } from '../../shared/signed-fetch.js';
import type { EventRecord } from '../entities/event.entity.js';

const LEARN = /* GraphQL */ `
  mutation Learn($customerId: ID!, $interactions: [TrainingInteractionInput!]!) {
    learnInteractions(customerId: $customerId, interactions: $interactions)
  }
`;

/**
 * Forwards newly stored interactions of customers who granted `model.training` (checked on arrival,
 * with the same grants the event gate used) to the recommendations subgraph, which learns from them.
 * Profile's tables stay profile's: recommendations keeps only item, channel, locale, time and the
 * purpose the event was collected under (so withdrawing it unlearns it too).
 */
export class TrainingFeed {
  private client: ServiceClient | null = null;

  constructor(
    private readonly config: Pick<Config, 'subgraphUrls'>,
    private readonly fetch: SignedFetch,
  ) {}

  async forward(customerId: string, granted: Map<string, number>, events: EventRecord[]): Promise<void> {
    if (!granted.has(Purpose.MODEL_TRAINING)) return;
    const interactions = events.filter(isTrainable).map((e) => ({
      clientEventId: e.clientEventId,
      itemId: e.itemId,
      channel: e.channel,
      locale: e.locale,
      purpose: e.purpose,
      occurredAt: e.occurredAt,
    }));
    if (interactions.length === 0) return;
    try {
      // Resolved on first use: recommendations may start after profile.
      this.client ??= new ServiceClient(this.config.subgraphUrls.recommendations, this.fetch, 'profile');
      await this.client.request(LEARN, { customerId, interactions });
    } catch (error) {
      // The events are stored; only the shared model misses them. Never fail the customer's request.
      console.error('[training-feed] could not forward interactions for model training', error);
    }
  }
}
