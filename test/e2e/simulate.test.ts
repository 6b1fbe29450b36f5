import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoOptions } from '../../scripts/demo/generate.js';
import { fetchReports } from '../../scripts/simulate/reports.js';
import { simulateTraffic, type TrafficSummary } from '../../scripts/simulate/traffic.js';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { referenceExposures, storedRows } from '../helpers/measurement-reference.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const START = new Date('2026-11-01T00:00:00.000Z');
const DEMO: DemoOptions = { seed: 7, customers: 30, items: 300, now: START };
const WINDOW = { from: START.toISOString(), to: new Date(START.getTime() + 2 * 86_400_000).toISOString() };

/** A fresh stack, two simulated days through its gateway, and the reports over them. */
async function simulateTwoDays(stacks: TestStack[]) {
  const clock = new ManualClock(START);
  const stack = await startTestStack({ clock, seed: DEMO, config: { holdout: { share: 0.3, salt: 'simulation-7' } } });
  stacks.push(stack);
  const merchandiserToken = await stack.gateway.tokens.issue('merch-sim', 'merchandiser');
  const summary: TrafficSummary = await simulateTraffic({
    gatewayUrl: stack.gatewayUrl,
    clock,
    demo: generateDemoData(DEMO),
    days: 2,
    seed: 7,
    start: START,
    merchandiserToken,
    settle: () => (stack.subgraphs.profile.services as ProfileServices).outbox.relay(),
  });
  return { stack, summary, reports: await fetchReports(stack.gatewayUrl, merchandiserToken, WINDOW) };
}

describe('the traffic simulator (npm run simulate)', () => {
  const stacks: TestStack[] = [];
  afterAll(async () => {
    for (const stack of stacks) await stack.close();
  });

  it('drives the stack through the gateway, and the reports agree with the rows it left', async () => {
    const { stack, summary, reports } = await simulateTwoDays(stacks);
    const rows = await storedRows(stack);
    const lists = rows.decisions.filter((d) => d.customerId && d.createdAt >= WINDOW.from && d.createdAt < WINDOW.to);
    expect(summary.lists).toBeGreaterThan(20);
    expect(lists.length).toBe(summary.lists);
    expect(rows.events.filter((e) => e.clientEventId.startsWith('sim-')).length).toBe(summary.accepted);
    // Customers without the purposes had their events dropped, not stored.
    expect(summary.dropped).toBeGreaterThan(0);
    const reference = referenceExposures(rows, WINDOW, 24 * 3_600_000);
    const groups = (reports.experimentReport as any).groups as any[];
    const total = (field: string) => groups.reduce((s, g) => s + g[field], 0);
    expect(total('exposures')).toBe(reference.length);
    expect(total('clicks')).toBe(reference.filter((x) => x.clicked).length);
    expect(total('addToCarts')).toBe(reference.filter((x) => x.carted).length);
    expect(total('purchases')).toBe(reference.reduce((s, x) => s + x.purchases, 0));
    expect(total('purchases')).toBeGreaterThan(0);
    const overrides = (reports.overrideReport as any).overrides as any[];
    expect(overrides.map((o) => o.override.reasonCategory).sort()).toEqual(['COMMERCIAL', 'NOVEL_PRODUCT']);
    for (const o of overrides) expect(o.promoted.exposures).toBe(reference.filter((x) => x.promotedBy.includes(o.override.id)).length);
    expect((reports.discoveryAudit as any).itemsShown).toBe(new Set(reference.map((x) => x.itemId)).size);
  });

  it('is deterministic: the same seed gives the same traffic and the same reports', async () => {
    const first = await simulateTwoDays(stacks);
    const second = await simulateTwoDays(stacks);
    expect(second.summary).toEqual(first.summary);
    const withoutIds = (r: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(r, (key, value) => (key === 'id' ? undefined : value))) as Record<string, unknown>;
    expect(withoutIds(second.reports)).toEqual(withoutIds(first.reports));
  });
});
