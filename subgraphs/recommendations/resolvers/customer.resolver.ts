import { Authorized, Arg, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { SELF } from '../../shared/authorization.js';
import { TAGGED_SIGNAL_SELECTION } from '../../shared/signal.types.js';
import type { DecisionService } from '../services/decision.service.js';
import { ContextInput, Customer, RecommendationList } from '../types/recommendation.types.js';
import { toRecommendationList, toRequestContext, validateFirst } from './context.js';

@Resolver(() => Customer)
export class CustomerRecommendationsResolver {
  constructor(private readonly decisions: DecisionService) {}

  // Requires only base fields (never a field that itself has @requires): see SPEC §3.
  @Directive(`@requires(fields: "grantedPurposes consentVersion storedSignals { ${TAGGED_SIGNAL_SELECTION} }")`)
  @FieldResolver(() => RecommendationList, {
    nullable: true,
    description: 'A list for this customer, using only what they consented to now. Null only when a part it needs did not answer.',
  })
  @Authorized(SELF)
  async recommendations(
    @Root() customer: Customer,
    @Arg('context', () => ContextInput, { nullable: true }) context: ContextInput | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
  ): Promise<RecommendationList> {
    const decision = await this.decisions.decide({
      customerId: customer.id,
      grantedPurposes: customer.grantedPurposes,
      storedSignals: customer.storedSignals,
      consentVersion: customer.consentVersion,
      context: toRequestContext(context),
      first: validateFirst(first),
    });
    return toRecommendationList(decision);
  }
}
