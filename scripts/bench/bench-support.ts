import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-bench-'));
}

export function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
}
