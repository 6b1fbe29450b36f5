import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (injected over the DevTools protocol, so the page's CSP stays strict). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Records every request to another origin and every CSP violation the pages report. */
export function watchForeignTraffic(context: BrowserContext, origin: string) {
  const foreign: string[] = [];
  const cspViolations: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  return { foreign, cspViolations };
}

/** Signs in through the development sign-in page and waits for the consent page. */
export async function signIn(page: Page, origin: string, customerId: string): Promise<void> {
  await page.goto(`${origin}/consent`);
  await page.getByLabel('Demo customer').selectOption(customerId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'What we may use your data for' }).waitFor();
  await page.locator('article.purpose').first().waitFor();
}

export async function openPage(page: Page, name: 'Consent' | 'Preferences' | 'Recommendations' | 'My data'): Promise<void> {
  await page.getByRole('navigation', { name: 'Preference center' }).getByRole('link', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
}

export interface ShownList {
  decisionId: string;
  kind: 'personalized' | 'general' | 'holdout';
  itemIds: string[];
  categories: string[];
}

/** Opens (or refreshes) the recommendations page and reads the list once a new decision is shown. */
export async function shownList(page: Page, previousDecisionId?: string): Promise<ShownList> {
  const list = page.locator('ol.recommendations');
  await expect
    .poll(async () => (await list.count()) > 0 && (await list.getAttribute('data-decision-id')) !== previousDecisionId, { timeout: 15_000 })
    .toBe(true);
  await page.locator('[data-list-kind]').waitFor();
  const items = list.locator(':scope > li');
  return {
    decisionId: (await list.getAttribute('data-decision-id'))!,
    kind: (await page.locator('[data-list-kind]').getAttribute('data-list-kind')) as ShownList['kind'],
    itemIds: await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')!)),
    categories: await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-category')!)),
  };
}

/** Triggers a download and returns the downloaded file's text; fails at once with the page's error message if one appears. */
export async function downloadedText(page: Page, trigger: () => Promise<void>): Promise<{ filename: string; text: string }> {
  const failure = page
    .locator('.message-error')
    .first()
    .waitFor({ timeout: 25_000 })
    .then(async () => Promise.reject(new Error(`the page said: ${await page.locator('.message-error').first().innerText()}`)));
  failure.catch(() => undefined);
  const [download] = await Promise.all([Promise.race([page.waitForEvent('download', { timeout: 25_000 }), failure]), trigger()]);
  const file = await download.path();
  return { filename: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}
