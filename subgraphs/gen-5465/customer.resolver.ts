import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../shared/context.js';
import { isGranted } from '../shared/gate.js';
import { assertMayAccessCustomer } from '../shared/principal.js';
import { Purpose } from '../shared/purposes.js';
import type { Gen5465Service } from './gen-5465.service.js';
import { Customer, Gen5465Entry } from './types.js';

@Resolver(() => Customer)
export class Gen5465CustomerResolver {
  constructor(private readonly service: Gen5465Service) {}

  /**
   * Personal data: tagged with its purpose, and behind `@requires(fields: "grantedPurposes")` and
   * the shared gate, which fails closed when the grant is missing or malformed.
   */
  @Directive('@requires(fields: "grantedPurposes")')
  @Directive(`@tag(name: "purpose:${Purpose.SHARE_PARTNERS}")`)
  @FieldResolver(() => [Gen5465Entry], { description: 'What gen-5465 keeps about you, while you share with partners.' })
  async gen5465Entries(@Root() customer: Customer, @Ctx() { principal }: SubgraphContext): Promise<Gen5465Entry[]> {
    assertMayAccessCustomer(principal, customer.id);
    if (!isGranted(customer.grantedPurposes, Purpose.SHARE_PARTNERS)) return [];
    return this.service.list(customer.id);
  }
}
