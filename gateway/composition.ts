import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import gql from 'graphql-tag';
// The first-party subgraphs load first: the order type-graphql meets resolvers in is the order of
// their fields in the checked-in supergraph.
import { SUBGRAPHS } from '../subgraphs/registry.js';
import { loadConfig, loadPartnersForComposition } from '../subgraphs/shared/config.js';
import { partnerTypeDefs } from '../subgraphs/shared/partner-kit.js';
import type { PartnerRegistration } from '../subgraphs/shared/partners.js';
import { checkDataPolicy, type PolicyViolation } from './data-policy.js';

export { SUPERGRAPH_PATH } from './supergraph-file.js';

export type CompositionResult =
  | { ok: true; supergraphSdl: string }
  | { ok: false; errors: string[]; /** When the data policy refused: what, where and which rule. */ violations?: PolicyViolation[] };

/**
 * Composes the supergraph from every subgraph's SDL, offline, with `@apollo/composition`: the
 * first-party subgraphs and the registered partners (the partners file, unless given), after the
 * consent data policy accepted them all (gateway/data-policy.ts).
 */
export async function composeSupergraph(options: { partners?: readonly PartnerRegistration[] } = {}): Promise<CompositionResult> {
  // The default URLs go into the file; the gateway replaces them with configured ones at start.
  const defaults = loadConfig({ PARTNERS_FILE: '' });
  const partners = options.partners ?? loadPartnersForComposition();
  const services = [
    ...(await Promise.all(
      SUBGRAPHS.map(async (s) => ({
        name: s.name,
        url: defaults.subgraphUrls[s.name],
        typeDefs: gql(printSubgraphSchema(await s.buildSchemaForComposition())),
      })),
    )),
    ...(await Promise.all(partners.map(async (p) => ({ name: p.name, url: p.url, typeDefs: await partnerTypeDefs(p) })))),
  ];
  const violations = checkDataPolicy(
    services.map((s) => {
      const registration = partners.find((p) => p.name === s.name);
      return { ...s, partner: registration && { allowedPurposes: registration.allowedPurposes } };
    }),
  );
  if (violations.length > 0) return { ok: false, errors: violations.map((v) => v.message), violations };
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trim()}\n` };
}
