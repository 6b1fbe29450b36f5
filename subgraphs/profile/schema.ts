import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../shared/federation.js';
import { Customer } from './types/profile.types.js';
import { customerReference } from './customer.reference.js';
import { ProfileCustomerResolver } from './resolvers/customer.resolver.js';
import { ProfileMutationResolver } from './resolvers/profile-mutation.resolver.js';
import { InternalFeedbackResolver } from './resolvers/internal-feedback.resolver.js';
import type { EventService } from './services/event.service.js';
import type { PreferenceService } from './services/preference.service.js';
import type { SignalService } from './services/signal.service.js';

export interface ProfileServices {
  preferences: PreferenceService;
  events: EventService;
  signals: SignalService;
}

export function buildProfileSchema(services: ProfileServices): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Entities other subgraphs reach by key must be in the schema even when no query returns them.
    orphanedTypes: [Customer],
    resolvers: [ProfileCustomerResolver, ProfileMutationResolver, InternalFeedbackResolver],
    resolverInstances: [
      new ProfileCustomerResolver(services.preferences, services.signals),
      new ProfileMutationResolver(services.preferences, services.events),
      new InternalFeedbackResolver(services.events),
    ],
    referenceResolvers: customerReference,
  });
}
