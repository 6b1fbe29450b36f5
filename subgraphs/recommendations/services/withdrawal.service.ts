import type { RemovedData } from '../../shared/data-removal.types.js';

/**
 * Recommendations keeps no per-customer data collected for a purpose (signals arrive per request
 * through the gate; the decision log holds only counts and context), so a withdrawal removes
 * nothing here and the report says so. Model unlearning for `model.training` plugs in here.
 */
export class RecommendationsWithdrawalService {
  async apply(_customerId: string, _purpose: string): Promise<RemovedData[]> {
    return [];
  }
}
