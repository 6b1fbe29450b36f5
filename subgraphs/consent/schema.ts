import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../shared/federation.js';
import { Customer } from './types/consent.types.js';
import { customerReference } from './customer.reference.js';
import { ConsentMutationResolver } from './resolvers/consent-mutation.resolver.js';
import { CustomerResolver } from './resolvers/customer.resolver.js';
import { PurposeResolver } from './resolvers/purpose.resolver.js';
import type { ConsentService } from './services/consent.service.js';
import type { LedgerService } from './services/ledger.service.js';
import type { NoticeService } from './services/notice.service.js';

export interface ConsentServices {
  consent: ConsentService;
  ledger: LedgerService;
  notices: NoticeService;
}

/** The consent subgraph's schema; builds without a server or a database of its own. */
export function buildConsentSchema(services: ConsentServices): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Entities other subgraphs reach by key must be in the schema even when no query returns them.
    orphanedTypes: [Customer],
    resolvers: [CustomerResolver, PurposeResolver, ConsentMutationResolver],
    resolverInstances: [
      new CustomerResolver(services.consent, services.ledger),
      new PurposeResolver(services.notices),
      new ConsentMutationResolver(services.consent),
    ],
    referenceResolvers: customerReference(services.consent),
  });
}
