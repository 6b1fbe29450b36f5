import { Authorized, Arg, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ConsentService } from '../services/consent.service.js';

/** Internal: the first step of erasure (export and erasure themselves are the shared contract). Service role, never in the client API. */
@Resolver()
export class ConsentInternalResolver {
  constructor(private readonly consent: ConsentService) {}

  @Directive('@inaccessible')
  @Mutation(() => Int, { description: 'Internal: the first step of erasure; withdraws every purpose still granted. Returns how many.' })
  @Authorized('service')
  async beginErasure(@Arg('customerId', () => ID) customerId: string): Promise<number> {
    return this.consent.withdrawAllForErasure(customerId);
  }
}
