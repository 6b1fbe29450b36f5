import 'reflect-metadata';
import { loadConfigOrExit } from '../subgraphs/shared/config.js';
import { listen } from '../subgraphs/shared/http.js';
import { createGateway } from './server.js';

const config = loadConfigOrExit();
const gateway = await createGateway({ config });
const server = await listen(gateway.app, config.gatewayPort, config.host);
console.log(`gateway listening on ${server.url}/graphql`);
const stop = async () => {
  await server.close();
  await gateway.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
