import type { MessageEngine } from '../../shared/message-engine.js';
import type { RelayedMessage } from '../../shared/outbox.js';
import { TRAINING_TOPIC, type TrainingMessage } from '../../shared/training-message.js';
import type { ModelService } from './model.service.js';

/**
 * With a message engine: learns what profile's outbox relays, through one durable consumer shared by
 * every recommendations instance (each message is learned by one; a repeat changes nothing). While
 * consent does not answer, learning fails and the message is delivered again later, as long as it
 * takes: an acknowledged interaction is never dropped.
 */
export function consumeTraining(engine: MessageEngine, model: ModelService): Promise<void> {
  return engine.consume(
    'recommendations-training',
    TRAINING_TOPIC,
    async (payload) => {
      const { customerId, payload: message } = payload as RelayedMessage & { payload: TrainingMessage };
      await model.learnForwarded(customerId, message.interactions, message.consentVersion);
    },
    // Never dropped: an interaction that cannot be learned yet (consent down) waits for it.
    { maxDeliver: Infinity, retryDelayMs: 5_000 },
  );
}
