import { entityHolder, type CustomerDataHolder } from '../shared/customer-data.js';
import { watermarkHolder } from '../shared/withdrawal-watermark.js';
import { DecisionRecord } from './entities/decision.entity.js';
import { TRAINING_DATA_CATEGORY, type ModelService } from './services/model.service.js';

/**
 * What recommendations holds about a customer: the decision log (inputs summary, scores and every
 * item's contributions) and their share of the co-occurrence model, which erasure unlearns exactly.
 */
export function recommendationDataHolders(model: ModelService): CustomerDataHolder[] {
  return [
    entityHolder('decisions', DecisionRecord, { createdAt: 'ASC', decisionId: 'ASC' }),
    {
      category: TRAINING_DATA_CATEGORY,
      export: (_db, customerId) => model.exportCustomer(customerId),
      erase: (db, customerId) => model.forgetWithin(db, customerId),
    },
    watermarkHolder(),
  ];
}
