import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, generateDemoData } from '../../scripts/demo/generate.js';
import { SUBGRAPH_NAMES } from '../../subgraphs/shared/config.js';
import { allRows, tableNames } from '../helpers/database.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const QUERY = /* GraphQL */ `
  query ($c: ContextInput) {
    me {
      recommendations(context: $c, first: 10) {
        items {
          itemId
          contributions {
            source
            purpose
            evidence
            label
          }
          explanation {
            summary
          }
        }
      }
    }
  }
`;

describe('request context is used per request and never stored (SPEC §5)', () => {
  let stack: TestStack;
  const demo = generateDemoData({ items: 600, customers: 30 });
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shapes the answer but leaves no trace in any table of any subgraph', async () => {
    const viewed = demo.catalog
      .filter((i) => i.category === 'kayaks')
      .slice(0, 3)
      .map((i) => i.id);
    const context = { surface: 'PRODUCT_PAGE', device: 'device-zq9w', locale: 'is-IS', pageCategory: 'kayaks', viewedItemIds: viewed };
    const token = await stack.tokenFor(DEMO_CUSTOMERS.none);
    const result = await stack.graphql(QUERY, { c: context }, { token });
    expect(result.errors).toBeUndefined();
    const items = result.data!.me.recommendations.items as {
      itemId: string;
      contributions: { source: string; evidence: string[]; label: string }[];
    }[];
    // The answer used the context…
    expect(items.some((i) => i.contributions.some((c) => c.source === 'CONTEXT' && c.label.includes('kayaks')))).toBe(true);
    const served = new Set(items.map((i) => i.itemId));
    const unserved = viewed.filter((id) => !served.has(id));
    expect(unserved.length).toBeGreaterThan(0);

    // …but no table holds the device, locale, page or the viewed items that were not served.
    for (const name of SUBGRAPH_NAMES) {
      const db = stack.subgraphs[name].dataSource;
      for (const table of await tableNames(db)) {
        const rows = await allRows(db, table);
        const all = JSON.stringify(rows);
        expect(all.includes('zq9w'), `${name}.${table}`).toBe(false);
        expect(all.includes('is-IS'), `${name}.${table}`).toBe(false); // a real locale no demo event has
        expect(all.includes('kayaks page you are on'), `${name}.${table}`).toBe(false);
        // Other customers may well have viewed those items; this customer's rows must not hold them.
        const theirs = JSON.stringify(rows.filter((r) => JSON.stringify(r).includes(DEMO_CUSTOMERS.none)));
        for (const id of unserved) expect(theirs.includes(id), `${name}.${table} holds ${id}`).toBe(false);
      }
    }
  });
});
