import type { EntityManager } from 'typeorm';
import type { Outbox, OutboxTransport } from '../../shared/outbox.js';
import { Purpose } from '../../shared/purposes.js';
import type { ServiceClient } from '../../shared/service-client.js';
import { isTrainable } from '../../shared/trainable.js';
import { TRAINING_TOPIC, type TrainingMessage } from '../../shared/training-message.js';
import type { EventRecord } from '../entities/event.entity.js';

export const LEARN_MUTATION = /* GraphQL */ `
  mutation Learn($customerId: ID!, $interactions: [TrainingInteractionInput!]!, $consentVersion: Int) {
    learnInteractions(customerId: $customerId, interactions: $interactions, consentVersion: $consentVersion)
  }
`;

/**
 * Newly stored interactions of customers who granted `model.training` (with the grants the event
 * gate used) go to the recommendations subgraph through profile's outbox, written in the events'
 * own transaction: nothing stored is lost while recommendations is down. Recommendations keeps only
 * item, channel, locale, time and the purpose the event was collected under, and learns only while
 * neither that purpose nor `model.training` was withdrawn after the consent version (its watermarks).
 */
export class TrainingFeed {
  constructor(private readonly outbox: Outbox) {}

  async enqueue(
    manager: EntityManager,
    customerId: string,
    granted: Map<string, number>,
    consentVersion: number,
    events: EventRecord[],
  ): Promise<boolean> {
    if (!granted.has(Purpose.MODEL_TRAINING)) return false;
    const interactions = events.filter(isTrainable).map((e) => ({
      clientEventId: e.clientEventId,
      itemId: e.itemId as string, // trainable events name an item
      channel: e.channel,
      locale: e.locale,
      purpose: e.purpose,
      occurredAt: e.occurredAt,
    }));
    if (interactions.length === 0) return false;
    const message: TrainingMessage = { consentVersion, interactions };
    await this.outbox.enqueue(manager, TRAINING_TOPIC, customerId, message);
    return true;
  }

  /** After the events' transaction committed. */
  kick(): void {
    this.outbox.kick();
  }
}

/** The in-process relay's transport: a signed call to recommendations' internal `learnInteractions`. */
export function learnOverHttp(recommendations: () => ServiceClient): OutboxTransport {
  return async (message) => {
    const { consentVersion, interactions } = message.payload as TrainingMessage;
    await recommendations().request(LEARN_MUTATION, { customerId: message.customerId, interactions, consentVersion });
  };
}
