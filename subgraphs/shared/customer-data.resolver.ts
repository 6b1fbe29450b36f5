import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from './context.js';
import type { CustomerDataService } from './customer-data.js';
import { ErasureReport } from './data-removal.types.js';
import { requireRole } from './principal.js';

/**
 * The internal export/erasure contract every subgraph serves (called by profile's fan-out,
 * directly on subgraph URLs). Service principals only; `@inaccessible`, so clients never see it.
 * `@shareable` because every subgraph defines the same root fields.
 */
@Resolver()
export class CustomerDataResolver {
  constructor(private readonly customerData: CustomerDataService) {}

  @Directive('@inaccessible')
  @Directive('@shareable')
  @Query(() => String, { description: 'Internal: everything this subgraph holds about a customer, as JSON.' })
  async exportCustomerData(@Ctx() { principal }: SubgraphContext, @Arg('customerId', () => ID) customerId: string): Promise<string> {
    requireRole(principal, 'service');
    return JSON.stringify(await this.customerData.exportFor(customerId));
  }

  @Directive('@inaccessible')
  @Directive('@shareable')
  @Mutation(() => ErasureReport, { description: 'Internal: removes everything this subgraph holds about a customer. Idempotent.' })
  async eraseCustomerData(@Ctx() { principal }: SubgraphContext, @Arg('customerId', () => ID) customerId: string): Promise<ErasureReport> {
    requireRole(principal, 'service');
    return this.customerData.eraseFor(customerId);
  }
}
