import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type ContainerType } from 'type-graphql';
import { authChecker } from './authorization.js';

const FEDERATION_LINK = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"]
    )
`;

export interface FederatedSchemaOptions {
  resolvers: NonNullable<BuildSchemaOptions['resolvers']>;
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** Resolver instances for this schema only: no global container, so tests build their own. */
  resolverInstances: object[];
  /** `__resolveReference` functions, one small file per entity. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
}

/** Builds a type-graphql schema and turns it into a federation 2 subgraph schema. */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: instanceContainer(options.resolverInstances),
    validate: false,
    // Every access rule is declared with @Authorized and checked by this one function.
    authChecker,
    skipCheck: true, // a subgraph may have no Query fields of its own
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) } as never;
  }
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers,
  });
}

function instanceContainer(instances: object[]): ContainerType {
  const byClass = new Map<unknown, object>(instances.map((i) => [i.constructor, i]));
  return {
    get(someClass) {
      const instance = byClass.get(someClass);
      if (!instance) throw new Error(`No resolver instance registered for ${(someClass as { name?: string }).name}`);
      return instance;
    },
  };
}
