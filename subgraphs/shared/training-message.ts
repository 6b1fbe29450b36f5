/**
 * The learning message profile relays to recommendations (over HTTP in process, or through the
 * message engine): a customer's new interactions and the consent version they were collected under.
 */
export const TRAINING_TOPIC = 'training.interactions';

export interface TrainingMessage {
  consentVersion: number;
  interactions: { clientEventId: string; itemId: string; channel: string; locale: string | null; purpose: string; occurredAt: string }[];
}
