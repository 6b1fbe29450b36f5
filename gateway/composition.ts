import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import gql from 'graphql-tag';
import { loadConfig } from '../subgraphs/shared/config.js';
import { SUBGRAPHS } from '../subgraphs/registry.js';

export { SUPERGRAPH_PATH } from './supergraph-file.js';

export type CompositionResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the supergraph from every subgraph's SDL, offline, with `@apollo/composition`. */
export async function composeSupergraph(): Promise<CompositionResult> {
  // The default URLs go into the file; the gateway replaces them with configured ones at start.
  const defaults = loadConfig({});
  const services = await Promise.all(
    SUBGRAPHS.map(async (s) => ({
      name: s.name,
      url: defaults.subgraphUrls[s.name],
      typeDefs: gql(printSubgraphSchema(await s.buildSchemaForComposition())),
    })),
  );
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trim()}\n` };
}
