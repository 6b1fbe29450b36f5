import 'reflect-metadata';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { TokenService } from '../../gateway/auth.js';
import { loadConfig } from '../../subgraphs/shared/config.js';
import { generateDemoData } from '../demo/generate.js';
import { startStack } from '../stack.js';
import { tempDataDir } from './bench-support.js';
import { measureInProcess } from './in-process.js';
import { checkIsolation } from './isolation.js';
import type { LoadPlan, LoadResult } from './load.js';
import { OPERATION_NAMES, WITHDRAWN_PURPOSE, type Fixtures, type OperationName } from './operations.js';
import { cpuMsOf, type BenchProcess } from './processes.js';
import { printReport, type Measurement } from './report.js';
import { GATEWAYS, benchEnvironment, startOneProcess, startSeparateStack, type GatewayName } from './stacks.js';

/**
 * `npm run bench`: the stack in production mode on loopback with the demo data, each part in its
 * own process (and the one-process `npm start` shape), under load from a separate process with
 * many customers' tokens; this project's gateway side by side with @apollo/gateway and the Hive
 * runtime. Prints one table and writes JSON under bench/results/.
 */
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10,50' },
    operations: { type: 'string', default: OPERATION_NAMES.join(',') },
    gateways: { type: 'string', default: Object.keys(GATEWAYS).join(',') },
    rate: { type: 'string', default: '200' },
    /** A folder for each process's V8 CPU profile (open in Chrome DevTools). */
    profile: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const warmupSeconds = Number(args.warmup);
const connectionCounts = args.connections.split(',').map(Number);
const operations = args.operations.split(',') as OperationName[];
const gateways = args.gateways.split(',') as GatewayName[];
for (const o of operations) if (!OPERATION_NAMES.includes(o)) throw new Error(`unknown operation ${o}; known: ${OPERATION_NAMES.join(', ')}`);
for (const g of gateways) if (!(g in GATEWAYS)) throw new Error(`unknown gateway ${g}; known: ${Object.keys(GATEWAYS).join(', ')}`);

const dataDir = tempDataDir();
const env = benchEnvironment(dataDir);
const config = loadConfig(env);

console.log(`Loading the demo data into ${dataDir}…`);
const demo = generateDemoData();
const seeding = await startStack({ config: loadConfig({ ...env, NODE_ENV: 'development' }), ports: 'free', seed: {} });
await seeding.close();

const tokens = new TokenService(config);
const customers = await Promise.all(demo.customers.map(async (c) => ({ id: c.id, token: await tokens.issue(c.id) })));
const fixtures: Fixtures = {
  tokens: customers.map((c) => c.token),
  categories: [...new Set(demo.catalog.map((i) => i.category))],
  withdrawers: demo.customers.filter((c) => c.granted.includes(WITHDRAWN_PURPOSE)).map((c) => customers.find((x) => x.id === c.id)!.token),
  withdrawnNoticeVersion: 1,
};
const fixturesPath = path.join(dataDir, 'fixtures.json');
fs.writeFileSync(fixturesPath, JSON.stringify(fixtures));
console.log(
  `${customers.length} customers (${fixtures.withdrawers.length} may withdraw ${WITHDRAWN_PURPOSE}), ${fixtures.categories.length} categories`,
);

