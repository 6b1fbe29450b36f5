import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PREFERENCE_CENTER_DIST } from '../../scripts/build-web.js';

/** The production build (made by the global setup when missing or stale): size budget and same-origin only. */
const BUDGET_GZIP_BYTES = 150 * 1024;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('the preference center build', () => {
  const files = filesUnder(PREFERENCE_CENTER_DIST);
  const html = fs.readFileSync(path.join(PREFERENCE_CENTER_DIST, 'index.html'), 'utf8');

  it(`ships at most ${BUDGET_GZIP_BYTES / 1024} KB of JavaScript, gzipped`, () => {
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
    console.log(`[bundle] ${scripts.length} JavaScript file(s), ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('loads scripts and styles only from its own origin, with no inline script', () => {
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(/^\/(?!\/)/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const css of files.filter((f) => f.endsWith('.css'))) expect(fs.readFileSync(css, 'utf8')).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
  });
});
