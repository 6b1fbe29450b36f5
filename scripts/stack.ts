import 'reflect-metadata';
import { createGateway, type GatewayServer } from '../gateway/server.js';
import type { Clock } from '../subgraphs/shared/clock.js';
import type { Config, SubgraphName } from '../subgraphs/shared/config.js';
import { PeerDirectory } from '../subgraphs/shared/peers.js';
import { listen, type RunningServer } from '../subgraphs/shared/http.js';
import type { SubgraphModule } from '../subgraphs/shared/subgraph-module.js';
import { SUBGRAPHS } from '../subgraphs/registry.js';
import { loadPartner } from '../subgraphs/shared/partner-kit.js';
import { generateDemoData, type DemoOptions } from './demo/generate.js';

export interface StackOptions {
  config: Config;
  /** Demo data to load into empty databases; false to start empty. */
  seed?: DemoOptions | false;
  clock?: Clock;
  /** Use the configured ports (npm start) or free ones (tests). */
  ports?: 'configured' | 'free';
  /** The supergraph to serve instead of the checked-in one (a test's, composed with its partners). */
  supergraphSdl?: string;
}

export interface Stack {
  config: Config;
  /** Where each part of this stack listens. */
  peers: PeerDirectory;
  gatewayUrl: string;
  gateway: GatewayServer;
  subgraphs: Record<SubgraphName, SubgraphModule<unknown> & { url: string }>;
  /** The registered partners that live in this repository (a `module`), started here too. */
  partners: Record<string, SubgraphModule<unknown> & { url: string }>;
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * Starts every subgraph and the gateway in this process, on 127.0.0.1. Used by `npm start` and by
 * end-to-end tests (with free ports and a temporary DATA_DIR). Each service can also run alone.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const free = options.ports === 'free';
  const config = options.config;
  // Parts on free ports register where they listen; configuration itself is never changed.
  const peers = PeerDirectory.fromConfig(config);
  const servers: RunningServer[] = [];
  const modules: Partial<Stack['subgraphs']> = {};
  const partners: Stack['partners'] = {};
  const stopAll = async () => {
    for (const s of servers.reverse()) await s.close();
    for (const m of [...Object.values(modules), ...Object.values(partners)]) await m?.close();
  };
  try {
    for (const definition of SUBGRAPHS) {
      const module = await definition.create({ config, peers, clock: options.clock });
      const server = await listen(module.app, free ? 0 : config.subgraphPorts[definition.name], config.host);
      servers.push(server);
      peers.register(definition.name, `${server.url}/graphql`);
      modules[definition.name] = Object.assign(module, { url: peers.urlOf(definition.name) });
    }
    for (const registration of config.partners.filter((p) => p.module)) {
      const module = await (await loadPartner(registration)).create({ config, peers, clock: options.clock, registration });
      const server = await listen(module.app, free ? 0 : Number(new URL(registration.url).port), config.host);
      servers.push(server);
      peers.register(registration.name, `${server.url}/graphql`);
      partners[registration.name] = Object.assign(module, { url: peers.urlOf(registration.name) });
    }
    let seeded = false;
    if (options.seed !== false) {
      const data = generateDemoData(options.seed ?? {});
      for (const definition of SUBGRAPHS) {
        seeded = (await definition.seed(modules[definition.name]!, data)) || seeded;
      }
    }
    for (const module of [...Object.values(modules), ...Object.values(partners)]) module?.start();
    const gateway = await createGateway({ config, peers, supergraphSdl: options.supergraphSdl });
    const gatewayServer = await listen(gateway.app, free ? 0 : config.gatewayPort, config.host);
    servers.push(gatewayServer);
    return {
      config,
      peers,
      gatewayUrl: gatewayServer.url,
      gateway,
      subgraphs: modules as Stack['subgraphs'],
      partners,
      seeded,
      async close() {
        await stopAll();
        await gateway.stop();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
