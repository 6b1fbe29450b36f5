import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.js';
import { DEMO_CUSTOMERS, generateDemoData } from '../../scripts/demo/generate.js';
import { nodeProofCrypto } from '../../scripts/node-proof-crypto.js';
import { verifySignedDocument, type PublishedKeys } from '../../subgraphs/shared/consent-proof.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { downloadedText, openPage, shownList } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';

/*
 * The preference center end to end: a real headless Chromium (Debian's package) against the whole
 * stack started by the test.
 */
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('[browser suite] skipped: no `chromium` binary found (apt-get install -y chromium; .ci/run installs it).');

const demo = generateDemoData({ items: 600, customers: 30 });
const ANONYMOUS_LIST = '{ recommendations(first: 10) { items { itemId } } }';

describe.skipIf(!CHROMIUM)('the preference center in Chromium', { timeout: 120_000 }, () => {
  const suite = browserSuite(CHROMIUM);
  const { freshPage } = suite;

  const anonymousItemIds = async () =>
    (await suite.stack.graphql<{ recommendations: { items: { itemId: string }[] } }>(ANONYMOUS_LIST)).data!.recommendations.items.map(
      (i) => i.itemId,
    );

  /** A seeded customer who told us what they like, is not in the holdout, and no other test uses. */
  async function likingCustomer(exclude: string[]): Promise<string> {
    for (const c of demo.customers) {
      if (exclude.includes(c.id) || !c.granted.includes(Purpose.STATED)) continue;
      if (!c.preferences.some((p) => p.kind === 'CATEGORY' && p.sentiment === 'LIKE')) continue;
      const token = await suite.stack.tokenFor(c.id);
      const list = await suite.stack.graphql('{ me { recommendations(first: 10) { holdout personalized } } }', {}, { token });
      if (!list.data!.me.recommendations.holdout && list.data!.me.recommendations.personalized) return c.id;
    }
    throw new Error('no suitable demo customer');
  }

  it('lists every purpose with its notice, version and data, and the switch works from the keyboard', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.none);
    const purposes = (
      await suite.stack.graphql<{ purposes: { id: string; alwaysOn: boolean; notice: { title: string; version: number } }[] }>(
        '{ purposes { id alwaysOn notice { title version } } }',
      )
    ).data!.purposes;
    await expect.poll(() => page.locator('article.purpose').count()).toBe(purposes.length);
    for (const p of purposes) {
      const card = page.locator(`article[data-purpose="${p.id}"]`);
      await expect.poll(() => card.getByRole('heading', { name: p.notice.title }).count()).toBe(1);
      expect(await card.innerText()).toContain(`version ${p.notice.version}`);
      expect(await card.innerText()).toContain('Data covered');
    }
    const analytics = page.getByRole('switch', { name: /^Allow: / }).and(page.locator('#switch-analytics'));
    expect(await analytics.getAttribute('aria-checked')).toBe('false');
    await analytics.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => analytics.getAttribute('aria-checked')).toBe('true');
    const token = await suite.stack.tokenFor(DEMO_CUSTOMERS.none);
    const grantedNow = async () =>
      (await suite.stack.graphql<{ me: { grantedPurposes: string[] } }>('{ me { grantedPurposes } }', {}, { token })).data!.me.grantedPurposes;
    await expect.poll(grantedNow, { timeout: 5000 }).toContain(Purpose.ANALYTICS);
    await page.keyboard.press('Enter');
    await expect.poll(() => analytics.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => page.getByRole('table').filter({ hasText: 'Switched off' }).count()).toBe(1);
    await page.close();
  });

  it('grant personalization: the list changes; withdraw it: the next list is the non-personalized one', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.none);
    await openPage(page, 'Recommendations');
    const before = await shownList(page);
    expect(before.kind).toBe('general');
    expect(before.itemIds).toEqual(await anonymousItemIds());

    await openPage(page, 'Preferences');
    await page.getByRole('heading', { name: 'Preferences are switched off' }).waitFor();
    const stated = page.locator(`#switch-${Purpose.STATED.replace('.', '\\.')}`);
    await stated.focus();
    await page.keyboard.press('Space');
    // Consent writes wait for the ledger and earlier withdrawals: on a loaded machine that takes a few seconds.
    await expect.poll(() => page.getByRole('heading', { name: 'Preferences are switched off' }).count(), { timeout: 15_000 }).toBe(0);

    const liked = demo.catalog.map((i) => i.category).find((c) => !before.categories.includes(c))!;
    await page.getByLabel('What is it?').selectOption('CATEGORY');
    await page.getByLabel('Category name').fill(liked);
    await page.getByRole('radio', { name: 'I like this' }).check();
    await page.getByRole('button', { name: 'Add preference' }).click();
    await page.locator(`tr[data-preference="CATEGORY:${liked}"]`).waitFor();

    await openPage(page, 'Recommendations');
    const personalized = await shownList(page, before.decisionId);
    expect(personalized.kind).toBe('personalized');
    expect(personalized.itemIds).not.toEqual(before.itemIds);
    expect(personalized.categories).toContain(liked);

    await openPage(page, 'Consent');
    const consentSwitch = page.locator(`#switch-${Purpose.STATED.replace('.', '\\.')}`);
    await expect.poll(() => consentSwitch.getAttribute('aria-checked')).toBe('true');
    await consentSwitch.click();
    // A withdrawal deletes and unlearns the purpose's data first: this takes a few seconds on a loaded machine too.
    await expect.poll(() => consentSwitch.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('false');

    await openPage(page, 'Recommendations');
    const after = await shownList(page, personalized.decisionId);
    expect(after.kind).toBe('general');
    expect(after.itemIds).toEqual(await anonymousItemIds());
    await page.close();
  });

  it('adding a dislike for a liked category asks before replacing the like, then that category shows less', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.full);
    await openPage(page, 'Recommendations');
    const before = await shownList(page);
    expect(before.kind).toBe('personalized');
    const token = await suite.stack.tokenFor(DEMO_CUSTOMERS.full);
    const stated = async () =>
      (
        await suite.stack.graphql<{ me: { statedPreferences: { value: string; sentiment: string }[] } }>(
          '{ me { statedPreferences { value sentiment } } }',
          {},
          { token },
        )
      ).data!.me.statedPreferences;
    const liked = new Set((await stated()).filter((p) => p.sentiment === 'LIKE').map((p) => p.value));
    const disliked = before.categories.find((c) => liked.has(c))!;
    expect(disliked, 'a liked category in the list').toBeDefined();

    await openPage(page, 'Preferences');
    await page.getByLabel('What is it?').selectOption('CATEGORY');
    await page.getByLabel('Category name').fill(disliked);
    await page.getByRole('radio', { name: 'Show me less' }).check();
    await page.getByRole('button', { name: 'Add preference' }).click();
    // The like is not silently replaced: the form says what is stored and asks.
    const form = page.locator('form.preference-form');
    await form
      .getByRole('alert')
      .filter({ hasText: `You already have Category ${disliked} as “I like this”` })
      .waitFor();
    expect((await stated()).find((p) => p.value === disliked)?.sentiment).toBe('LIKE');
    await form.getByRole('button', { name: 'Replace it with “Show me less”' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Replaced: Show me less — Category ${disliked}` })
      .waitFor();
    expect((await stated()).find((p) => p.value === disliked)?.sentiment).toBe('DISLIKE');

    await openPage(page, 'Recommendations');
    const after = await shownList(page, before.decisionId);
    expect(after.itemIds).toHaveLength(10);
    // "Show me less" means less (fewer places, ranked lower), not necessarily none.
    const count = (list: { categories: string[] }) => list.categories.filter((c) => c === disliked).length;
    expect(count(after)).toBeLessThan(count(before));
    expect(count(after)).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('edits and removes a stated preference', async () => {
    const customerId = await likingCustomer([DEMO_CUSTOMERS.full, DEMO_CUSTOMERS.none]);
    const page = await freshPage(customerId);
    await openPage(page, 'Preferences');
    const row = page.locator('table.preferences tbody tr').first();
    await row.waitFor();
    const key = (await row.getAttribute('data-preference'))!;
    const [, value] = key.split(':');
    await row.getByRole('combobox').selectOption('NEVER');
    await row.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const token = await suite.stack.tokenFor(customerId);
    const saved = await suite.stack.graphql<{ me: { statedPreferences: { value: string; sentiment: string }[] } }>(
      '{ me { statedPreferences { value sentiment } } }',
      {},
      { token },
    );
    expect(saved.data!.me.statedPreferences.find((p) => p.value === value)?.sentiment).toBe('NEVER');

    await page
      .locator(`tr[data-preference="${key}"]`)
      .getByRole('button', { name: /^Remove/ })
      .click();
    await expect.poll(() => page.locator(`tr[data-preference="${key}"]`).count()).toBe(0);
    await page.close();
  });

  it('opens "Why am I seeing this?" and its controls act and refresh the list', async () => {
    const customerId = await likingCustomer([DEMO_CUSTOMERS.full, DEMO_CUSTOMERS.none, DEMO_CUSTOMERS.statedOnly]);
    const page = await freshPage(customerId);
    await openPage(page, 'Recommendations');
    const before = await shownList(page);
    const first = page.locator('ol.recommendations > li').first();
    const why = first.getByRole('button', { name: /Why am I seeing this/ });
    expect(await why.getAttribute('aria-expanded')).toBe('false');
    await why.press('Enter');
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator(`#${(await why.getAttribute('aria-controls'))!}`);
    await panel.getByRole('heading', { name: 'Reasons' }).waitFor();
    expect(await panel.innerText()).toContain('Data used');

    // "Show me less <category>": a dislike (asked first if the category is liked), and the next list has none of it.
    const category = before.categories[0];
    await panel.locator('button[data-action="DISLIKE_CATEGORY"]').click();
    const toast = page.locator('.toast');
    await expect.poll(() => toast.innerText(), { timeout: 10_000 }).toMatch(/Noted: less|You already told us/);
    if ((await toast.innerText()).includes('You already told us'))
      await toast.getByRole('button', { name: `Show me less ${category} instead` }).click();
    const afterDislike = await shownList(page, before.decisionId);
    expect(afterDislike.categories.filter((c) => c === category).length).toBeLessThan(before.categories.filter((c) => c === category).length);

    // Withdraw the purpose behind a reason: one click, and it is switched off.
    await page
      .locator('ol.recommendations > li')
      .first()
      .getByRole('button', { name: /Why am I seeing this/ })
      .click();
    const withdraw = page.locator('button[data-action="WITHDRAW_PURPOSE"]').first();
    await withdraw.waitFor();
    const label = (await withdraw.innerText()).trim();
    await withdraw.click();
    await page.getByRole('button', { name: 'Switch off and delete' }).click();
    const afterWithdraw = await shownList(page, afterDislike.decisionId);
    expect(afterWithdraw.decisionId).not.toBe(afterDislike.decisionId);
    const token = await suite.stack.tokenFor(customerId);
    const consents = await suite.stack.graphql<{ me: { consents: { purpose: string; granted: boolean; status: string }[] } }>(
      '{ me { consents { purpose granted status } } }',
      {},
      { token },
    );
    expect(
      consents.data!.me.consents.some((c) => c.status === 'WITHDRAWN'),
      `after "${label}"`,
    ).toBe(true);
    await page.close();
  });

  it('"Hide this item" takes the item out of the next list, and "Undo" in place brings it back', async () => {
    const page = await freshPage('cust-007');
    await openPage(page, 'Recommendations');
    const before = await shownList(page);
    const first = page.locator('ol.recommendations > li').first();
    const title = await first.locator('.item-title').innerText();
    await first.getByRole('button', { name: /Why am I seeing this/ }).click();
    const hide = first.locator('button[data-action="HIDE_ITEM"]');
    expect(await hide.isDisabled()).toBe(false);
    await hide.click();
    const after = await shownList(page, before.decisionId);
    expect(after.itemIds).not.toContain(before.itemIds[0]);

    // The message names the item and offers the undo, focused, where the customer is looking.
    const toast = page.locator('.toast');
    await toast.filter({ hasText: `Hidden: ${title}.` }).waitFor();
    const undo = toast.getByRole('button', { name: `Undo: show ${title} again` });
    await expect.poll(() => undo.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await toast.filter({ hasText: `Undone: ${title} can be recommended to you again.` }).waitFor();
    const restored = await shownList(page, after.decisionId);
    expect(restored.itemIds).toContain(before.itemIds[0]);
    await page.close();
  });

  it('downloads a receipt whose signature verifies, in the page and offline', async () => {
    const page = await freshPage('cust-005');
    await page.locator(`#switch-${Purpose.ANALYTICS}`).click();
    await page.locator('li.receipt').first().waitFor();
    // Pinned by id: a later receipt (this customer's earlier decisions being issued) may come first.
    const receipt = page.locator(`li.receipt[data-receipt-id="${await page.locator('li.receipt').first().getAttribute('data-receipt-id')}"]`);
    await expect.poll(() => receipt.locator('[data-signature]').getAttribute('data-signature'), { timeout: 10_000 }).toBe('verified');
    const { filename, text } = await downloadedText(page, () => receipt.getByRole('button', { name: /Download receipt/ }).click());
    expect(filename).toMatch(/^consent-receipt-.+\.json$/);
    const saved = JSON.parse(text) as { document: string; signature: string; publicKeyPem: string };
    const key = crypto.createPublicKey(saved.publicKeyPem);
    expect(crypto.verify(null, Buffer.from(saved.document), key, Buffer.from(saved.signature, 'base64url'))).toBe(true);

    // The same receipt as an ISO/IEC TS 27560 record (DPV JSON-LD): checked in the page, and offline.
    const dpv = await downloadedText(page, () => receipt.getByRole('button', { name: /Download as ISO 27560 record/ }).click());
    expect(dpv.filename).toMatch(/^consent-record-.+-dpv-27560\.json$/);
    await expect.poll(() => receipt.locator('[data-dpv-signature]').getAttribute('data-dpv-signature'), { timeout: 10_000 }).toBe('verified');
    const record = JSON.parse(dpv.text) as { document: string; signature: string; record: Record<string, unknown> };
    expect(record.record).toMatchObject({ '@type': 'dpv:ConsentReceipt', 'dct:conformsTo': 'https://w3id.org/dpv/schema/dpv-27560#receipt' });
    expect(await verifySignedDocument(record, await publishedKeys(), nodeProofCrypto)).toMatchObject({ verdict: 'VALID', kind: 'DPV_27560' });
    await page.close();
  });

  const publishedKeys = async () => (await (await fetch(`${suite.stack.gatewayUrl}/.well-known/consent-receipt-key`)).json()) as PublishedKeys;

  it('downloads the consent ledger as a signed chain, verified in the page and offline', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.full);
    await openPage(page, 'My data');
    const { filename, text } = await downloadedText(page, () => page.getByRole('button', { name: /Download my consent ledger/ }).click());
    expect(filename).toBe(`consent-ledger-${DEMO_CUSTOMERS.full}.json`);
    await page.getByRole('status').filter({ hasText: 'every link in the chain verify here in your browser' }).waitFor({ timeout: 10_000 });
    expect(await verifySignedDocument(JSON.parse(text), await publishedKeys(), nodeProofCrypto)).toMatchObject({
      verdict: 'VALID',
      kind: 'LEDGER_CHAIN',
    });
    await page.close();
  });

  it('downloads the export of everything held about the customer', async () => {
    const page = await freshPage(DEMO_CUSTOMERS.statedOnly);
    await openPage(page, 'My data');
    const { filename, text } = await downloadedText(page, () => page.getByRole('button', { name: 'Download the complete record (JSON)' }).click());
    expect(filename).toBe(`my-data-${DEMO_CUSTOMERS.statedOnly}.json`);
    expect(text).toContain(DEMO_CUSTOMERS.statedOnly);
    expect(() => JSON.parse(text)).not.toThrow();
    await page.close();
  });

  it('erases after an explicit confirmation, then signs out', async () => {
    const customerId = 'cust-006';
    const page = await freshPage(customerId);
    await openPage(page, 'My data');
    const erase = page.getByRole('button', { name: 'Erase all my data' });
    expect(await erase.isDisabled()).toBe(true);
    await page.getByLabel(/To confirm, type/).fill('erase');
    expect(await erase.isDisabled()).toBe(true);
    await page.getByLabel(/To confirm, type/).fill('ERASE MY DATA');
    const proof = await downloadedText(page, () => erase.click());
    await page.getByRole('heading', { level: 1, name: 'Sign in to your privacy and preferences' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('status').filter({ hasText: 'You have been signed out' }).count()).toBe(1);
    // The signed tombstone, downloaded with the erasure, verifies offline and names no one.
    expect(proof.filename).toBe('consent-ledger-erasure-proof.json');
    expect(await verifySignedDocument(JSON.parse(proof.text), await publishedKeys(), nodeProofCrypto)).toMatchObject({
      verdict: 'VALID',
      kind: 'LEDGER_TOMBSTONE',
    });
    expect(proof.text).not.toContain(customerId);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // The account is gone everywhere: not even a development sign-in can find it.
    await expect(suite.stack.tokenFor(customerId)).rejects.toThrow(/There is no customer/);
    await page.close();
  });

  it('made no request to any other origin and broke no Content-Security-Policy rule', () => {
    expect(suite.traffic.foreign).toEqual([]);
    expect(suite.traffic.cspViolations).toEqual([]);
  });
});
