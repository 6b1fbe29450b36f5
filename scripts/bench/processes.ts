import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

// Run TypeScript in the measured process itself (no tsx wrapper process in between).
const NODE_ARGS = ['--import', 'tsx'];
const CLOCK_TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s.
const PAGE_BYTES = 4096;

/** A part of the stack (or a peer gateway) started as its own process for the benchmark. */
export interface BenchProcess {
  name: string;
  child: ChildProcess;
  url: string;
  /** CPU time used so far, in milliseconds (user + system). */
  cpuMs(): number;
  /** Resident memory now, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** Starts `tsx <entry>` with `env`, and resolves once `ready()` says it answers. */
export async function startProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  url: string,
  ready: () => Promise<boolean>,
  profileDir?: string,
): Promise<BenchProcess> {
  // With a profile folder: V8's CPU profiles of the whole run (one per thread: the main thread's is the
  // largest; tsx's loader has its own), written when the process stops, in a folder per process.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${name.replace(/\W+/g, '-')}`] : [];
  const child = spawn(process.execPath, [...profile, ...NODE_ARGS, entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) while starting:\n${log.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer within 60 s:\n${log.join('')}`);
    }
    if (await ready().catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    name,
    child,
    url,
    cpuMs: () => cpuMsOf(pid),
    rssMiB: () => rssMiBOf(pid),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        console.warn(`${name} did not stop within 15 s of SIGTERM: killed`);
        child.kill('SIGKILL');
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may hold spaces: the fields start after it.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function cpuMsOf(pid: number): number {
  try {
    const f = statFields(pid);
    return ((Number(f[11]) + Number(f[12])) / CLOCK_TICKS) * 1000;
  } catch {
    return 0;
  }
}

export function rssMiBOf(pid: number): number {
  try {
    return (Number(statFields(pid)[21]) * PAGE_BYTES) / 1024 / 1024;
  } catch {
    return 0;
  }
}
