import { Authorized, Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../shared/errors.js';
import { type Principal } from '../../shared/principal.js';
import type { ConsentService, ConsentState, DecisionSource } from '../services/consent.service.js';
import type { RecordedDecisions } from '../services/decision-recorder.js';
import { ConsentChangeInput } from '../types/consent.inputs.js';
import { Consent } from '../types/consent.types.js';

const IDEMPOTENCY_KEY_DOC =
  'A key you choose per change (a UUID). Retrying with the same key returns the first decision and receipt instead of recording another.';

/** How a decision was collected, as the receipt says: in our preference center, or through the API. */
function sourceOf(principal: Principal): DecisionSource {
  if (principal.client === 'preference-center') return { method: 'PREFERENCE_CENTER', origin: 'preference-center' };
  return { method: 'API', origin: principal.client ?? 'api' };
}

@Resolver()
export class ConsentMutationResolver {
  constructor(private readonly consent: ConsentService) {}

  @Mutation(() => Consent, { description: 'Grant or withdraw one purpose for the signed-in customer.' })
  @Authorized('customer')
  async setConsent(
    @Ctx() { principal }: SubgraphContext,
    @Arg('purpose', () => String) purpose: string,
    @Arg('granted', () => Boolean) granted: boolean,
    @Arg('noticeVersion', () => Int, { nullable: true, description: 'The notice version you read: needed to grant, not to withdraw.' })
    noticeVersion?: number | null,
    @Arg('expiresAt', () => String, { nullable: true }) expiresAt?: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DOC }) idempotencyKey?: string | null,
  ): Promise<Consent> {
    const customerId = principal.subject!;
    const recorded = await this.decide(principal, customerId, [{ purpose, granted, noticeVersion, expiresAt }], idempotencyKey);
    return (await this.statesAfter(customerId, recorded)).find((s) => s.purpose === purpose) as Consent;
  }

  @Mutation(() => [Consent], { description: 'Several decisions at once: all are recorded or none.' })
  @Authorized('customer')
  async setConsents(
    @Ctx() { principal }: SubgraphContext,
    @Arg('changes', () => [ConsentChangeInput]) changes: ConsentChangeInput[],
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DOC }) idempotencyKey?: string | null,
  ): Promise<Consent[]> {
    const customerId = principal.subject!;
    if (changes.length === 0 || changes.length > 20) throw badInput('Send between 1 and 20 changes.', { field: 'changes' });
    const recorded = await this.decide(principal, customerId, changes, idempotencyKey);
    return (await this.statesAfter(customerId, recorded)).filter((s) => changes.some((c) => c.purpose === s.purpose)) as Consent[];
  }

  /** GPC on this request was recorded before any resolver ran (`recordGpcOnRequest`), so its denials precede these choices. */
  private async decide(principal: Principal, customerId: string, changes: ConsentChangeInput[], idempotencyKey?: string | null) {
    return this.consent.setConsents(customerId, changes, sourceOf(principal), { gpc: principal.gpc, idempotencyKey });
  }

  /**
   * The state each purpose was left in by these decisions (a retried request answers with its first
   * decisions and receipt, even if the customer changed something since).
   */
  private async statesAfter(customerId: string, recorded: RecordedDecisions): Promise<ConsentState[]> {
    const states = await this.consent.consentsOf(customerId);
    return states.map((state) => {
      const decision = recorded.decisions.find((d) => d.purpose === state.purpose);
      if (!decision || decision.decisionId === state.decisionId) return state;
      return {
        ...state,
        granted: decision.status === 'GRANTED',
        status: decision.status,
        noticeVersion: decision.noticeVersion,
        decidedAt: decision.occurredAt,
        expiresAt: decision.expiresAt,
        decisionId: decision.decisionId,
      };
    });
  }
}
