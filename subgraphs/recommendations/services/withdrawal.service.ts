import type { RemovedData } from '../../shared/data-removal.types.js';
import type { WithdrawalBounds, WithdrawalHandler } from '../../shared/withdrawal.resolver.js';
import type { DecisionService } from './decision.service.js';
import type { ModelService } from './model.service.js';

export const DECISION_EVIDENCE_CATEGORY = 'decision log evidence';

/**
 * What a withdrawal takes away here: what the model learned under it (`model.training`, and the
 * purposes events were collected under) and, for any purpose, what the decision log says its data was.
 */
export class RecommendationsWithdrawal implements WithdrawalHandler {
  constructor(
    private readonly model: ModelService,
    private readonly decisions: DecisionService,
  ) {}

  async applyWithdrawal(customerId: string, purpose: string, bounds: WithdrawalBounds): Promise<RemovedData[]> {
    // The log first: it notes the withdrawal for decisions under way before anything else waits.
    const redacted = await this.decisions.redactPurpose(customerId, purpose, bounds);
    const unlearned = await this.model.applyWithdrawal(customerId, purpose, bounds.upTo, bounds.withdrawalSeq);
    return redacted > 0 ? [...unlearned, { category: DECISION_EVIDENCE_CATEGORY, count: redacted }] : unlearned;
  }
}
