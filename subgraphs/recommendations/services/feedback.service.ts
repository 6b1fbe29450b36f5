import { createHash } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import { AppError, ErrorCode, notFound } from '../../shared/errors.js';
import { mayAccessCustomer, type Principal } from '../../shared/principal.js';
import { Purpose } from '../../shared/purposes.js';
import type { ServiceClient } from '../../shared/service-client.js';
import type { DecisionService } from './decision.service.js';

const RECORD_DISMISSAL = /* GraphQL */ `
  mutation RecordDismissal($customerId: ID!, $itemId: ID!, $reason: String!, $clientEventId: String!, $occurredAt: String!) {
    recordDismissal(customerId: $customerId, itemId: $itemId, reason: $reason, clientEventId: $clientEventId, occurredAt: $occurredAt) {
      accepted
      duplicates
      dropped
    }
  }
`;

const REMOVE_DISMISSALS = /* GraphQL */ `
  mutation RemoveDismissals($customerId: ID!, $itemId: ID!) {
    removeDismissals(customerId: $customerId, itemId: $itemId)
  }
`;

/**
 * "Not for me": stored by the profile subgraph as a DISMISS event (under `personalization.behavioral`),
 * which reaches the next decision as a signal and filters the item out.
 */
export class FeedbackService {
  constructor(
    private readonly decisions: DecisionService,
    private readonly profile: () => ServiceClient,
    private readonly clock: Clock,
  ) {}

  async dismiss(principal: Principal, decisionId: string, itemId: string, reason: string): Promise<string> {
    const customerId = await this.customerShown(principal, decisionId, itemId);
    const clientEventId = `dismiss-${createHash('sha256').update(`${decisionId}:${itemId}`).digest('hex').slice(0, 40)}`;
    const result = await this.profile().request<{ recordDismissal: { accepted: number; duplicates: number; dropped: number } }>(RECORD_DISMISSAL, {
      customerId,
      itemId,
      reason,
      clientEventId,
      occurredAt: this.clock.now().toISOString(),
    });
    if (result.recordDismissal.dropped > 0) {
      throw new AppError(
        ErrorCode.CONSENT_REQUIRED,
        'We did not keep this: hiding items uses your browsing in our shop, which you have not turned on.',
        { purpose: Purpose.BEHAVIORAL },
      );
    }
    return 'Thanks — we will not show you this item again.';
  }

  /**
   * Undo of a dismissal: the item may be recommended again. Only deletes (the dismissals of this
   * item, from this list or an earlier one), so it needs no consent; nothing kept is nothing to undo.
   */
  async undoDismissal(principal: Principal, decisionId: string, itemId: string): Promise<string> {
    const customerId = await this.customerShown(principal, decisionId, itemId);
    await this.profile().request<{ removeDismissals: number }>(REMOVE_DISMISSALS, { customerId, itemId });
    return 'Done — this item can be recommended to you again.';
  }

  /** The customer a list showing the item was made for, who must be the one asking. */
  private async customerShown(principal: Principal, decisionId: string, itemId: string): Promise<string> {
    const decision = await this.decisions.find(decisionId);
    // Someone else's list is answered like a missing one, whatever it holds: the answer reveals neither.
    const visible = decision && (decision.customerId === null || mayAccessCustomer(principal, decision.customerId));
    if (!visible || !decision.items.some((i) => i.itemId === itemId))
      throw notFound('We could not find that recommendation; it may be from an old list.');
    if (!decision.customerId) throw notFound('That list was not made for a signed-in customer, so there is nobody to remember this for.');
    return decision.customerId;
  }
}
