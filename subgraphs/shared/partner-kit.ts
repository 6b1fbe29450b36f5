import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import type { Config } from './config.js';
import type { PartnerRegistration } from './partners.js';
import type { SubgraphModule, SubgraphOptions } from './subgraph-module.js';

/** What a partner subgraph's `partner.ts` exports as `partner` (the template generates one). */
export interface PartnerSubgraph {
  /** The schema alone, for composition and the data policy: services are not called while building it. */
  buildSchemaForComposition(): Promise<GraphQLSchema>;
  create(options: PartnerOptions): Promise<SubgraphModule<unknown>>;
}

export interface PartnerOptions extends SubgraphOptions {
  registration: PartnerRegistration;
}

/** An in-repository partner's module (registered with `module` in the partners file). */
export async function loadPartner(registration: PartnerRegistration): Promise<PartnerSubgraph> {
  if (!registration.module) throw new Error(`partner "${registration.name}" has no module in this repository`);
  const loaded = (await import(pathToFileURL(registration.module).href)) as { partner?: PartnerSubgraph };
  if (!loaded.partner) throw new Error(`${registration.module} does not export \`partner\``);
  return loaded.partner;
}

/** A partner's subgraph SDL: printed from its module, or read from its SDL file. */
export async function partnerTypeDefs(registration: PartnerRegistration): Promise<DocumentNode> {
  if (registration.sdlFile) return gql(fs.readFileSync(registration.sdlFile, 'utf8'));
  return gql(printSubgraphSchema(await (await loadPartner(registration)).buildSchemaForComposition()));
}

/**
 * A partner's server believes only requests signed with its own secret: the gateway and our
 * services sign its requests with it, and it can sign nothing another part would believe.
 */
export function partnerServerConfig(config: Config, registration: PartnerRegistration): Config {
  return { ...config, gatewaySecret: registration.signingSecret };
}
