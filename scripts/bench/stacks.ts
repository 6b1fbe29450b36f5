import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/shared/config.js';
import { startProcess, type BenchProcess } from './processes.js';

/** The gateways compared side by side, in front of the same subgraph processes. */
export const GATEWAYS = {
  project: { label: 'this project', entry: 'gateway/main.ts' },
  apollo: { label: '@apollo/gateway', entry: 'scripts/bench/peers/apollo-gateway.ts' },
  hive: { label: 'Hive runtime + Rust planner', entry: 'scripts/bench/peers/hive-gateway.ts' },
} as const;
export type GatewayName = keyof typeof GATEWAYS;

/** Production settings shared by every process of one benchmark run (fresh secrets each run). */
export function benchEnvironment(dataDir: string): Record<string, string> {
  const preferenceCenterDir = path.join(dataDir, 'web');
  fs.mkdirSync(preferenceCenterDir, { recursive: true });
  fs.writeFileSync(path.join(preferenceCenterDir, 'index.html'), '<!doctype html><title>bench</title>');
  return {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PREFERENCE_CENTER_DIR: preferenceCenterDir,
    GATEWAY_SECRET: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const answersGraphQL = (url: string) => async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return response.ok;
};

export interface SeparateStack {
  subgraphs: BenchProcess[];
  /** Starts one gateway in front of the subgraphs; stop it before starting the next. */
  startGateway(name: GatewayName): Promise<BenchProcess>;
  stop(): Promise<void>;
}

/** Each subgraph in its own process, on loopback, in production mode. */
export async function startSeparateStack(env: Record<string, string>, profileDir?: string): Promise<SeparateStack> {
  const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await freePort()]))) as Record<SubgraphName, number>;
  const portEnv = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_PORT`, String(ports[n])]));
  const shared = { ...env, ...portEnv };
  const subgraphs: BenchProcess[] = [];
  try {
    for (const name of SUBGRAPH_NAMES) {
      const url = `http://127.0.0.1:${ports[name]}/graphql`;
      subgraphs.push(
        await startProcess(
          name,
          `subgraphs/${name}/main.ts`,
          shared,
          url,
          async () => (await fetch(url.replace('/graphql', '/health'))).ok,
          profileDir,
        ),
      );
    }
  } catch (error) {
    await Promise.all(subgraphs.map((s) => s.stop()));
    throw error;
  }
  return {
    subgraphs,
    async startGateway(name) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      return startProcess(`${name} gateway`, GATEWAYS[name].entry, { ...shared, PORT: String(port) }, url, answersGraphQL(url), profileDir);
    },
    async stop() {
      await Promise.all(subgraphs.map((s) => s.stop()));
    },
  };
}

/** The one-process shape of `npm start` (every part and the gateway in one Node process). */
export async function startOneProcess(env: Record<string, string>, profileDir?: string): Promise<BenchProcess> {
  const ports: Record<string, string> = { PORT: String(await freePort()) };
  for (const name of SUBGRAPH_NAMES) ports[`${name.toUpperCase()}_PORT`] = String(await freePort());
  const url = `http://127.0.0.1:${ports.PORT}/graphql`;
  return startProcess('npm start (one process)', 'scripts/start.ts', { ...env, ...ports }, url, answersGraphQL(url), profileDir);
}
