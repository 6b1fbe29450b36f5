import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the preference center's sources live. */
export const PREFERENCE_CENTER_ROOT = fileURLToPath(new URL('../preference-center/', import.meta.url));
export const PREFERENCE_CENTER_DIST = path.join(PREFERENCE_CENTER_ROOT, 'dist');
const SOURCES = ['src', 'index.html', 'staff.html', 'vite.config.ts'];

/** Builds the preference center with Vite's API (the same as `npm run build:web`). */
export async function buildPreferenceCenter(outDir: string = PREFERENCE_CENTER_DIST): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: PREFERENCE_CENTER_ROOT,
    configFile: path.join(PREFERENCE_CENTER_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/** True when `outDir` has no build, or a source file changed after it was built. */
export function preferenceCenterIsStale(outDir: string = PREFERENCE_CENTER_DIST): boolean {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const builtAt = fs.statSync(index).mtimeMs;
  return SOURCES.some((entry) => newestChange(path.join(PREFERENCE_CENTER_ROOT, entry)) > builtAt);
}

/** Builds when missing or stale; answers whether it built. */
export async function ensurePreferenceCenterBuilt(outDir: string = PREFERENCE_CENTER_DIST): Promise<boolean> {
  if (!preferenceCenterIsStale(outDir)) return false;
  await buildPreferenceCenter(outDir);
  return true;
}

function newestChange(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((name) => newestChange(path.join(file, name))));
}
