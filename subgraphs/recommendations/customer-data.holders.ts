import { entityHolder, type CustomerDataHolder } from '../shared/customer-data.js';
import { DecisionRecord } from './entities/decision.entity.js';

/**
 * What recommendations holds about a customer: the decision log (inputs summary, scores and every
 * item's contributions). A learned model that keeps per-customer state adds its own holder through
 * `services.customerData.register(...)`, so erasure unlearns the customer in the same call.
 */
export function recommendationDataHolders(): CustomerDataHolder[] {
  return [entityHolder('decisions', DecisionRecord, { createdAt: 'ASC', decisionId: 'ASC' })];
}
