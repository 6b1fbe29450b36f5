import { Authorized, Arg, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { MessageEngine } from './message-engine.js';
import type { RelayedMessage } from './outbox.js';

/**
 * Grants pushed to a partner (withdrawals have their own contract, withdrawal-relay.ts): one per
 * consent change that grants purposes in the partner's scope, for a customer who shares with
 * partners. `purposes` holds only the partner's purposes. No receipt waits for it.
 */
export interface ConsentGrant {
  customerId: string;
  purposes: string[];
  grantedAt: string;
  /** The change's last ledger position: a partner may ignore a grant older than what it knows. */
  grantSeq: number;
}

/** What a partner does when consent pushes a grant in its scope (delivered at least once: be idempotent). */
export type ConsentChangeHandler = (grant: ConsentGrant) => Promise<void>;

/** The default: acknowledge (the gate reads the grants on every request anyway). */
export const acknowledgeGrant: ConsentChangeHandler = () => Promise.resolve();

/** The outbox topic (and, with a message engine, the subject under the stream) of a partner's grants. */
export const grantTopic = (partner: string) => `grants.${partner}`;
export const partnerOfGrantTopic = (topic: string) => (topic.startsWith('grants.') ? topic.slice('grants.'.length) : null);

export const APPLY_GRANT_MUTATION = `mutation ($customerId: ID!, $purposes: [String!]!, $grantedAt: String!, $grantSeq: Int!) {
  applyConsentGrant(customerId: $customerId, purposes: $purposes, grantedAt: $grantedAt, grantSeq: $grantSeq)
}`;

/** The signed webhook consent calls without a message engine. Service principals only; hidden from clients. */
@Resolver()
export class ConsentGrantResolver {
  constructor(private readonly handler: ConsentChangeHandler) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => Boolean, { description: 'Internal (consent service): purposes in this partner’s scope were granted.' })
  @Authorized('service')
  async applyConsentGrant(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('purposes', () => [String]) purposes: string[],
    @Arg('grantedAt', () => String) grantedAt: string,
    @Arg('grantSeq', () => Int) grantSeq: number,
  ): Promise<boolean> {
    await this.handler({ customerId, purposes, grantedAt, grantSeq });
    return true;
  }
}

/** A partner's durable consumer `<name>-grants` (with a message engine); retried, given up on after 10 deliveries. */
export function consumeConsentGrants(engine: MessageEngine, partner: string, handler: ConsentChangeHandler): Promise<void> {
  return engine.consume(`${partner}-grants`, grantTopic(partner), (message) => handler((message as RelayedMessage).payload as ConsentGrant), {
    maxDeliver: 10,
    retryDelayMs: 2_000,
    onDeadLetter: (_payload, error) =>
      console.error(`[${partner}] a pushed consent grant was given up on after 10 deliveries: ${String((error as Error)?.message ?? error)}`),
  });
}
