import { loadConfigOrExit, type SubgraphName } from './config.js';
import { listen } from './http.js';
import type { SubgraphModule, SubgraphOptions } from './subgraph-module.js';

/** Entry point body for `subgraphs/<name>/main.ts`: start one subgraph alone and stop on a signal. */
export async function runSubgraph(name: SubgraphName, create: (options: SubgraphOptions) => Promise<SubgraphModule<unknown>>): Promise<void> {
  const config = loadConfigOrExit();
  const subgraph = await create({ config });
  const server = await listen(subgraph.app, config.subgraphPorts[name], config.host);
  console.log(`${name} subgraph listening on ${server.url}/graphql`);
  const stop = async () => {
    await server.close();
    await subgraph.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
