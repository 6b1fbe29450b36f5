import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type HeadlessChromium } from '../../scripts/chromium.js';
import { signIn, watchForeignTraffic } from './browser.js';
import { startTestStack, type TestStack } from './stack.js';

/** Where the browser suites' shop keeps its product pages. */
export const PRODUCT_URL_TEMPLATE = 'https://shop.example/products/{id}';

export interface BrowserSuite {
  stack: TestStack;
  browser: HeadlessChromium;
  traffic: ReturnType<typeof watchForeignTraffic>;
  origin: string;
  /** A new tab signed in as the customer (with extra request headers, such as `Sec-GPC`, when given). */
  freshPage(customerId: string, headers?: Record<string, string>): Promise<Page>;
}

/** The whole stack and one headless Chromium (in the browser language `locale`, when given) for a browser suite, every request to another origin recorded. */
export function browserSuite(chromium: string | null, locale?: string): BrowserSuite {
  const suite = {
    async freshPage(customerId: string, headers?: Record<string, string>) {
      const page = await suite.browser.context.newPage();
      if (headers) await page.setExtraHTTPHeaders(headers);
      await signIn(page, suite.origin, customerId);
      return page;
    },
  } as BrowserSuite;
  beforeAll(async () => {
    // A shop with product pages, so cards link to them (nothing follows the links: no request leaves the origin).
    suite.stack = await startTestStack({ config: { catalogProductUrlTemplate: PRODUCT_URL_TEMPLATE } });
    suite.origin = suite.stack.gatewayUrl;
    suite.browser = await launchChromium(chromium!, undefined, locale);
    suite.traffic = watchForeignTraffic(suite.browser.context, suite.origin);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.stack?.close();
  });
  return suite;
}
