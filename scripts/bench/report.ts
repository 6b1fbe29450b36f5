import type { InProcessResult } from './in-process.js';
import type { LoadResult } from './load.js';
import type { OperationName } from './operations.js';
import { GATEWAYS, type GatewayName } from './stacks.js';

export interface Measurement extends LoadResult {
  shape: 'separate' | 'one process';
  gateway: GatewayName;
  operation: OperationName;
  connections: number;
  rate?: number;
  /** CPU time per request of each measured process (the gateway under test is the last). */
  cpuMsPerRequest: Record<string, number>;
  loadGeneratorCpuMsPerRequest: number;
  rssMiB: Record<string, number>;
}

const PARTS = ['consent', 'profile', 'recommendations', 'explanations'];

const pad = (value: string | number, width: number) => String(value).padStart(width);
const fixed = (n: number, digits = 1) => n.toFixed(digits);
const totalCpu = (m: Measurement) => Object.values(m.cpuMsPerRequest).reduce((a, b) => a + b, 0);
const gatewayCpu = (m: Measurement) =>
  Object.entries(m.cpuMsPerRequest)
    .filter(([name]) => !PARTS.includes(name))
    .reduce((a, [, v]) => a + v, 0);

/** Prints the table, the peers' ratios, the federation tax and the targets; returns them for the JSON. */
export function printReport(measurements: Measurement[], inProcess: InProcessResult) {
  const header = [
    'operation'.padEnd(34),
    'gateway'.padEnd(28),
    pad('conn', 5),
    pad('req/s', 7),
    pad('×proj', 6),
    pad('p50', 6),
    pad('p95', 6),
    pad('p99', 6),
    pad('err', 4),
    ...PARTS.map((p) => pad(p.slice(0, 5), 6)),
    pad('gw', 6),
    pad('total', 6),
    pad('RSS', 6),
  ].join(' ');
  console.log(`\n${header}\n${'-'.repeat(header.length)}`);
  const projectRate = (m: Measurement) =>
    measurements.find(
      (p) => p.shape === m.shape && p.gateway === 'project' && p.operation === m.operation && p.connections === m.connections && !p.rate,
    )?.requestsPerSecond;
  const rows = measurements.map((m) => {
    const own = projectRate(m);
    const ratio = own ? m.requestsPerSecond / own : undefined;
    const name = m.shape === 'one process' ? 'npm start (one process)' : GATEWAYS[m.gateway].label;
    console.log(
      [
        `${m.operation}${m.rate ? ` @${m.rate}/s` : ''}`.padEnd(34),
        name.padEnd(28),
        pad(m.connections, 5),
        pad(fixed(m.requestsPerSecond, 0), 7),
        pad(ratio === undefined ? '' : fixed(ratio, 2), 6),
        pad(m.latencyMs.p50, 6),
        pad(m.latencyMs.p95, 6),
        pad(m.latencyMs.p99, 6),
        pad(m.errors, 4),
        ...PARTS.map((p) => pad(m.cpuMsPerRequest[p] === undefined ? '' : fixed(m.cpuMsPerRequest[p], 2), 6)),
        pad(fixed(gatewayCpu(m), 2), 6),
        pad(fixed(totalCpu(m), 2), 6),
        pad(
          fixed(
            Object.values(m.rssMiB).reduce((a, b) => a + b, 0),
            0,
          ),
          6,
        ),
      ].join(' '),
    );
    for (const problem of m.problems) console.log(`    ! ${problem}`);
    return { ...m, ratioToProject: ratio };
  });
  console.log('CPU columns: milliseconds of CPU per request in each process (gw = the gateway; one process: all in gw); RSS: MiB summed.');

  const personalized = measurements.find((m) => m.shape === 'separate' && m.gateway === 'project' && m.operation === 'personalizedList' && !m.rate);
  const taxRatio = personalized ? totalCpu(personalized) / inProcess.cpuMsPerList : undefined;
  console.log(
    `\nFederation tax: in one process without HTTP the list takes ${fixed(inProcess.cpuMsPerList, 2)} ms of CPU (${fixed(1000 / inProcess.wallMsPerList, 0)} lists/s on one core)` +
      (taxRatio ? `; through the federated graph ${fixed(totalCpu(personalized!), 2)} ms, ${fixed(taxRatio, 1)}× as much.` : '.'),
  );

  const best = (operation: OperationName, connections: number, shape: Measurement['shape'] = 'separate', gateway: GatewayName = 'project') =>
    measurements.find((m) => m.shape === shape && m.gateway === gateway && m.operation === operation && m.connections === connections && !m.rate);
  const targets: { target: string; measured: string; met: boolean }[] = [];
  const target = (text: string, m: Measurement | undefined, measured: (m: Measurement) => number, ok: (v: number) => boolean, unit: string) => {
    if (!m) return;
    const v = measured(m);
    targets.push({ target: text, measured: `${fixed(v, unit === 'ms' ? 2 : 0)} ${unit}`, met: ok(v) && m.errors === 0 });
  };
  target(
    'personalized list ≥ 400 req/s at 50 connections',
    best('personalizedList', 50),
    (m) => m.requestsPerSecond,
    (v) => v >= 400,
    'req/s',
  );
  const fixedRate = measurements.find((m) => m.gateway === 'project' && m.rate);
  target(
    `personalized list p99 < 100 ms at ${fixedRate?.rate ?? 200} req/s`,
    fixedRate,
    (m) => m.latencyMs.p99,
    (v) => v < 100,
    'ms',
  );
  target('personalized list total CPU ≤ 5 ms per request', best('personalizedList', 50), totalCpu, (v) => v <= 5, 'ms');
  target(
    'npm start (one process) ≥ 200 req/s',
    best('personalizedList', 50, 'one process'),
    (m) => m.requestsPerSecond,
    (v) => v >= 200,
    'req/s',
  );
  target(
    'consent page ≥ 1,500 req/s',
    best('consentPage', 50),
    (m) => m.requestsPerSecond,
    (v) => v >= 1500,
    'req/s',
  );
  target(
    'anonymous list ≥ 1,000 req/s',
    best('anonymousList', 50),
    (m) => m.requestsPerSecond,
    (v) => v >= 1000,
    'req/s',
  );
  for (const operation of new Set(measurements.map((m) => m.operation))) {
    const ours = best(operation, 50);
    const peers = measurements.filter((m) => m.shape === 'separate' && m.gateway !== 'project' && m.operation === operation && m.connections === 50);
    if (!ours || peers.length === 0) continue;
    const fastest = peers.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
    targets.push({
      target: `${operation}: our gateway at least as fast as the fastest peer (${GATEWAYS[fastest.gateway].label})`,
      measured: `${fixed(ours.requestsPerSecond / fastest.requestsPerSecond, 2)}×`,
      met: ours.requestsPerSecond >= fastest.requestsPerSecond,
    });
  }
  console.log('\nTargets (2-core machine, each part its own process):');
  for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'NOT met'}  ${t.target}: ${t.measured}`);
  return { rows, inProcess, federationTax: taxRatio, targets };
}
