import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { ErasureReport } from '../../shared/data-removal.types.js';
import { requireRole } from '../../shared/principal.js';
import type { ErasureService } from '../services/erasure.service.js';

/** Internal operations for the export/erasure orchestrator: service role, never in the client API. */
@Resolver()
export class ConsentInternalResolver {
  constructor(private readonly erasure: ErasureService) {}

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Query(() => String, { description: 'Internal: everything consent holds about a customer, as one JSON document.' })
  async exportCustomerData(@Ctx() { principal }: SubgraphContext, @Arg('customerId', () => ID) customerId: string): Promise<string> {
    requireRole(principal, 'service');
    return this.erasure.exportJson(customerId);
  }

  @Directive('@shareable')
  @Directive('@inaccessible')
  @Mutation(() => ErasureReport, { description: 'Internal: erases the customer from consent, leaving a tombstone proof.' })
  async eraseCustomerData(@Ctx() { principal }: SubgraphContext, @Arg('customerId', () => ID) customerId: string): Promise<ErasureReport> {
    requireRole(principal, 'service');
    return { subgraph: 'consent', removed: await this.erasure.erase(customerId) };
  }
}
