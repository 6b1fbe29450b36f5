import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFERENCE_CENTER_DIST } from '../../scripts/build-web.js';
import { findChromium, launchChromium, type HeadlessChromium } from '../../scripts/chromium.js';
import { generateDemoData, type DemoOptions } from '../../scripts/demo/generate.js';
import { simulateTraffic } from '../../scripts/simulate/traffic.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { seriousAccessibilityViolations, watchForeignTraffic } from '../helpers/browser.js';
import { storedRows } from '../helpers/measurement-reference.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

/* The staff console (/staff) in a real headless Chromium, on two simulated days of traffic. */
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('[staff console] skipped: no `chromium` binary found (apt-get install -y chromium; .ci/run installs it).');

const DAY = 86_400_000;
const START = new Date(Date.parse(new Date().toISOString().slice(0, 10)) - 3 * DAY);
const DEMO: DemoOptions = { seed: 7, customers: 30, items: 300, now: START };
const WINDOW = { from: START.toISOString(), to: new Date(START.getTime() + 2 * DAY).toISOString() };
const EXPERIMENT = '($from: String!, $to: String!) { experimentReport(from: $from, to: $to) { groups { group customers exposures purchases } } }';

describe.skipIf(!CHROMIUM)('the staff console in Chromium', { timeout: 120_000 }, () => {
  let stack: TestStack;
  let browser: HeadlessChromium;
  let traffic: ReturnType<typeof watchForeignTraffic>;
  let merchandiser: string;
  let unshown: string;

  beforeAll(async () => {
    const clock = new ManualClock(START);
    stack = await startTestStack({ clock, seed: DEMO, config: { holdout: { share: 0.3, salt: 'console' } } });
    merchandiser = await stack.gateway.tokens.issue('merch-console', 'merchandiser');
    const demo = generateDemoData(DEMO);
    await simulateTraffic({ gatewayUrl: stack.gatewayUrl, clock, demo, days: 2, seed: 7, start: START, merchandiserToken: merchandiser });
    // A blind spot: an item nobody was shown, bought twice and rated 5 by customers who allow it.
    const shown = new Set((await storedRows(stack)).decisions.flatMap((d) => d.items.map((i) => i.itemId)));
    unshown = demo.catalog.map((i) => i.id).find((id) => !shown.has(id))!;
    for (const customer of demo.customers.filter((c) => c.granted.includes('personalization.purchase')).slice(0, 4)) {
      const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
      const event = (type: string, hours: number, extra = {}) => ({
        clientEventId: `fan-${type}-${hours}`,
        type,
        itemId: unshown,
        channel: 'web',
        source: 'web-shop',
        occurredAt: at(hours),
        ...extra,
      });
      await stack.graphql(
        'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }',
        { e: [event('PURCHASE', 30), event('PURCHASE', 31), event('RATING', 32, { value: '5' })] },
        { token: await stack.tokenFor(customer.id) },
      );
    }
    browser = await launchChromium(CHROMIUM!);
    traffic = watchForeignTraffic(browser.context, stack.gatewayUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function signedIn(token: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${stack.gatewayUrl}/staff`);
    await page.getByLabel('Staff token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Measurement and governance' }).waitFor();
    await page.getByLabel('From').fill(WINDOW.from.slice(0, 10));
    await page.getByLabel('To (included)').fill(new Date(Date.parse(WINDOW.to) - DAY).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('experiment-groups').waitFor();
    return page;
  }

  it('shows the three reports as tables with a plot each, the numbers being the API’s', async () => {
    const page = await signedIn(merchandiser);
    const report = (await stack.graphql(`query ${EXPERIMENT}`, WINDOW, { token: merchandiser })).data!.experimentReport;
    for (const group of report.groups) {
      const row = page.locator(`[data-testid="experiment-groups"] tr[data-group="${group.group}"] td`);
      await expect.poll(() => row.nth(0).innerText()).toBe(String(group.customers));
      expect(await row.nth(1).innerText()).toBe(String(group.exposures));
      expect(await row.nth(4).innerText()).toBe(String(group.purchases));
    }
    expect(await page.getByTestId('experiment-lift').innerText()).toMatch(/Too little data|95% interval/);
    for (const plot of ['lift-plot', 'override-plot', 'slot-plot', 'blind-spot-plot']) {
      await page.getByTestId(plot).locator('svg[role="img"]').waitFor();
      expect(await page.getByTestId(plot).locator('svg').getAttribute('aria-label')).not.toBe('');
    }
    expect(await page.getByTestId('blind-spots').innerText()).toContain(unshown);
    expect(await page.getByTestId('override-report').innerText()).toContain('Supplier-funded promotion');
    expect(await page.getByTestId('coverage').innerText()).toMatch(/Catalog coverage: \d+ of 300 items/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(traffic.foreign).toEqual([]);
    expect(traffic.cspViolations).toEqual([]);
    await page.close();
  });

  it('creates an override only with a justification, and ends it', async () => {
    const page = await signedIn(merchandiser);
    const form = page.locator('form.override-form');
    await form.getByLabel('Item id').fill('item-0042');
    await form.getByLabel(/^Justification/).fill('because');
    await form.getByRole('button', { name: 'Create override' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('Explain the override in 10 to 1000 characters');
    await form.getByLabel(/^Justification/).fill('Launch week for a new line of tents.');
    await form.getByRole('button', { name: 'Create override' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toContain('Created: pin of item-0042');
    const end = page.getByRole('button', { name: 'End pin of item-0042' });
    await end.waitFor();
    const log = (await stack.graphql('{ overrideLog(first: 10) { itemId author justification endedAt } }', {}, { token: merchandiser })).data!
      .overrideLog;
    expect(log[0]).toMatchObject({
      itemId: 'item-0042',
      author: 'merch-console',
      justification: 'Launch week for a new line of tents.',
      endedAt: null,
    });
    await end.click();
    await expect.poll(() => end.count()).toBe(0);
    const after = (await stack.graphql('{ overrideLog(first: 10) { itemId endedAt endedBy } }', {}, { token: merchandiser })).data!.overrideLog;
    expect(after[0]).toMatchObject({ itemId: 'item-0042', endedBy: 'merch-console' });
    expect(after[0].endedAt).not.toBeNull();
    await page.close();
  });

  it('verifies the ledger for administrators only', async () => {
    const asMerchandiser = await signedIn(merchandiser);
    await asMerchandiser.getByRole('button', { name: 'Verify the consent ledger' }).click();
    await expect.poll(() => asMerchandiser.locator('#ledger [role="alert"]').innerText()).toBe('Only administrators can verify the ledger.');
    await asMerchandiser.close();
    const asAdmin = await signedIn(await stack.gateway.tokens.issue('admin-console', 'admin'));
    await asAdmin.getByRole('button', { name: 'Verify the consent ledger' }).click();
    await expect.poll(() => asAdmin.getByTestId('ledger-result').innerText()).toMatch(/^The ledger is intact: \d+ entries checked/);
    await asAdmin.close();
  });

  it('shows a customer nothing but the refusal', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.gatewayUrl}/staff`);
    await page.getByLabel('Staff token').fill(await stack.tokenFor('cust-001'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#experiment [role="alert"]').innerText()).toBe('This needs a role you do not have.');
    expect(await page.locator('table').count()).toBe(0);
    await page.close();
  });

  it('is its own page: the customers’ page never loads the console’s code, and both load only from this origin', async () => {
    const staffHtml = fs.readFileSync(path.join(PREFERENCE_CENTER_DIST, 'staff.html'), 'utf8');
    const indexHtml = fs.readFileSync(path.join(PREFERENCE_CENTER_DIST, 'index.html'), 'utf8');
    const references = [...staffHtml.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(/^\/(?!\/)/);
    expect(staffHtml).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const staffScript = references.find((r) => /\/assets\/staff-.*\.js$/.test(r))!;
    expect(indexHtml).not.toContain(staffScript);
  });
});
