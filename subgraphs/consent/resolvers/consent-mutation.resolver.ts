import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../shared/errors.js';
import { requireCustomer, type Principal } from '../../shared/principal.js';
import type { ConsentService, DecisionSource } from '../services/consent.service.js';
import type { GpcService } from '../services/gpc.service.js';
import { ConsentChangeInput } from '../types/consent.inputs.js';
import { Consent } from '../types/consent.types.js';
import { honorGpc } from './gpc-request.js';

/** How a decision was collected, as the receipt says: in our preference center, or through the API. */
function sourceOf(principal: Principal): DecisionSource {
  if (principal.client === 'preference-center') return { method: 'PREFERENCE_CENTER', origin: 'preference-center' };
  return { method: 'API', origin: principal.client ?? 'api' };
}

@Resolver()
export class ConsentMutationResolver {
  constructor(
    private readonly consent: ConsentService,
    private readonly gpc: GpcService,
  ) {}

  @Mutation(() => Consent, { description: 'Grant or withdraw one purpose for the signed-in customer.' })
  async setConsent(
    @Ctx() { principal }: SubgraphContext,
    @Arg('purpose', () => String) purpose: string,
    @Arg('granted', () => Boolean) granted: boolean,
    @Arg('noticeVersion', () => Int, { nullable: true, description: 'The notice version you read: needed to grant, not to withdraw.' })
    noticeVersion?: number | null,
    @Arg('expiresAt', () => String, { nullable: true }) expiresAt?: string,
  ): Promise<Consent> {
    const customerId = requireCustomer(principal);
    await this.decide(principal, customerId, [{ purpose, granted, noticeVersion, expiresAt }]);
    return this.stateOf(customerId, purpose);
  }

  @Mutation(() => [Consent], { description: 'Several decisions at once: all are recorded or none.' })
  async setConsents(
    @Ctx() { principal }: SubgraphContext,
    @Arg('changes', () => [ConsentChangeInput]) changes: ConsentChangeInput[],
  ): Promise<Consent[]> {
    const customerId = requireCustomer(principal);
    if (changes.length === 0 || changes.length > 20) throw badInput('Send between 1 and 20 changes.', { field: 'changes' });
    await this.decide(principal, customerId, changes);
    const states = await this.consent.consentsOf(customerId);
    return states.filter((s) => changes.some((c) => c.purpose === s.purpose)) as Consent[];
  }

  /** GPC on this request is recorded first, so its denials precede the customer's new choices. */
  private async decide(principal: Principal, customerId: string, changes: ConsentChangeInput[]): Promise<void> {
    await honorGpc(this.gpc, principal, customerId);
    await this.consent.setConsents(customerId, changes, sourceOf(principal), { gpc: principal.gpc });
  }

  private async stateOf(customerId: string, purpose: string): Promise<Consent> {
    const states = await this.consent.consentsOf(customerId);
    return states.find((s) => s.purpose === purpose) as Consent;
  }
}