/** Runs the load generator in its own process and measures every stack process over the measured window. */
async function measure(processes: BenchProcess[], plan: Omit<LoadPlan, 'fixturesPath' | 'warmupSeconds' | 'durationSeconds'>) {
  const full: LoadPlan = { ...plan, fixturesPath, warmupSeconds, durationSeconds: seconds };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/load.ts', JSON.stringify(full)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let before: number[] = [];
  let result: LoadResult | undefined;
  let loadCpu = 0;
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    if (line === 'MEASURING') {
      before = processes.map((p) => p.cpuMs());
      loadCpu = cpuMsOf(child.pid!);
    } else if (line.startsWith('{')) {
      const after = processes.map((p) => p.cpuMs());
      loadCpu = cpuMsOf(child.pid!) - loadCpu;
      result = JSON.parse(line) as LoadResult;
      const perRequest = (ms: number) => (result!.requests > 0 ? ms / result!.requests : 0);
      const cpu = Object.fromEntries(processes.map((p, i) => [p.name, perRequest(after[i] - before[i])]));
      const rss = Object.fromEntries(processes.map((p) => [p.name, p.rssMiB()]));
      return { ...result, cpuMsPerRequest: cpu, loadGeneratorCpuMsPerRequest: perRequest(loadCpu), rssMiB: rss };
    }
  }
  throw new Error(`the load generator ended without a result (exit ${child.exitCode})`);
}

const measurements: Measurement[] = [];
const isolation: Record<string, unknown> = {};
const profileDir = args.profile ? path.resolve(args.profile) : undefined;
const stack = await startSeparateStack(env, profileDir);
try {
  // The subgraphs warm up (JIT, caches) once before any gateway is measured, so the first is not at a disadvantage.
  const warming = await stack.startGateway('project');
  console.log('Warming up the subgraphs…');
  for (const operation of operations) await measure([warming], { url: warming.url.replace('/graphql', ''), operation, connections: 10 });
  await warming.stop();
  for (const name of gateways) {
    const gateway = await stack.startGateway(name);
    try {
      const check = await checkIsolation(gateway.url, customers.slice(0, 60));
      isolation[name] = check;
      console.log(
        `${GATEWAYS[name].label}: isolation ${check.passed ? 'passed' : 'FAILED'} (${check.answers} concurrent answers, ${check.mismatches} not the asker's)`,
      );
      if (!check.passed) {
        console.log(`  skipped under load: ${check.firstMismatch}`);
        continue;
      }
      const processes = [...stack.subgraphs, gateway];
      for (const operation of operations) {
        for (const connections of connectionCounts) {
          const figures = await measure(processes, { url: gateway.url.replace('/graphql', ''), operation, connections });
          measurements.push({ shape: 'separate', gateway: name, operation, connections, ...figures });
          console.log(
            `  ${operation} × ${connections}: ${figures.requestsPerSecond.toFixed(0)} req/s, p99 ${figures.latencyMs.p99} ms, ${figures.errors} errors`,
          );
        }
      }
      if (name === 'project' && operations.includes('personalizedList')) {
        const rate = Number(args.rate);
        const figures = await measure(processes, { url: gateway.url.replace('/graphql', ''), operation: 'personalizedList', connections: 50, rate });
        measurements.push({ shape: 'separate', gateway: name, operation: 'personalizedList', connections: 50, rate, ...figures });
        console.log(`  personalizedList at ${rate} req/s: p99 ${figures.latencyMs.p99} ms, ${figures.errors} errors`);
      }
    } finally {
      await gateway.stop();
    }
  }
} finally {
  await stack.stop();
}

if (operations.includes('personalizedList')) {
  const one = await startOneProcess(env, profileDir);
  try {
    for (const connections of connectionCounts) {
      const figures = await measure([one], { url: one.url.replace('/graphql', ''), operation: 'personalizedList', connections });
      measurements.push({ shape: 'one process', gateway: 'project', operation: 'personalizedList', connections, ...figures });
      console.log(`npm start (one process) personalizedList × ${connections}: ${figures.requestsPerSecond.toFixed(0)} req/s`);
    }
  } finally {
    await one.stop();
  }
}

const inProcess = await measureInProcess(
  env,
  customers.map((c) => c.id),
  seconds,
);
const report = printReport(measurements, inProcess);
const resultsDir = path.resolve('bench/results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), seconds, warmupSeconds, isolation, measurements, inProcess, report }, null, 2));
console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
fs.rmSync(dataDir, { recursive: true, force: true });
