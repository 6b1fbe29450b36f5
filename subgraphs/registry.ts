import type { GraphQLSchema } from 'graphql';
import type { SubgraphName } from './shared/config.js';
import type { DemoData } from '../scripts/demo/generate.js';
import type { SubgraphModule, SubgraphOptions } from './shared/subgraph-module.js';
import { seedConsent } from './consent/seed.js';
import type { ConsentServices } from './consent/schema.js';
import { seedProfile } from './profile/seed.js';
import { seedRecommendations } from './recommendations/seed.js';
import type { RecommendationServices } from './recommendations/schema.js';
import { buildConsentSchema } from './consent/schema.js';
import { createConsentSubgraph } from './consent/subgraph.js';
import { buildExplanationsSchema } from './explanations/schema.js';
import { createExplanationsSubgraph } from './explanations/subgraph.js';
import { buildProfileSchema } from './profile/schema.js';
import { createProfileSubgraph } from './profile/subgraph.js';
import { buildRecommendationsSchema } from './recommendations/schema.js';
import { createRecommendationsSubgraph } from './recommendations/subgraph.js';

export interface SubgraphDefinition {
  name: SubgraphName;
  create(options: SubgraphOptions): Promise<SubgraphModule<unknown>>;
  /** The schema alone, for composition: services are not called while building it. */
  buildSchemaForComposition(): Promise<GraphQLSchema>;
  /** Loads this subgraph's share of the demo data when its database is empty. */
  seed(module: SubgraphModule<unknown>, data: DemoData): Promise<boolean>;
}

const unusedServices = new Proxy({}, { get: () => undefined }) as never;

/** The first-party subgraphs, in start order (consent first: others ask it at collection time). */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  {
    name: 'consent',
    create: createConsentSubgraph,
    buildSchemaForComposition: () => buildConsentSchema(unusedServices),
    seed: (m, data) => seedConsent(m.services as ConsentServices, data.customers),
  },
  {
    name: 'profile',
    create: createProfileSubgraph,
    buildSchemaForComposition: () => buildProfileSchema(unusedServices),
    seed: (m, data) => seedProfile(m.dataSource, data.customers),
  },
  {
    name: 'recommendations',
    create: createRecommendationsSubgraph,
    buildSchemaForComposition: () => buildRecommendationsSchema(unusedServices),
    seed: (m, data) => seedRecommendations(m.services as RecommendationServices, data),
  },
  {
    name: 'explanations',
    create: createExplanationsSubgraph,
    buildSchemaForComposition: () => buildExplanationsSchema(unusedServices),
    seed: async () => false, // holds only what is shown later
  },
];
