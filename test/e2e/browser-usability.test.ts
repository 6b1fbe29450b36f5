import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.js';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { downloadedText, openPage, seriousAccessibilityViolations, shownList, signIn } from '../helpers/browser.js';
import { PRODUCT_URL_TEMPLATE, browserSuite } from '../helpers/browser-suite.js';

/*
 * The preference center as people use it (issue 16): feedback where the action happened, a truthful
 * GPC panel, confirmed irreversible actions with undo, reflow on small screens, records in plain
 * words, and recognisable products. A real headless Chromium against the whole stack.
 */
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('[browser usability suite] skipped: no `chromium` binary found (apt-get install -y chromium; .ci/run installs it).');

const SET = 'mutation ($p: String!, $g: Boolean!, $v: Int!) { setConsent(purpose: $p, granted: $g, noticeVersion: $v) { granted } }';
const PHONE_SCREENSHOT = path.resolve('docs/preference-center-phone.png');
const sel = (purpose: string) => `#switch-${purpose.replace('.', '\\.')}`;
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');

describe.skipIf(!CHROMIUM)('the preference center, made for people', { timeout: 120_000 }, () => {
  const suite = browserSuite(CHROMIUM);
  const { freshPage } = suite;

  /** The element is on screen: the message was put where the customer is looking. */
  const inView = (page: Page, selector: string) =>
    page.locator(selector).evaluate((e) => {
      const box = e.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    });

  it('a slow save shows its pending state; the outcome appears at the switch, which keeps focus', async () => {
    const page = await freshPage('cust-011');
    // A slow network: consent changes take a while to answer.
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('SetConsent')) await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    const share = page.locator(sel(Purpose.SHARE_PARTNERS));
    await share.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => share.innerText(), { timeout: 2000, interval: 50 }).toContain('Saving…');
    expect(await share.getAttribute('aria-busy')).toBe('true');
    const card = `article[data-purpose="${Purpose.SHARE_PARTNERS}"]`;
    await expect.poll(() => share.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    await page.locator(`${card} [role="status"]`).filter({ hasText: 'Switched on' }).waitFor();
    expect(await inView(page, `${card} [role="status"]`)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`switch-${Purpose.SHARE_PARTNERS}`);
    await page.close();
  });

  it('preferences: a save keeps focus and says so in its row; a removal can be undone, focus on the undo then on the row', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.statedOnly);
    await openPage(page, 'Preferences');
    const row = page.locator('table.preferences tbody tr').first();
    await row.waitFor();
    const key = (await row.getAttribute('data-preference'))!;
    const sentiment = await row.getByRole('combobox').inputValue();
    await row.getByRole('combobox').selectOption(sentiment === 'NEVER' ? 'LIKE' : 'NEVER');
    await row.getByRole('button', { name: /^Save/ }).click();
    await row.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await focusedText(page)).toMatch(/^Save/);

    const byKey = page.locator(`tr[data-preference="${key}"]`);
    await byKey.getByRole('button', { name: /^Remove/ }).click();
    await expect.poll(() => byKey.count()).toBe(0);
    await expect.poll(() => focusedText(page)).toMatch(/^Undo: bring back/);
    await page.keyboard.press('Enter');
    await byKey.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-preference'))).toBe(key);
    await page.close();
  });

  it('explanations: switching a purpose off names what is deleted for good and asks first; other controls keep focus in view', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.full);
    await openPage(page, 'Recommendations');
    const before = await shownList(page);
    const first = page.locator('ol.recommendations > li').first();
    await first.getByRole('button', { name: /Why am I seeing this/ }).click();
    const withdraw = first.locator('button[data-action="WITHDRAW_PURPOSE"]').first();
    await withdraw.click();
    const confirm = first.getByRole('group', { name: /^Confirm: switch off/ });
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/deletes for good.*cannot be undone/s);
    expect(await focusedText(page)).toBe('Switch off and delete');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('WITHDRAW_PURPOSE');
    const token = await suite.stack.tokenFor(DEMO_CUSTOMERS.full);
    const consents = await suite.stack.graphql<{ me: { consents: { status: string | null }[] } }>('{ me { consents { status } } }', {}, { token });
    expect(consents.data!.me.consents.some((c) => c.status === 'WITHDRAWN')).toBe(false);

    // Hiding takes the card away: the message stays in view and focus is not lost to the page.
    await first.locator('button[data-action="HIDE_ITEM"]').click();
    await shownList(page, before.decisionId);
    await expect.poll(() => inView(page, '.toast')).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('ol.recommendations, .toast')))).toBe(true);
    await page.close();
  });

  it('"switch off all optional uses" names what it deletes, asks first, and leaves only what runs the account', async () => {
    const customerId = 'cust-014';
    const token = await suite.stack.tokenFor(customerId);
    for (const p of [Purpose.ANALYTICS, Purpose.MARKETING_PUSH]) await suite.stack.graphql(SET, { p, g: true, v: 1 }, { token });
    const page = await freshPage(customerId);
    const section = page.locator('section[aria-labelledby="switch-off-all-title"]');
    await section.getByRole('button', { name: 'Switch off all optional uses' }).click();
    const confirm = section.getByRole('group', { name: 'Confirm: switch off all optional uses' });
    expect(await confirm.innerText()).toMatch(/deletes for good/);
    expect(await focusedText(page)).toBe('Switch all off and delete');
    await page.keyboard.press('Enter');
    await section.getByRole('status').filter({ hasText: 'Switched off:' }).waitFor();
    expect(await focusedText(page)).toBe('Switch off all optional uses');
    const granted = await suite.stack.graphql<{ me: { grantedPurposes: string[] } }>('{ me { grantedPurposes } }', {}, { token });
    expect(granted.data!.me.grantedPurposes.filter((p) => p !== Purpose.ESSENTIAL)).toEqual([]);
    await expect.poll(() => page.locator('[role="switch"][aria-checked="true"]').count()).toBe(0);
    await page.close();
  });

  it('an unknown value offers the catalog’s closest matches as buttons', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.statedOnly);
    await openPage(page, 'Preferences');
    await page.locator('table.preferences tbody tr').first().waitFor();
    await page.getByLabel('What is it?').selectOption('BRAND');
    await page.getByLabel('Brand name').fill('Granit Goat');
    await page.getByRole('radio', { name: 'Never show me this' }).check();
    await page.getByRole('button', { name: 'Add preference' }).click();
    const suggestion = page.getByRole('button', { name: 'Add “Granite Goat” instead' });
    await suggestion.waitFor();
    expect(await focusedText(page)).toBe('Add “Granite Goat” instead');
    await suggestion.click();
    await page.locator('tr[data-preference="BRAND:granite goat"]').waitFor();
    await page.close();
  });

  it('GPC: the panel tells the browser signal now from the signal on record and from choices made despite it', async () => {
    const customerId = 'cust-012';
    const token = await suite.stack.tokenFor(customerId);
    // An earlier grant, then a browser of theirs sends GPC: that turns the grant off.
    expect((await suite.stack.graphql(SET, { p: Purpose.MARKETING_EMAIL, g: true, v: 1 }, { token })).errors).toBeUndefined();
    await suite.stack.graphql('{ me { id } }', {}, { token, headers: { 'Sec-GPC': '1' } });

    // This browser does not send GPC: no refusal, and the panel says what is on record and what was chosen.
    const page = await freshPage(customerId);
    const panel = page.locator('section[aria-labelledby="gpc-title"]');
    await panel.getByText('This browser does not send the Global Privacy Control signal right now.').waitFor();
    expect(await panel.innerText()).toContain('A Global Privacy Control signal is on record for your account since');
    expect(await panel.innerText()).not.toContain('Your browser sends');
    const emailCard = page.locator(`article[data-purpose="${Purpose.MARKETING_EMAIL}"]`);
    expect(await emailCard.locator('[data-choice]').innerText()).toContain('Switched off by your browser’s Global Privacy Control signal');
    const share = page.locator(sel(Purpose.SHARE_PARTNERS));
    await share.click();
    await expect.poll(() => share.getAttribute('aria-checked')).toBe('true');
    const shareCard = page.locator(`article[data-purpose="${Purpose.SHARE_PARTNERS}"]`);
    await expect.poll(() => shareCard.locator('[data-choice]').innerText()).toContain('Allowed by you, despite Global Privacy Control');
    const shareTitle = (await shareCard.getByRole('heading').innerText()).trim();
    await expect.poll(() => panel.innerText()).toContain(`You chose “${shareTitle}” despite Global Privacy Control`);
    await page.close();

    // A browser that sends GPC now: the panel says so, and a covered grant is explained at its switch first.
    const withGpc = await freshPage(customerId, { 'Sec-GPC': '1' });
    const gpcPanel = withGpc.locator('section[aria-labelledby="gpc-title"]');
    await gpcPanel.getByText('This browser sends the Global Privacy Control signal now.').waitFor();
    const push = withGpc.locator(sel(Purpose.MARKETING_PUSH));
    await push.click();
    const pushCard = withGpc.locator(`article[data-purpose="${Purpose.MARKETING_PUSH}"]`);
    await pushCard.getByRole('alert').filter({ hasText: 'Your browser sends Global Privacy Control' }).waitFor();
    expect(await push.getAttribute('aria-checked')).toBe('false');
    await pushCard.getByRole('button', { name: /^Allow anyway/ }).click();
    await expect.poll(() => push.getAttribute('aria-checked')).toBe('true');
    expect(await withGpc.evaluate(() => document.activeElement?.id)).toBe(`switch-${Purpose.MARKETING_PUSH}`);
    await withGpc.close();
  });

  it('reflows at 390 px, 320 px and 200% zoom on every page: no sideways scrolling, the switch fully visible', async () => {
    const page = await suite.browser.context.newPage();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // 640 CSS px is a 1280 px window at 200% zoom; 320 px is the same window at 400% (WCAG 1.4.10).
    const widths = [390, 320, 640];
    const check = async (name: string) => {
      for (const width of widths) {
        await page.setViewportSize({ width, height: 800 });
        expect(await overflow(), `${name} at ${width} px`).toBeLessThanOrEqual(0);
        const switches = await page.locator('[role="switch"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
        for (const right of switches) expect(right, `a switch on ${name} at ${width} px`).toBeLessThanOrEqual(width);
      }
    };
    await page.goto(`${suite.origin}/`);
    await page.getByLabel('Demo customer').waitFor();
    await check('sign-in');
    await page.setViewportSize({ width: 1024, height: 768 });
    await signIn(page, suite.origin, DEMO_CUSTOMERS.full);
    await page.locator('section[aria-labelledby="history-title"] table tbody tr').first().waitFor();
    await check('consent');
    if (!fs.existsSync(PHONE_SCREENSHOT)) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: PHONE_SCREENSHOT });
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await openPage(page, 'Preferences');
    await page.locator('table.preferences tbody tr').first().waitFor();
    await check('preferences');
    await openPage(page, 'Recommendations');
    await shownList(page);
    await page
      .locator('ol.recommendations > li')
      .first()
      .getByRole('button', { name: /Why am I seeing this/ })
      .click();
    await check('recommendations');
    await openPage(page, 'My data');
    await check('my data');
    await page.close();
  });

  it('records in plain words: notice titles, how each decision was made, allowed / switched off, retention in years', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.full);
    const history = page.locator('section[aria-labelledby="history-title"] table');
    await history.locator('tbody tr').first().waitFor();
    const text = await history.innerText();
    expect(text).not.toMatch(/IMPORT|PREFERENCE_CENTER|\bGPC\b|personalization\.|marketing\./);
    expect(text).toContain('Carried over from our earlier system');
    const titles = await page.locator('article.purpose h3').allInnerTexts();
    const historyPurposes = await history.locator('td[data-label="Purpose"]').allInnerTexts();
    for (const p of historyPurposes) expect(titles, 'each purpose goes by its notice title').toContain(p);
    await page.locator('li.receipt').first().waitFor();
    expect(await page.locator('li.receipt').first().innerText()).toMatch(/(Allowed|Switched off|Declined): /);
    const essential = await page.locator('article[data-purpose="essential"] .facts').innerText();
    expect(essential).toContain('10 years');
    expect(await page.locator('article.purpose .facts').allInnerTexts()).not.toContainEqual(expect.stringMatching(/\d{3,} days/));
    await page.close();
  });

  it('the export reads as four sections with product names, also as CSV, and the machine JSON stays complete', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.full);
    await openPage(page, 'Recommendations');
    const shown = await shownList(page);
    const shownTitle = (await page.locator('ol.recommendations > li .item-title').first().innerText()).trim();
    await openPage(page, 'My data');
    const readable = await downloadedText(page, () => page.getByRole('button', { name: 'Download a readable copy (web page)' }).click());
    expect(readable.filename).toBe(`my-data-${DEMO_CUSTOMERS.full}.html`);
    for (const section of ['What you told us', 'What you did', 'What we showed you', 'Your consents'])
      expect(readable.text).toContain(`<h2>${section}</h2>`);
    expect(readable.text).toContain(shownTitle);
    expect(readable.text).not.toContain(shown.itemIds[0]);
    expect(readable.text).not.toMatch(/ledgerHash|prevHash|"subgraphs"/);
    const csv = await downloadedText(page, () => page.getByRole('button', { name: 'Download as a spreadsheet (CSV)' }).click());
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('Section,When,What,Details');
    expect(lines.some((l) => l.startsWith('Your consents,'))).toBe(true);
    const json = await downloadedText(page, () => page.getByRole('button', { name: 'Download the complete record (JSON)' }).click());
    expect((JSON.parse(json.text) as { subgraphs: Record<string, unknown> }).subgraphs).toHaveProperty('consent');
    expect(await page.getByRole('button', { name: 'Download my data first' }).count()).toBe(1);
    await page.close();
  });

  it('erasure: the receipt can be downloaded, and a second tab of the same account is signed out', async () => {
    const customerId = 'cust-013';
    const first = await freshPage(customerId);
    const second = await freshPage(customerId);
    await openPage(first, 'My data');
    await first.getByLabel(/To confirm, type/).fill('ERASE MY DATA');
    await first.getByRole('button', { name: 'Erase all my data' }).click();
    await first.getByRole('heading', { level: 1, name: 'Sign in to your privacy and preferences' }).waitFor({ timeout: 20_000 });
    await second.getByRole('heading', { level: 1, name: 'Sign in to your privacy and preferences' }).waitFor({ timeout: 10_000 });
    expect(await second.getByRole('status').filter({ hasText: 'erased in another tab' }).count()).toBe(1);
    expect(await second.evaluate(() => sessionStorage.length)).toBe(0);
    const receipt = await downloadedText(first, () => first.getByRole('button', { name: 'Download the erasure receipt' }).click());
    expect(receipt.filename).toMatch(/^erasure-receipt-.+\.json$/);
    const saved = JSON.parse(receipt.text) as { customerId: string; receiptId: string; complete: boolean };
    expect(saved).toMatchObject({ customerId, complete: true });
    await first.close();
    await second.close();
  });

  it('products are recognisable (a picture drawn in the page, the configured currency); every page has its own title; a loading shell; dark mode', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.statedOnly);
    const titles = [await page.title()];
    await openPage(page, 'Recommendations');
    await shownList(page);
    const cards = page.locator('ol.recommendations > li');
    const count = await cards.count();
    expect(await cards.locator('svg.item-image').count()).toBe(count);
    const prices = await cards.locator('.price').allInnerTexts();
    expect(prices).toHaveLength(count);
    for (const price of prices) expect(price).toMatch(/€\s?\d|\d\s?€/);
    // Each card links to the item's page in the shop (from CATALOG_PRODUCT_URL_TEMPLATE), named for the item.
    const first = cards.first();
    const link = first.getByRole('link', { name: `View ${await first.locator('.item-title').innerText()} in the shop` });
    expect(await link.getAttribute('href')).toBe(PRODUCT_URL_TEMPLATE.replace('{id}', (await first.getAttribute('data-item-id'))!));
    expect(await cards.locator('.product-link a').count()).toBe(count);
    titles.push(await page.title());
    await openPage(page, 'Preferences');
    titles.push(await page.title());
    await openPage(page, 'My data');
    titles.push(await page.title());
    expect(new Set(titles).size).toBe(4);
    expect(titles[1]).toContain('Recommended for you');
    // A static shell says something before the script runs; a dark system setting gets a dark page that still passes axe.
    expect(await (await fetch(`${suite.origin}/`)).text()).toContain('Loading your privacy and preferences…');
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPage(page, 'Consent');
    await page.locator('section[aria-labelledby="history-title"] table tbody tr').first().waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(18, 20, 23)');
    expect(await seriousAccessibilityViolations(page), 'consent page, dark').toEqual([]);
    expect(suite.traffic.foreign).toEqual([]);
    expect(suite.traffic.cspViolations).toEqual([]);
    await page.close();
  });
  // Last: a material notice change affects every customer who granted the purpose.
  it('re-consent shows what changed, and agreeing keeps focus on that purpose’s switch', async () => {
    const customerId = 'cust-015';
    const token = await suite.stack.tokenFor(customerId);
    expect((await suite.stack.graphql(SET, { p: Purpose.ANALYTICS, g: true, v: 1 }, { token })).errors).toBeUndefined();
    const before = (
      await suite.stack.graphql<{ purposes: { id: string; notice: { text: string } }[] }>('{ purposes { id notice { text } } }')
    ).data!.purposes.find((p) => p.id === Purpose.ANALYTICS)!.notice.text;
    const admin = await suite.stack.gateway.tokens.issue('admin-1', 'admin');
    const published = await suite.stack.graphql(
      'mutation ($i: NoticeVersionInput!) { publishNotice(input: $i) { version } }',
      { i: { purpose: Purpose.ANALYTICS, title: 'Analytics', text: 'We now also measure which of our emails you open.', material: true } },
      { token: admin },
    );
    const version = published.data!.publishNotice.version as number;
    const page = await freshPage(customerId);
    const banner = page.locator('section[aria-labelledby="reconsent-title"]');
    await banner.waitFor();
    const changed = await banner.locator('.what-changed').innerText();
    expect(changed).toContain(`You agreed to (version ${version - 1})`);
    expect(changed).toContain(before);
    expect(changed).toContain('We now also measure which of our emails you open.');
    await banner.getByRole('button', { name: `Agree to version ${version}` }).click();
    await expect.poll(() => page.locator(sel(Purpose.ANALYTICS)).getAttribute('aria-checked')).toBe('true');
    expect(await banner.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`switch-${Purpose.ANALYTICS}`);
    await page.close();
  });
});
