import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import '../../subgraphs/consent/schema.js';
import '../../subgraphs/explanations/schema.js';
import '../../subgraphs/profile/schema.js';
import '../../subgraphs/recommendations/schema.js';

/**
 * Operations and fields anyone may call, each for a reason; every other root field and field
 * resolver of every subgraph must declare who may call it with @Authorized.
 */
const OPEN: Record<string, string> = {
  'PurposeResolver.purposes': 'the purposes and their notices are public',
  'NoticeResolver.receiptPublicKey': 'the receipt key is published so anyone can verify a receipt',
  'NoticeResolver.receiptPublicKeys': 'the receipt key set is published so anyone can verify a receipt',
  'CustomerResolver.me': 'anyone may ask who they are; anonymous visitors get null',
  'ConsentReceiptResolver.receipt': 'a field of a Consent, reached only through the customer’s own consents',
  'ReceiptFormatResolver.document': 'a field of a receipt, reached only through the customer’s own consents',
  'ReceiptFormatResolver.signature': 'a field of a receipt, reached only through the customer’s own consents',
  'ReceiptFormatResolver.keyId': 'a field of a receipt, reached only through the customer’s own consents',
  'RecommendationResolver.recommendations': 'the contextual list is for anonymous visitors too',
  'RecommendationResolver.catalogItem': 'the catalog is public',
  'RecommendationResolver.catalogItems': 'the catalog is public',
  'RecommendationResolver.catalogFacets': 'the catalog is public',
  'RecommendationResolver.item': 'the catalog item of a recommendation already served',
  'CatalogItemResolver.currency': 'the catalog is public',
  'CatalogItemResolver.url': 'the catalog is public',
  'DecisionLogResolver.decision':
    'anonymous decisions are readable by anyone; a customer’s only by them, answered like a missing one otherwise (checked in the resolver)',
  'ExplanationResolver.explanation': 'a field of a Recommendation, reached only where that recommendation was readable',
};

describe('authorization is declared on every operation', () => {
  it('has an @Authorized rule on every root field and field resolver that is not deliberately open', () => {
    const storage = getMetadataStorage();
    const authorized = new Set(storage.authorizedFields.map((f) => `${f.target.name}.${f.fieldName}`));
    const handlers = [...storage.queries, ...storage.mutations, ...storage.fieldResolvers].map((h) => `${h.target.name}.${h.methodName}`);
    const undeclared = [...new Set(handlers)].filter((h) => !authorized.has(h) && !(h in OPEN)).sort();
    expect(undeclared).toEqual([]);
  });
});
