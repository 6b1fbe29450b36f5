import { Authorized, Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { SELF } from '../../shared/authorization.js';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import type { ConsentService } from '../services/consent.service.js';
import type { LedgerService } from '../services/ledger.service.js';
import { Consent, ConsentEventPage, Customer } from '../types/consent.types.js';

const MAX_PAGE = 100;

@Resolver(() => Customer)
export class CustomerResolver {
  constructor(
    private readonly consent: ConsentService,
    private readonly ledger: LedgerService,
  ) {}

  @Query(() => Customer, { nullable: true, description: 'The signed-in customer; null for anonymous visitors.' })
  async me(@Ctx() { principal }: SubgraphContext): Promise<Customer | null> {
    if (principal.role !== 'customer' || !principal.subject) return null;
    const record = await this.consent.requireCustomer(principal.subject);
    return { id: record.id, displayName: record.displayName };
  }

  @Query(() => Customer, { nullable: true, description: 'Any customer, for administrators.' })
  @Authorized('admin', 'service')
  async customer(@Arg('id', () => String) id: string): Promise<Customer | null> {
    return (await this.consent.customerExists(id)) ? { id } : null;
  }

  @Query(() => [Customer], { description: 'Customers in id order, for administrators and the development sign-in.' })
  @Authorized('admin', 'service')
  async customers(@Arg('first', () => Int, { defaultValue: 20 }) first: number): Promise<Customer[]> {
    if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}.`, { field: 'first' });
    const records = await this.consent.listCustomers(first);
    return records.map((r) => ({ id: r.id, displayName: r.displayName }));
  }

  @FieldResolver(() => [Consent])
  @Authorized(SELF)
  async consents(@Root() customer: Customer, @Ctx() { memo }: SubgraphContext): Promise<Consent[]> {
    return (await this.consent.consentsOf(customer.id, memo)) as Consent[];
  }

  @FieldResolver(() => [String], { description: 'The purposes granted right now; what every consent gate reads.' })
  @Authorized(SELF)
  async grantedPurposes(@Root() customer: Customer, @Ctx() { memo }: SubgraphContext): Promise<string[]> {
    return this.consent.grantedPurposes(customer.id, memo);
  }

  @Directive('@inaccessible')
  @FieldResolver(() => Int, {
    description:
      'Internal (for @requires and services): the ledger position of the customer’s latest decision. Data stored under grants read now carries it; a later withdrawal’s position is higher.',
  })
  @Authorized(SELF)
  async consentVersion(@Root() customer: Customer, @Ctx() { memo }: SubgraphContext): Promise<number> {
    return this.ledger.versionOf(customer.id, memo);
  }

  @FieldResolver(() => ConsentEventPage)
  @Authorized(SELF)
  async consentHistory(
    @Root() customer: Customer,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConsentEventPage> {
    if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}.`, { field: 'first' });
    const afterSeq = after ? decodeCursor(after) : 0;
    const all = await this.ledger.decisionsOf(customer.id);
    const rest = all.filter((d) => d.seq > afterSeq);
    const page = rest.slice(0, first);
    return {
      events: page as ConsentEventPage['events'],
      endCursor: page.length > 0 ? encodeCursor(page[page.length - 1].seq) : null,
      hasNextPage: rest.length > first,
    };
  }
}
