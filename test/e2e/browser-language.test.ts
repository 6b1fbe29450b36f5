import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.js';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { de } from '../../preference-center/src/i18n/de.js';
import { en } from '../../preference-center/src/i18n/en.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { shownList } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';

/*
 * The preference center in the browser's language (issue 16): a Chromium whose language is German
 * gets the whole page in German, dates and prices formatted for de-DE, and a visible picker that
 * switches back to English and is remembered.
 */
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('[browser language suite] skipped: no `chromium` binary found (apt-get install -y chromium; .ci/run installs it).');
const GERMAN_SCREENSHOT = path.resolve('docs/preference-center-de.png');

/** Every fixed English sentence (20 characters or more: shorter words also occur in the API's English texts) of the catalog that German says differently (purpose fallbacks aside: the API's titles are English). */
function englishSentences(): string[] {
  const leaves = (value: unknown, other: unknown): string[] => {
    if (typeof value === 'string') return value.length >= 20 && value !== other ? [value] : [];
    if (!value || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, (other as Record<string, unknown>)[key]));
  };
  const { purposes: _fallbacks, ...words } = en.words;
  return leaves({ ...en, words }, { ...de, words: de.words }).map((s) => s.replace(/\*\*|`/g, ''));
}

describe.skipIf(!CHROMIUM)('the preference center in German', { timeout: 120_000 }, () => {
  const suite = browserSuite(CHROMIUM, 'de-DE');

  const openGerman = async (name: string, heading: string) => {
    const page = pages.at(-1)!;
    await page.getByRole('navigation', { name: de.app.navLabel }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const pages: Page[] = [];
  const leaks = async (page: Page) => {
    const text = await page.locator('body').innerText();
    return englishSentences().filter((sentence) => text.includes(sentence));
  };

  it('a German browser gets German headings, buttons, statuses, dates and prices on every page', async () => {
    const page = await suite.browser.context.newPage();
    pages.push(page);
    await page.goto(`${suite.origin}/consent`);
    await page.getByRole('heading', { level: 1, name: de.signIn.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
    await page.getByLabel(de.signIn.customer).selectOption(DEMO_CUSTOMERS.full);
    await page.getByRole('button', { name: de.signIn.submit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: de.consent.title }).waitFor();
    await page.locator('article.purpose').first().waitFor();
    expect(await page.title()).toBe(de.app.windowTitle(de.consent.title));
    expect(await page.getByRole('button', { name: de.app.signOut }).count()).toBe(1);
    await page.getByRole('heading', { name: de.history.heading }).waitFor();
    await page.locator('[data-signature="verified"]').first().waitFor({ timeout: 15_000 });

    // A switch says its state in German, and so does the outcome beside it.
    const share = page.locator(`#switch-${Purpose.SHARE_PARTNERS.replace('.', '\\.')}`);
    expect(await share.innerText()).toContain(de.purpose.off);
    await share.click();
    const card = page.locator(`article[data-purpose="${Purpose.SHARE_PARTNERS}"]`);
    await card.getByRole('status').filter({ hasText: 'Eingeschaltet:' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => share.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    expect(await share.innerText()).toContain(de.purpose.on);
    // Dates as German readers write them: "02.12.2026, 13:45".
    expect(await card.locator('[data-choice]').innerText()).toMatch(/^Erlaubt am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(Hinweis-Version \d+\)/);
    expect(await leaks(page)).toEqual([]);

    await openGerman(de.app.pages.preferences, de.preferences.title);
    await page.getByRole('button', { name: de.preferences.add }).waitFor();
    expect(await page.getByRole('radio', { name: de.words.sentiments.NEVER }).count()).toBe(1);
    expect(await leaks(page)).toEqual([]);

    await openGerman(de.app.pages.recommendations, de.recommendations.title);
    await shownList(page);
    // Prices as German shoppers read them: "1.234,50 €".
    expect(await page.locator('.price').first().innerText()).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}\s€$/);
    const first = page.locator('ol.recommendations > li').first();
    await first.getByRole('button', { name: new RegExp(`^${de.recommendations.why}`) }).click();
    await first.getByRole('heading', { name: de.recommendations.reasons }).waitFor();
    expect(await first.locator('button[data-action="HIDE_ITEM"]').innerText()).toBe('Diesen Artikel ausblenden');
    expect(await first.locator('.share').first().innerText()).toMatch(/^\(\d+\s%\sder Bewertung\)$/);
    expect(await leaks(page)).toEqual([]);
    if (!fs.existsSync(GERMAN_SCREENSHOT)) await page.screenshot({ path: GERMAN_SCREENSHOT });

    await openGerman(de.app.pages.myData, de.myData.title);
    await page.getByRole('button', { name: de.myData.erase }).waitFor();
    expect(await leaks(page)).toEqual([]);
  });

  it('the language picker switches back to English, and the choice is remembered', async () => {
    const page = pages.at(-1)!;
    await page.getByLabel(de.app.language).selectOption('en');
    await page.getByRole('heading', { level: 1, name: en.myData.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('link', { name: en.app.pages.consent, exact: true }).count()).toBe(1);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: en.myData.title }).waitFor();
    expect(await page.getByLabel(en.app.language).inputValue()).toBe('en');
    await page.getByRole('navigation', { name: en.app.navLabel }).getByRole('link', { name: en.app.pages.consent, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.consent.title }).waitFor();
    // Back to German for whoever uses this browser next.
    await page.getByLabel(en.app.language).selectOption('de');
    await page.getByRole('heading', { level: 1, name: de.consent.title }).waitFor();
    await page.close();
  });
});
