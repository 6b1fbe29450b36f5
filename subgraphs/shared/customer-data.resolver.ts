import { Authorized, Arg, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CustomerDataService } from './customer-data.js';
import { ErasureReport } from './data-removal.types.js';

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
  @Authorized('service')
  async exportCustomerData(@Arg('customerId', () => ID) customerId: string): Promise<string> {
    return JSON.stringify(await this.customerData.exportFor(customerId));
  }

  @Directive('@inaccessible')
  @Directive('@shareable')
  @Mutation(() => ErasureReport, { description: 'Internal: removes everything this subgraph holds about a customer. Idempotent.' })
  @Authorized('service')
  async eraseCustomerData(@Arg('customerId', () => ID) customerId: string): Promise<ErasureReport> {
    return this.customerData.eraseFor(customerId);
  }
}
