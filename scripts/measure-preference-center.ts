import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PREFERENCE_CENTER_DIST } from './build-web.js';
import { findChromium, launchChromium } from './chromium.js';

/**
 * Page load of the consent page on a running stack, in headless Chromium, and the bundle size.
 *   npm run bench:web -- [gateway URL, default http://127.0.0.1:4000] [runs, default 7]
 * Each run is a fresh browser profile (cold cache) signed in as a demo customer.
 */
const [url = 'http://127.0.0.1:4000', runsArg = '7'] = process.argv.slice(2);
const runs = Number(runsArg);
const executable = findChromium();
if (!executable) {
  console.error('No chromium binary found: apt-get install -y chromium');
  process.exit(1);
}

const tokenResponse = await fetch(`${url}/auth/dev-token`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ customerId: 'cust-001' }),
});
const { token } = (await tokenResponse.json()) as { token: string };
const session = JSON.stringify({ token, customerId: 'cust-001', expiresAt: Date.now() + 3_600_000 });

interface Sample {
  domContentLoaded: number;
  load: number;
  consentsShown: number;
}
const samples: Sample[] = [];
for (let i = 0; i < runs; i++) {
  const browser = await launchChromium(executable);
  const page = await browser.context.newPage();
  await page.addInitScript((value) => sessionStorage.setItem('preference-center.session', value), session);
  await page.goto(`${url}/consent`);
  await page.locator('#history-title').waitFor();
  await page.locator('article.purpose .switch').first().waitFor();
  samples.push(
    await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, consentsShown: performance.now() };
    }),
  );
  await browser.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;
console.log(`Consent page at ${url}/consent, ${runs} cold loads (median):`);
console.log(`  DOMContentLoaded        ${ms(median(samples.map((s) => s.domContentLoaded)))}`);
console.log(`  load event              ${ms(median(samples.map((s) => s.load)))}`);
console.log(`  purposes and switches   ${ms(median(samples.map((s) => s.consentsShown)))} (every purpose rendered with the customer's choices)`);

const assets = path.join(PREFERENCE_CENTER_DIST, 'assets');
const sizes = fs.readdirSync(assets).map((name) => {
  const bytes = fs.readFileSync(path.join(assets, name));
  return { name, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const s of sizes) console.log(`  ${s.name.padEnd(28)} ${kb(s.raw).padStart(9)}  ${kb(s.gzip).padStart(8)} gzipped`);
const js = sizes.filter((s) => s.name.endsWith('.js')).reduce((sum, s) => sum + s.gzip, 0);
console.log(`  JavaScript total: ${kb(js)} gzipped (budget 150 KB)`);
