import type { GraphQLSchema } from 'graphql';
import type { CustomerDataService } from '../shared/customer-data.js';
import { CustomerDataResolver } from '../shared/customer-data.resolver.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { WithdrawalResolver } from '../shared/withdrawal.resolver.js';
import { CatalogItem, Customer, Recommendation } from './types/recommendation.types.js';
import { catalogItemReference } from './catalog-item.reference.js';
import { customerReference } from './customer.reference.js';
import { recommendationReference } from './recommendation.reference.js';
import { CustomerRecommendationsResolver } from './resolvers/customer.resolver.js';
import { DecisionLogResolver } from './resolvers/decision-log.resolver.js';
import { FeedbackResolver } from './resolvers/feedback.resolver.js';
import { OverrideResolver } from './resolvers/override.resolver.js';
import { MeasurementResolver } from './resolvers/measurement.resolver.js';
import type { MeasurementService } from './services/measurement.service.js';
import { CatalogItemResolver, RecommendationResolver } from './resolvers/recommendation.resolver.js';
import type { CatalogService } from './services/catalog.service.js';
import type { DecisionRetentionService } from './services/decision-retention.service.js';
import type { TrainingRetentionService } from './services/training-retention.service.js';
import type { DecisionService } from './services/decision.service.js';
import { TrainingResolver } from './resolvers/training.resolver.js';
import type { FeedbackService } from './services/feedback.service.js';
import type { ModelService } from './services/model.service.js';
import { RecommendationsWithdrawal } from './services/withdrawal.service.js';
import type { OverrideService } from './services/override.service.js';

export interface RecommendationServices {
  catalog: CatalogService;
  decisions: DecisionService;
  /** Export and erasure of a customer's decisions and model share. */
  customerData: CustomerDataService;
  model: ModelService;
  overrides: OverrideService;
  feedback: FeedbackService;
  /** Deletes and unlearns training interactions past the `model.training` retention window. */
  trainingRetention: TrainingRetentionService;
  /** Deletes anonymous visitors' decisions past their retention. */
  decisionRetention: DecisionRetentionService;
  /** Staff reports read back from the decision log and profile's stored events. */
  measurement: MeasurementService;
}

export function buildRecommendationsSchema(services: RecommendationServices): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Entities other subgraphs reach by key must be in the schema even when no query returns them.
    orphanedTypes: [Customer, Recommendation, CatalogItem],
    resolvers: [
      CustomerRecommendationsResolver,
      DecisionLogResolver,
      RecommendationResolver,
      CatalogItemResolver,
      OverrideResolver,
      MeasurementResolver,
      FeedbackResolver,
      TrainingResolver,
      CustomerDataResolver,
      WithdrawalResolver,
    ],
    resolverInstances: [
      new CustomerRecommendationsResolver(services.decisions),
      new DecisionLogResolver(services.decisions),
      new RecommendationResolver(services.decisions, services.catalog),
      new CatalogItemResolver(services.catalog),
      new OverrideResolver(services.overrides),
      new MeasurementResolver(services.measurement),
      new FeedbackResolver(services.feedback),
      new TrainingResolver(services.model),
      new CustomerDataResolver(services.customerData),
      new WithdrawalResolver('recommendations', new RecommendationsWithdrawal(services.model, services.decisions)),
    ],
    referenceResolvers: {
      Customer: customerReference,
      Recommendation: recommendationReference(services.decisions),
      CatalogItem: catalogItemReference(services.catalog),
    },
  });
}
