import type { GraphQLSchema } from 'graphql';
import type { Outbox } from '../shared/outbox.js';
import type { CustomerDataService } from '../shared/customer-data.js';
import { CustomerDataResolver } from '../shared/customer-data.resolver.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { WithdrawalResolver } from '../shared/withdrawal.resolver.js';
import { Customer } from './types/profile.types.js';
import { customerReference } from './customer.reference.js';
import { ProfileCustomerResolver } from './resolvers/customer.resolver.js';
import { MyDataResolver } from './resolvers/my-data.resolver.js';
import { ProfileMutationResolver } from './resolvers/profile-mutation.resolver.js';
import type { DataExportService } from './services/data-export.service.js';
import type { ErasureService } from './services/erasure.service.js';
import { InternalFeedbackResolver } from './resolvers/internal-feedback.resolver.js';
import { InternalMeasurementResolver } from './resolvers/internal-measurement.resolver.js';
import type { MeasurementEventsService } from './services/measurement-events.service.js';
import type { EventService } from './services/event.service.js';
import type { PreferenceService } from './services/preference.service.js';
import type { RetentionService } from './services/retention.service.js';
import type { SignalService } from './services/signal.service.js';
import type { WithdrawalService } from './services/withdrawal.service.js';

export interface ProfileServices {
  preferences: PreferenceService;
  events: EventService;
  signals: SignalService;
  /** What profile itself holds about a customer (internal export/erasure contract). */
  customerData: CustomerDataService;
  /** The customer's one-document export gathered from every subgraph. */
  dataExport: DataExportService;
  erasure: ErasureService;
  retention: RetentionService;
  withdrawals: WithdrawalService;
  /** What must reach other parts (training interactions), relayed until delivered. */
  outbox: Outbox;
  /** Stored events read back for the recommendations service's reports (internal). */
  measurementEvents: MeasurementEventsService;
}

export function buildProfileSchema(services: ProfileServices): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Entities other subgraphs reach by key must be in the schema even when no query returns them.
    orphanedTypes: [Customer],
    resolvers: [
      ProfileCustomerResolver,
      ProfileMutationResolver,
      MyDataResolver,
      CustomerDataResolver,
      WithdrawalResolver,
      InternalFeedbackResolver,
      InternalMeasurementResolver,
    ],
    resolverInstances: [
      new ProfileCustomerResolver(services.preferences, services.signals),
      new ProfileMutationResolver(services.preferences, services.events),
      new MyDataResolver(services.dataExport, services.erasure),
      new CustomerDataResolver(services.customerData),
      new WithdrawalResolver('profile', services.withdrawals),
      new InternalFeedbackResolver(services.events),
      new InternalMeasurementResolver(services.measurementEvents),
    ],
    referenceResolvers: customerReference,
  });
}
