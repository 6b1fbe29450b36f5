import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/demo/generate.js';
import { demoDataset, readJsonl, writeDataset } from '../../scripts/eval/dataset.js';
import { evaluate } from '../../scripts/eval/evaluate.js';
import { loadConfig } from '../../subgraphs/shared/config.js';

describe('offline evaluation and slot configuration', () => {
  it('compares every consent level with the contextual row on the same demo customers, with intervals', () => {
    const { rows, customers } = evaluate(demoDataset(generateDemoData()), { resamples: 300 });
    expect(customers).toBeGreaterThan(100);
    expect(rows.map((r) => r.name)).toEqual(['popularity baseline', 'contextual', 'stated only', 'stated + behavioral', 'all purposes']);
    for (const row of rows) {
      for (const metric of Object.values(row.metrics)) {
        expect(metric.low).toBeLessThanOrEqual(metric.mean + 1e-9);
        expect(metric.high).toBeGreaterThanOrEqual(metric.mean - 1e-9);
      }
      expect(row.ndcgPerCustomer).toHaveLength(customers);
    }
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row('contextual').vsContextual).toBeNull();
    // Paired with contextual on the same customers: the gain is the difference of the rows' means.
    for (const name of ['stated only', 'stated + behavioral', 'all purposes']) {
      expect(row(name).vsContextual!.ndcg.mean).toBeCloseTo(row(name).metrics.ndcg.mean - row('contextual').metrics.ndcg.mean, 9);
    }
  });

  it('exports the demo data in the documented line formats and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-eval-'));
    const files = writeDataset(dir, demoDataset(generateDemoData({ items: 60, customers: 5 })));
    expect(files.map((f) => path.basename(f))).toEqual(['catalog.jsonl', 'events.jsonl', 'stated.jsonl']);
    expect(Object.keys(readJsonl<object>(files[0])[0])).toEqual(['id', 'title', 'category', 'brand', 'attributes', 'price', 'durable']);
    const events = readJsonl<{ type: string }>(files[1]);
    expect(Object.keys(events.find((e) => e.type !== 'RATING')!)).toEqual(['customerId', 'itemId', 'type', 'occurredAt']);
    // A rating carries its stars: they decide whether it counts for or against the item.
    for (const rating of events.filter((e) => e.type === 'RATING')) expect(rating).toHaveProperty('value', expect.stringMatching(/^[1-5]$/));
    expect(Object.keys(readJsonl<object>(files[2])[0])).toEqual(['customerId', 'kind', 'value', 'sentiment']);
  });

  it('reads slot policies per surface from configuration, 70/20/10 by default, and refuses bad ones', () => {
    const config = loadConfig({ SLOT_POLICY_EMAIL: '80/10/10', MAX_CATEGORY_SHARE: '0.3' });
    expect(config.slotPolicies.HOME).toEqual({ known: 0.7, adjacent: 0.2, wildcard: 0.1, maxCategoryShare: 0.3 });
    expect(config.slotPolicies.EMAIL).toEqual({ known: 0.8, adjacent: 0.1, wildcard: 0.1, maxCategoryShare: 0.3 });
    expect(() => loadConfig({ SLOT_POLICY: '70/20' })).toThrow(
      'SLOT_POLICY must be three percentages adding up to 100, like "70/20/10", got "70/20"',
    );
  });
});
