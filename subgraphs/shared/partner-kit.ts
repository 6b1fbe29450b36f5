import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from './clock.js';
import { CustomerDataResolver } from './customer-data.resolver.js';
import { CustomerDataService, type CustomerDataHolder } from './customer-data.js';
import { openDatabase } from './database.js';
import { buildFederatedSchema, type FederatedSchemaOptions } from './federation.js';
import { connectJetStream } from './message-engine.js';
import { createSubgraphServer } from './subgraph-server.js';
import { NONCE_ENTITIES, RequestNonces, SignedRequestNoncesTable } from './request-nonces.js';
import { Transactions } from './transactions.js';
import { startWithdrawalConsumer } from './withdrawal-relay.js';
import { acknowledgeGrant, ConsentGrantResolver, consumeConsentGrants, type ConsentChangeHandler } from './consent-grants.js';
import { WithdrawalResolver, type WithdrawalHandler } from './withdrawal.resolver.js';
import { PartnerCustomer } from './partner-customer.js';
import gql from 'graphql-tag';
import { loadConfigOrExit, type Config } from './config.js';
import { listen } from './http.js';
import type { PartnerRegistration } from './partners.js';
import { assembleSubgraph, type SubgraphModule, type SubgraphOptions } from './subgraph-module.js';

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

/** Entry point body for `subgraphs/<partner>/main.ts`: start one registered partner alone (on its URL's port). */
export async function runPartner(name: string, partner: PartnerSubgraph): Promise<void> {
  const config = loadConfigOrExit();
  const registration = config.partners.find((p) => p.name === name);
  if (!registration) {
    console.error(`"${name}" is not registered in the partners file (PARTNERS_FILE, default ./partners.json): see docs/partners.md`);
    process.exit(1);
  }
  const subgraph = await partner.create({ config, registration });
  const server = await listen(subgraph.app, Number(new URL(registration.url).port), config.host);
  subgraph.start();
  console.log(`${name} partner subgraph listening on ${server.url}/graphql`);
  const stop = async () => {
    await server.close();
    await subgraph.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export interface PartnerParts<Services> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** The partner's own services, over its own database. */
  services(dataSource: DataSource, clock: Clock): Services;
  /** What it stores about a customer: exported and erased with them. */
  holders: CustomerDataHolder[];
  /** What it removes when consent pushes a withdrawal in its scope. */
  withdrawals(services: Services): WithdrawalHandler;
  /** What it does when consent pushes a grant in its scope (only its purposes). Absent: acknowledge. */
  onConsentChange?(services: Services): ConsentChangeHandler;
  schema(services: Services): PartnerSchemaParts;
}

export interface PartnerSchemaParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  resolverInstances: object[];
  /** Types no resolver returns but the graph reaches (`Customer` is always there). */
  orphanedTypes?: NonNullable<FederatedSchemaOptions['orphanedTypes']>;
}

/**
 * A partner's schema: its own resolvers plus the hooks the data policy asks for (export and
 * erasure, the withdrawals and grants consent pushes) and `Customer` by key, its representation kept as given
 * (with `grantedPurposes` from `@requires`, read only through the gate).
 */
export function buildPartnerSchema(
  name: string,
  parts: PartnerSchemaParts,
  hooks: { customerData: CustomerDataService; withdrawals: WithdrawalHandler; grants: ConsentChangeHandler },
): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    orphanedTypes: [PartnerCustomer, ...(parts.orphanedTypes ?? [])],
    resolvers: [CustomerDataResolver, WithdrawalResolver, ConsentGrantResolver, ...parts.resolvers],
    resolverInstances: [
      ...parts.resolverInstances,
      new CustomerDataResolver(hooks.customerData),
      new WithdrawalResolver(name, hooks.withdrawals),
      new ConsentGrantResolver(hooks.grants),
    ],
    referenceResolvers: { Customer: { __resolveReference: (ref: { id: string; grantedPurposes?: unknown }) => ({ ...ref }) } },
  });
}

/** Services are not called while a schema is built for composition. */
const unused = new Proxy({}, { get: () => undefined }) as never;

/**
 * A partner subgraph from its parts: its own database (`<DATA_DIR>/<name>.sqlite`, or its own
 * PostgreSQL schema), a server that believes only its own secret, and withdrawals and grants from
 * its durable JetStream consumers where a message engine is configured (otherwise consent calls it, signed).
 */
export function definePartner<Services>(parts: PartnerParts<Services>): Omit<PartnerSubgraph, 'create'> & {
  create(options: PartnerOptions): Promise<SubgraphModule<Services & { customerData: CustomerDataService }>>;
} {
  return {
    buildSchemaForComposition: () =>
      buildPartnerSchema('composition', parts.schema(unused), { customerData: unused, withdrawals: unused, grants: unused }),
    async create({ config, registration, clock = systemClock, sqliteFile }) {
      const { name } = registration;
      // Every partner also records the nonces of the signed mutations it accepted (replays are refused).
      const dataSource = await openDatabase({
        name,
        config,
        entities: [...parts.entities, ...NONCE_ENTITIES],
        migrations: [...parts.migrations, SignedRequestNoncesTable],
        sqliteFile,
      });
      const tx = new Transactions(dataSource);
      const own = parts.services(dataSource, clock);
      const services = { ...own, customerData: new CustomerDataService(name, dataSource, tx, parts.holders) };
      const withdrawals = parts.withdrawals(own);
      const grants = parts.onConsentChange?.(own) ?? acknowledgeGrant;
      const server = await createSubgraphServer({
        schema: await buildPartnerSchema(name, parts.schema(own), { customerData: services.customerData, withdrawals, grants }),
        name,
        config: partnerServerConfig(config, registration),
        nonces: new RequestNonces(tx, clock),
      });
      const engine = config.nats ? await connectJetStream(config.nats.url, config.nats.stream) : null;
      return assembleSubgraph({
        server,
        dataSource,
        services,
        startJobs: [
          () => startWithdrawalConsumer(engine, name, withdrawals),
          () =>
            engine &&
            void consumeConsentGrants(engine, name, grants).catch((e: Error) => console.error(`[${name}] grant consumer failed`, e.message)),
        ],
        releaseConnections: [() => engine?.close()],
      });
    },
  };
}
