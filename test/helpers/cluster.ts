import http from 'node:http';
import { createGateway, type GatewayServer } from '../../gateway/server.js';
import { generateDemoData, type DemoOptions } from '../../scripts/demo/generate.js';
import { SUBGRAPHS } from '../../subgraphs/registry.js';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '../../subgraphs/shared/config.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from './config.js';

interface Instance {
  module: SubgraphModule<unknown>;
  server: RunningServer;
  alive: boolean;
  /** Set by `crashMidRequest`: crash a moment after the next request reaches this instance. */
  crashOnNextRequest?: () => void;
}

export interface Cluster {
  config: Config;
  gatewayUrls: string[];
  instances: Record<SubgraphName, Instance[]>;
  /** Crashes one instance a moment after the next request reaches it: that request and others under way are cut. */
  crashMidRequest(name: SubgraphName, index: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A round-robin load balancer in front of one part's instances, as an operator would run: a
 * request an instance refuses goes to the next one; one cut under way answers 502.
 */
async function balancer(backends: () => Instance[]): Promise<RunningServer> {
  let next = 0;
  return listen(
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const tryFrom = (attempt: number) => {
          const alive = backends().filter((b) => b.alive);
          if (attempt >= alive.length) {
            res.writeHead(502, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no instance answered"}]}');
            return;
          }
          const target = alive[next++ % alive.length];
          const url = new URL(req.url ?? '/', target.server.url);
          const upstream = http.request(url, { method: req.method, headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          // Like a proxy's default for POST: try the next instance only if this one refused the
          // connection (nothing was sent); a request cut under way is the client's to retry.
          upstream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'ECONNREFUSED' && !res.headersSent) tryFrom(attempt + 1);
            else if (!res.headersSent)
              res.writeHead(502, { 'content-type': 'application/json' }).end('{"errors":[{"message":"the instance went away"}]}');
            else res.destroy();
          });
          upstream.end(body);
          const crash = target.crashOnNextRequest;
          target.crashOnNextRequest = undefined;
          if (crash) setTimeout(crash, 3);
        };
        tryFrom(0);
      });
    },
    0,
    '127.0.0.1',
  );
}

/**
 * `count` instances of every subgraph and `count` gateways on one PostgreSQL database (one set of
 * schemas), each part behind its own load balancer, with demo data seeded once.
 */
export async function startCluster(options: { databaseUrl: string; count: number; seed: DemoOptions }): Promise<Cluster> {
  const instances = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, [] as Instance[]])) as Record<SubgraphName, Instance[]>;
  const balancers: RunningServer[] = [];
  const urls = {} as Config['subgraphUrls'];
  for (const name of SUBGRAPH_NAMES) {
    const lb = await balancer(() => instances[name]);
    balancers.push(lb);
    urls[name] = `${lb.url}/graphql`;
  }
  const config = testConfig({ databaseUrl: options.databaseUrl, subgraphUrls: urls });
  for (const definition of SUBGRAPHS) {
    for (let i = 0; i < options.count; i += 1) {
      const module = await definition.create({ config });
      const server = await listen(module.app, 0, '127.0.0.1');
      module.start();
      instances[definition.name].push({ module, server, alive: true });
    }
  }
  const data = generateDemoData(options.seed);
  for (const definition of SUBGRAPHS) await definition.seed(instances[definition.name][0].module, data);
  const gateways: { gateway: GatewayServer; server: RunningServer }[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const gateway = await createGateway({ config });
    gateways.push({ gateway, server: await listen(gateway.app, 0, '127.0.0.1') });
  }
  const stop = async (instance: Instance) => {
    if (!instance.alive) return;
    instance.alive = false;
    await instance.server.close();
    await instance.module.close();
  };
  /** A crash: connections cut at once with requests under way; the balancer learns it only from refused connections. */
  const crash = async (instance: Instance) => {
    const closed = instance.server.close(0);
    await closed;
    instance.alive = false;
    await instance.module.close();
  };
  return {
    config,
    gatewayUrls: gateways.map((g) => g.server.url),
    instances,
    crashMidRequest: (name, index) =>
      new Promise<void>((resolve, reject) => {
        const instance = instances[name][index];
        instance.crashOnNextRequest = () => crash(instance).then(resolve, reject);
      }),
    async close() {
      for (const g of gateways) {
        await g.server.close();
        await g.gateway.stop();
      }
      for (const lb of balancers) await lb.close(0);
      for (const name of SUBGRAPH_NAMES) for (const instance of instances[name]) await stop(instance);
    },
  };
}
