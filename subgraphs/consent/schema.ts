import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../shared/federation.js';
import { Customer } from './types/consent.types.js';
import { customerReference } from './customer.reference.js';
import { ConsentMutationResolver } from './resolvers/consent-mutation.resolver.js';
import { ConsentReceiptResolver } from './resolvers/consent-receipt.resolver.js';
import { CustomerPrivacyResolver } from './resolvers/customer-privacy.resolver.js';
import { CustomerResolver } from './resolvers/customer.resolver.js';
import { ConsentInternalResolver } from './resolvers/internal.resolver.js';
import { LedgerProofResolver } from './resolvers/ledger-proof.resolver.js';
import { LedgerResolver } from './resolvers/ledger.resolver.js';
import { NoticeResolver } from './resolvers/notice.resolver.js';
import { PurposeResolver } from './resolvers/purpose.resolver.js';
import { ReceiptFormatResolver } from './resolvers/receipt-format.resolver.js';
import type { ConsentService } from './services/consent.service.js';
import type { CustomerDataService } from '../shared/customer-data.js';
import { CustomerDataResolver } from '../shared/customer-data.resolver.js';
import type { ExpiryService } from './services/expiry.service.js';
import type { GpcService } from './services/gpc.service.js';
import type { LedgerProofService } from './services/ledger-proof.js';
import type { LedgerService } from './services/ledger.service.js';
import type { NoticeService } from './services/notice.service.js';
import type { ReceiptSigner } from './services/receipt-signer.js';
import type { ReceiptService } from './services/receipt.service.js';

export interface ConsentServices {
  consent: ConsentService;
  ledger: LedgerService;
  notices: NoticeService;
  receipts: ReceiptService;
  /** Signed ledger chains and tombstones, verifiable offline. */
  proofs: LedgerProofService;
  signer: ReceiptSigner;
  gpc: GpcService;
  expiry: ExpiryService;
  /** What consent holds about a customer (the shared export/erasure contract). */
  customerData: CustomerDataService;
}

/** The consent subgraph's schema; builds without a server or a database of its own. */
export function buildConsentSchema(services: ConsentServices): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Entities other subgraphs reach by key must be in the schema even when no query returns them.
    orphanedTypes: [Customer],
    resolvers: [
      CustomerResolver,
      CustomerPrivacyResolver,
      ConsentReceiptResolver,
      ReceiptFormatResolver,
      PurposeResolver,
      NoticeResolver,
      LedgerResolver,
      LedgerProofResolver,
      ConsentMutationResolver,
      ConsentInternalResolver,
      CustomerDataResolver,
    ],
    resolverInstances: [
      new CustomerResolver(services.consent, services.ledger),
      new CustomerPrivacyResolver(services.receipts, services.gpc),
      new ConsentReceiptResolver(services.receipts),
      new ReceiptFormatResolver(),
      new PurposeResolver(services.notices),
      new NoticeResolver(services.notices, services.signer),
      new LedgerResolver(services.ledger, services.consent),
      new LedgerProofResolver(services.proofs),
      new ConsentMutationResolver(services.consent),
      new ConsentInternalResolver(services.consent),
      new CustomerDataResolver(services.customerData),
    ],
    referenceResolvers: customerReference(services.consent),
  });
}
