import { Authorized, Arg, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import { WithdrawalReport, type RemovedData } from './data-removal.types.js';
import { badInput } from './errors.js';
import { removalBound } from './withdrawal-bounds.js';

/**
 * What a subgraph does when consent tells it a purpose was withdrawn (or lapsed): remove what it
 * stored for the purpose up to `upTo` (null: all of it), and note `withdrawnAt` for requests
 * still under way. A delivery retried after the customer granted the purpose again must not take
 * what was collected under the new grant.
 */
export interface WithdrawalHandler {
  applyWithdrawal(customerId: string, purpose: string, bounds: WithdrawalBounds): Promise<RemovedData[]>;
}

export interface WithdrawalBounds {
  /** When consent recorded the withdrawal; null when the caller did not say. */
  withdrawnAt: string | null;
  /** Remove what was stored up to this moment (see `removalBound`); null: everything. */
  upTo: string | null;
  /** The withdrawal's ledger position: what the watermark is raised to (see withdrawal-watermark.ts); null when not said. */
  withdrawalSeq: number | null;
}

/**
 * The internal withdrawal contract every data-holding subgraph serves: consent calls it after a
 * purpose stops counting. Service principals only; `@inaccessible`, so clients never see it;
 * `@shareable` because several subgraphs define the same root field.
 */
@Resolver()
export class WithdrawalResolver {
  constructor(
    private readonly subgraph: string,
    private readonly handler: WithdrawalHandler,
  ) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => WithdrawalReport, { description: 'Internal (consent service): remove or unlearn what a withdrawn purpose allowed.' })
  @Authorized('service')
  async applyConsentWithdrawal(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('purpose', () => String) purpose: string,
    @Arg('withdrawnAt', () => String, { nullable: true, description: 'When the withdrawal was recorded (ISO 8601); omitted: everything.' })
    withdrawnAt?: string | null,
    @Arg('withdrawalSeq', () => Int, { nullable: true, description: 'The withdrawal’s ledger position; omitted: everything.' })
    withdrawalSeq?: number | null,
  ): Promise<WithdrawalReport> {
    const at = withdrawnAt == null ? null : Date.parse(withdrawnAt);
    if (at !== null && !Number.isFinite(at)) throw badInput('withdrawnAt must be an ISO 8601 time.', { field: 'withdrawnAt' });
    const recordedAt = at === null ? null : new Date(at).toISOString();
    if (withdrawalSeq != null && withdrawalSeq < 1)
      throw badInput('withdrawalSeq must be a ledger position (1 or more).', { field: 'withdrawalSeq' });
    const removed = await this.handler.applyWithdrawal(customerId, purpose, {
      withdrawnAt: recordedAt,
      upTo: recordedAt && removalBound(recordedAt),
      withdrawalSeq: withdrawalSeq ?? null,
    });
    return { subgraph: this.subgraph, removed };
  }
}
