import type { GraphQLSchema } from 'graphql';
import type { CustomerDataService } from '../shared/customer-data.js';
import { CustomerDataResolver } from '../shared/customer-data.resolver.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { WithdrawalResolver } from '../shared/withdrawal.resolver.js';
import { Recommendation } from './types/explanation.types.js';
import { recommendationReference } from './recommendation.reference.js';
import { ExplanationResolver } from './resolvers/recommendation.resolver.js';
import type { ExplanationService } from './services/explanation.service.js';

export interface ExplanationServices {
  explanations: ExplanationService;
  /** Export and erasure of the explanations shown to a customer. */
  customerData: CustomerDataService;
}

export function buildExplanationsSchema(services: ExplanationServices): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Entities other subgraphs reach by key must be in the schema even when no query returns them.
    orphanedTypes: [Recommendation],
    resolvers: [ExplanationResolver, CustomerDataResolver, WithdrawalResolver],
    resolverInstances: [
      new ExplanationResolver(services.explanations),
      new CustomerDataResolver(services.customerData),
      new WithdrawalResolver('explanations', services.explanations),
    ],
    referenceResolvers: { Recommendation: recommendationReference },
  });
}
