import { Authorized, Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { SELF } from '../../shared/authorization.js';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput, notFound } from '../../shared/errors.js';
import { mayAccessCustomer } from '../../shared/principal.js';
import type { DecisionService } from '../services/decision.service.js';
import { Decision } from '../types/decision.types.js';
import { Customer } from '../types/recommendation.types.js';
import { toDecision } from './decision-view.js';

const MAX_DECISIONS = 50;

/** The decision log, read back by the customer each decision was for. */
@Resolver(() => Customer)
export class DecisionLogResolver {
  constructor(private readonly log: DecisionService) {}

  @FieldResolver(() => [Decision], {
    nullable: true,
    description:
      'Your most recent recommendation decisions, newest first: what was shown and why. Null only when the recommendations service did not answer.',
  })
  @Authorized(SELF)
  async decisions(@Root() customer: Customer, @Arg('first', () => Int, { defaultValue: 10 }) first: number): Promise<Decision[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DECISIONS)
      throw badInput(`first must be between 1 and ${MAX_DECISIONS}.`, { field: 'first' });
    return (await this.log.listFor(customer.id, first)).map(toDecision);
  }

  @Query(() => Decision, { description: 'One logged decision by id: yours, or an anonymous one.' })
  async decision(@Ctx() { principal }: SubgraphContext, @Arg('id', () => ID) id: string): Promise<Decision> {
    const record = await this.log.find(id);
    // Someone else's decision is answered like one that does not exist: the answer reveals neither.
    if (!record || (record.customerId && !mayAccessCustomer(principal, record.customerId))) throw notFound('There is no decision with that id.');
    return toDecision(record);
  }
}
