import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { ErasureReport } from '../../shared/data-removal.types.js';
import { requireRole } from '../../shared/principal.js';
import type { ConsentService } from '../services/consent.service.js';
import type { ErasureService } from '../services/erasure.service.js';

/** Internal operations for the export/erasure orchestrator: service role, never in the client API. */
@Resolver()
export class ConsentInternalResolver {
  constructor(
    private readonly erasure: ErasureService,
    private readonly consent: ConsentService,
  ) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Query(() => String, { description: 'Internal: everything consent holds about a customer, as one JSON document.' })
  async exportCustomerData(@Ctx() { principal }: SubgraphContext, @Arg('customerId', () => ID) customerId: string): Promise<string> {
    requireRole(principal, 'service');
    return this.erasure.exportJson(customerId);
  }

  @Directive('@inaccessible')
  @Mutation(() => Int, { description: 'Internal: the first step of erasure; withdraws every purpose still granted. Returns how many.' })
  async beginErasure(@Ctx() { principal }: SubgraphContext, @Arg('customerId', () => ID) customerId: string): Promise<number> {
    requireRole(principal, 'service');
    return this.consent.withdrawAllForErasure(customerId);
  }

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => ErasureReport, { description: 'Internal: erases the customer from consent, leaving a tombstone proof.' })
  async eraseCustomerData(@Ctx() { principal }: SubgraphContext, @Arg('customerId', () => ID) customerId: string): Promise<ErasureReport> {
    requireRole(principal, 'service');
    return { subgraph: 'consent', removed: await this.erasure.erase(customerId) };
  }
}
