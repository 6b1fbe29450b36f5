import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { printSubgraphSchema } from '@apollo/subgraph';
import gql from 'graphql-tag';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../gateway/composition.js';
import { checkDataPolicy, type PolicySubgraph } from '../gateway/data-policy.js';
import { loadPartnersForComposition } from '../subgraphs/shared/config.js';
import type { PurposeId } from '../subgraphs/shared/purposes.js';
import { SUBGRAPHS } from '../subgraphs/registry.js';

const FIXTURES = path.resolve('test/fixtures/partners');
const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@provides", "@inaccessible", "@shareable", "@tag"])`;
/** The export and erasure hooks, as the shared CustomerDataResolver serves them. */
const HOOKS = `
  type Query { exportCustomerData(customerId: ID!): String! @inaccessible @shareable }
  type ErasureReport @shareable { subgraph: String! }
  type Mutation { eraseCustomerData(customerId: ID!): ErasureReport! @inaccessible @shareable }`;

const partner = (name: string, sdl: string, allowedPurposes: PurposeId[] = ['share.partners']): PolicySubgraph => ({
  name,
  typeDefs: gql(`${LINK}\n${sdl}`),
  partner: { allowedPurposes },
});

describe('the consent data policy, enforced at composition', () => {
  let firstParty: PolicySubgraph[];
  beforeAll(async () => {
    firstParty = await Promise.all(
      SUBGRAPHS.map(async (s) => ({ name: s.name, typeDefs: gql(printSubgraphSchema(await s.buildSchemaForComposition())) })),
    );
  });
  const violations = (...partners: PolicySubgraph[]) => checkDataPolicy([...firstParty, ...partners]).map((v) => v.message);

  it('accepts the first-party graph and the reviews partner, and composes them with the purpose tag kept', async () => {
    expect(checkDataPolicy(firstParty)).toEqual([]);
    const partners = loadPartnersForComposition({ PARTNERS_FILE: path.join(FIXTURES, 'partners.json') });
    const result = await composeSupergraph({ partners });
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.supergraphSdl).toContain('REVIEWS @join__graph(name: "reviews", url: "http://127.0.0.1:4101/graphql")');
    expect(result.supergraphSdl).toMatch(
      /reviews: \[Review!\]! @join__field\(graph: REVIEWS, requires: "grantedPurposes"\) @tag\(name: "purpose:share.partners"\)/,
    );
  });

  it('refuses a tagged field that does not @require grantedPurposes', () => {
    const sdl = `type Customer @key(fields: "id") { id: ID! reviews: [String!]! @tag(name: "purpose:share.partners") } ${HOOKS}`;
    expect(violations(partner('reviews', sdl))).toEqual([
      'subgraph "reviews", field Customer.reviews: it is purpose-tagged but does not @requires(fields: "grantedPurposes") to pass the consent gate [rule: tagged-field-requires-consent]',
    ]);
  });

  it('refuses a partner that @requires or @provides a personal field it is not allowed for that purpose', () => {
    const requiring = `
      type TaggedSignal @key(fields: "kind") { kind: String! }
      type Customer @key(fields: "id") {
        id: ID!
        grantedPurposes: [String!]! @external
        storedSignals: [TaggedSignal!]! @external
        picks: [String!]! @requires(fields: "grantedPurposes storedSignals { kind }") @tag(name: "purpose:share.partners")
      } ${HOOKS}`;
    expect(violations(partner('picks', requiring, ['share.partners', 'personalization.stated']))).toEqual([
      'subgraph "picks", field Customer.picks: it @requires Customer.storedSignals, personal data for "personalization.behavioral", "personalization.purchase", which this partner is not registered for [rule: purpose-allowed]',
    ]);
    expect(
      violations(partner('picks', requiring, ['share.partners', 'personalization.stated', 'personalization.behavioral', 'personalization.purchase'])),
    ).toEqual([]);
    const providing = `
      type TaggedSignal @key(fields: "kind") { kind: String! }
      type Customer @key(fields: "id") { id: ID! storedSignals: [TaggedSignal!]! @external }
      type Query { shopper: Customer @provides(fields: "storedSignals { kind }") }`;
    expect(violations(partner('shopper', providing))).toEqual([
      'subgraph "shopper", field Query.shopper: it @provides Customer.storedSignals, personal data for "personalization.stated", "personalization.behavioral", "personalization.purchase", which this partner is not registered for [rule: purpose-allowed]',
    ]);
    const ownTag = `type Customer @key(fields: "id") { id: ID! grantedPurposes: [String!]! @external mails: [String!]! @requires(fields: "grantedPurposes") @tag(name: "purpose:marketing.email") } ${HOOKS}`;
    expect(violations(partner('mailer', ownTag))).toEqual([
      'subgraph "mailer", field Customer.mails: it is tagged with purpose "marketing.email", which this partner is not registered for [rule: purpose-allowed]',
    ]);
  });

  it("refuses a partner receiving another partner's fields or a first-party internal field", () => {
    const reviews = partner(
      'reviews',
      `type Customer @key(fields: "id") { id: ID! grantedPurposes: [String!]! @external reviews: [String!]! @requires(fields: "grantedPurposes") @tag(name: "purpose:share.partners") } ${HOOKS}`,
    );
    const snooping = `type Customer @key(fields: "id") {
      id: ID!
      grantedPurposes: [String!]! @external
      reviews: [String!]! @external
      consentVersion: Int! @external
      score: Int! @requires(fields: "grantedPurposes reviews consentVersion") @tag(name: "purpose:share.partners")
    } ${HOOKS}`;
    expect(violations(reviews, partner('loyalty', snooping))).toEqual([
      `subgraph "loyalty", field Customer.score: it @requires Customer.reviews, a field of partner "reviews"; a partner never receives another partner's fields [rule: partner-isolation]`,
      'subgraph "loyalty", field Customer.score: it @requires Customer.consentVersion, an internal field of "consent"; partners receive no internal fields [rule: no-internal-fields]',
    ]);
  });

  it('refuses a partner that stores personal data without the export and erasure hooks', () => {
    const sdl = `type Customer @key(fields: "id") { id: ID! grantedPurposes: [String!]! @external reviews: [String!]! @requires(fields: "grantedPurposes") @tag(name: "purpose:share.partners") }`;
    expect(violations(partner('reviews', sdl))).toEqual([
      'subgraph "reviews", field Query.exportCustomerData: the partner stores personal data (it has purpose-tagged fields) but does not serve the export and erasure hooks (CustomerDataResolver) [rule: export-and-erasure-hooks]',
      'subgraph "reviews", field Mutation.eraseCustomerData: the partner stores personal data (it has purpose-tagged fields) but does not serve the export and erasure hooks (CustomerDataResolver) [rule: export-and-erasure-hooks]',
    ]);
  });

  it('refuses an untagged field on Customer in a partner subgraph, and a tag naming no purpose', () => {
    const sdl = `type Customer @key(fields: "id") { id: ID! grantedPurposes: [String!]! @external tier: String  badge: String @requires(fields: "grantedPurposes") @tag(name: "purpose:loyalty") } ${HOOKS}`;
    expect(violations(partner('loyalty', sdl))).toEqual([
      `subgraph "loyalty", field Customer.tier: a partner's field on Customer must carry @tag(name: "purpose:<purpose>") naming what it is for [rule: customer-fields-tagged]`,
      'subgraph "loyalty", field Customer.badge: "purpose:loyalty" names no purpose that personal data may be used for [rule: known-purpose]',
    ]);
  });

  it('makes `npm run compose` refuse, naming subgraph, field and rule, and write nothing', async () => {
    const compose = promisify(execFile)('npx', ['tsx', 'scripts/compose.ts'], {
      env: { ...process.env, PARTNERS_FILE: path.join(FIXTURES, 'refused/partners.json') },
    });
    const failure = (await compose.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )) as { code: number; stderr: string } | null;
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      `Composition failed:\n  - subgraph "loyalty", field Customer.loyaltyTier: a partner's field on Customer must carry @tag(name: "purpose:<purpose>") naming what it is for [rule: customer-fields-tagged]`,
    );
  });
});
