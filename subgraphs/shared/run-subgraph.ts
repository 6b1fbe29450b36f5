import { loadConfigOrExit, type SubgraphName } from './config.js';
import { listen } from './http.js';
import type { SubgraphModule, SubgraphOptions } from './subgraph-module.js';

/** Entry point body for `subgraphs/<name>/main.ts`: start one subgraph alone and stop on a signal. */
export async function runSubgraph(name: SubgraphName, create: (options: SubgraphOptions) => Promise<SubgraphModule<unknown>>): Promise<void> {
  const config = loadConfigOrExit();
  const subgraph = await create({ config });
  const server = await listen(subgraph.app, config.subgraphPorts[name], config.host);
  subgraph.start();
  console.log(`${name} subgraph listening on ${server.url}/graphql`);
  const stop = async (signal: string) => {
    console.log(`${name} subgraph stopping (${signal}): finishing requests under way, then closing the database`);
    try {
      await server.close();
      await subgraph.close();
      process.exit(0);
    } catch (error) {
      console.error(`${name} subgraph did not stop cleanly`, error);
      process.exit(1);
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
