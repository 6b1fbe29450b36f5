import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium, type HeadlessChromium } from '../../scripts/chromium.js';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { openPage, seriousAccessibilityViolations, signIn } from '../helpers/browser.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

/** axe-core on every page of the preference center, and the README's screenshot. */
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('[browser accessibility suite] skipped: no `chromium` binary found (apt-get install -y chromium; .ci/run installs it).');

const SCREENSHOT = path.resolve('docs/preference-center.png');

describe.skipIf(!CHROMIUM)('the preference center is accessible', { timeout: 120_000 }, () => {
  let stack: TestStack;
  let browser: HeadlessChromium;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium(CHROMIUM!, { width: 900, height: 640 });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('axe reports nothing serious or critical on any page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.gatewayUrl}/`);
    await page.getByLabel('Demo customer').waitFor();
    expect(await seriousAccessibilityViolations(page), 'sign-in page').toEqual([]);

    await signIn(page, stack.gatewayUrl, DEMO_CUSTOMERS.full);
    await page.locator('#history-title').waitFor();
    expect(await seriousAccessibilityViolations(page), 'consent page').toEqual([]);
    if (!fs.existsSync(SCREENSHOT)) {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }

    await openPage(page, 'Preferences');
    await page.locator('table.preferences').waitFor();
    expect(await seriousAccessibilityViolations(page), 'preferences page').toEqual([]);

    await openPage(page, 'Recommendations');
    await page
      .locator('ol.recommendations > li')
      .first()
      .getByRole('button', { name: /Why am I seeing this/ })
      .click();
    await page.locator('.explanation').first().waitFor();
    expect(await seriousAccessibilityViolations(page), 'recommendations page with an explanation open').toEqual([]);

    await openPage(page, 'My data');
    await page.getByRole('heading', { name: 'Erase your data' }).waitFor();
    expect(await seriousAccessibilityViolations(page), 'my data page').toEqual([]);
    await page.close();
  });

  it('a customer without consent sees the preferences prompt, and it is accessible too', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.gatewayUrl, DEMO_CUSTOMERS.none);
    await openPage(page, 'Preferences');
    await page.getByRole('heading', { name: 'Preferences are switched off' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('can be used with the keyboard alone: skip link, navigation and a visible focus outline', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.gatewayUrl, DEMO_CUSTOMERS.full);
    // The page's heading has focus after every page change; the navigation is just before it.
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Recommendations');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Recommended for you' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // The skip link is the first stop, and visible when focused.
    await page.locator('a.skip-link').focus();
    expect(await page.locator('a.skip-link').evaluate((e) => e.getBoundingClientRect().left)).toBeGreaterThanOrEqual(0);
    await page.close();
  });
});
