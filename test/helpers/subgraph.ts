import type { GraphQLFormattedError } from 'graphql';
import type { Principal } from '../../subgraphs/shared/principal.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';

export const customer = (id: string): Principal => ({ subject: id, role: 'customer', scopes: [], gpc: false });
export const admin: Principal = { subject: 'admin-1', role: 'admin', scopes: [], gpc: false };
export const anonymous: Principal = { scopes: [], gpc: false };

/** Runs one operation against a subgraph in process (apollo-server's executeOperation). */
export async function execute<T = Record<string, any>>(
  module: SubgraphModule<unknown>,
  query: string,
  variables: Record<string, unknown> = {},
  principal: Principal = anonymous,
): Promise<{ data?: T | null; errors?: readonly GraphQLFormattedError[] }> {
  const response = await module.apollo.executeOperation({ query, variables }, { contextValue: { principal } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: T | null; errors?: readonly GraphQLFormattedError[] };
}
