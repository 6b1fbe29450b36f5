import type { SubgraphContext } from '../shared/context.js';
import { mayAccessCustomer } from '../shared/principal.js';
import type { DecisionService } from './services/decision.service.js';

/**
 * `Recommendation` by its key, read back from the decision log (SPEC §3: planners may refetch
 * a `@requires` source). A customer's decision is only readable by that customer.
 */
export function recommendationReference(decisions: DecisionService) {
  return {
    async __resolveReference(ref: { decisionId: string; itemId: string }, context: SubgraphContext) {
      const decision = await decisions.find(ref.decisionId);
      // Someone else's decision resolves like a missing one.
      if (!decision || (decision.customerId && !mayAccessCustomer(context.principal, decision.customerId))) return null;
      const item = decision.items.find((i) => i.itemId === ref.itemId);
      return item ? { ...item, decisionId: decision.decisionId, consentVersion: decision.consentVersion } : null;
    },
  };
}
