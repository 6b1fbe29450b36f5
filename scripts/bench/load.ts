import fs from 'node:fs';
import autocannon from 'autocannon';
import { OPERATIONS, type Fixtures, type OperationName } from './operations.js';

/**
 * The load generator, run as its own process by `npm run bench` so its CPU is not the stack's:
 * a warm-up, then a bounded measured run; prints `MEASURING` when the measured run starts and one
 * JSON line with the figures when it ends.
 */
export interface LoadPlan {
  url: string;
  operation: OperationName;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** A fixed request rate (requests/s over all connections) instead of as fast as possible. */
  rate?: number;
  fixturesPath: string;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  errors: number;
  /** The first few problems seen, in words. */
  problems: string[];
}

const plan = JSON.parse(process.argv[2]) as LoadPlan;
const fixtures = JSON.parse(fs.readFileSync(plan.fixturesPath, 'utf8')) as Fixtures;
const operation = OPERATIONS[plan.operation];
if (operation.customerPerConnection) {
  // Each connection owns the customers whose index is its slot modulo the connection count.
  const usable = Math.floor(fixtures.withdrawers.length / plan.connections) * plan.connections;
  if (usable === 0) throw new Error(`${plan.operation} needs at least ${plan.connections} customers, has ${fixtures.withdrawers.length}`);
  fixtures.withdrawers = fixtures.withdrawers.slice(0, usable);
}

interface ConnectionState {
  slot?: number;
  round: number;
  index: number;
}

function run(seconds: number, record: boolean): Promise<LoadResult> {
  let nextSlot = 0;
  let counter = 0;
  const latencies: number[] = [];
  const problems: string[] = [];
  let errors = 0;
  const problem = (text: string) => {
    errors += 1;
    if (record && problems.length < 5) problems.push(text);
  };
  const requests = operation.steps.map((step, stepIndex) => ({
    method: 'POST' as const,
    path: '/graphql',
    setupRequest(request: Record<string, unknown>, context: ConnectionState) {
      if (stepIndex === 0) {
        context.slot ??= nextSlot++;
        context.round = (context.round ?? -1) + 1;
        context.index = operation.customerPerConnection ? context.slot + plan.connections * context.round : counter++;
      }
      const token = step.token?.(context.index, fixtures);
      request.body = step.body(context.index, fixtures);
      request.headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
      return request;
    },
    onResponse(status: number, body: string) {
      if (status !== 200) return problem(`HTTP ${status}: ${body.slice(0, 300)}`);
      if (body.includes('"errors"')) return problem(`GraphQL errors: ${body.slice(0, 300)}`);
      const failed = step.check?.(body);
      if (failed) problem(failed);
    },
  }));
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        duration: seconds,
        ...(plan.rate ? { overallRate: plan.rate } : {}),
        initialContext: {},
        requests: requests as never,
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
        const transportErrors = result.errors + result.timeouts;
        if (transportErrors > 0) problems.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
        resolve({
          requests: latencies.length,
          requestsPerSecond: latencies.length / seconds,
          latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
          errors: errors + transportErrors,
          problems,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

await run(plan.warmupSeconds, false);
console.log('MEASURING');
const result = await run(plan.durationSeconds, true);
console.log(JSON.stringify(result));
