import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/demo/generate.js';
import { CatalogIndex } from '../../subgraphs/recommendations/engine/catalog-index.js';
import { InteractionModel } from '../../subgraphs/recommendations/engine/interaction-model.js';
import type { ActiveOverride } from '../../subgraphs/recommendations/engine/overrides.js';
import { DEFAULT_POLICY, SATURATION_IMPRESSIONS, recommend, type RecommendInput } from '../../subgraphs/recommendations/engine/recommend.js';
import { allocate } from '../../subgraphs/recommendations/engine/slots.js';
import { buildAffinities } from '../../subgraphs/recommendations/engine/affinities.js';
import { round, sumOf } from '../../subgraphs/recommendations/engine/contribution.js';
import { TUNED_WEIGHTS } from '../../subgraphs/recommendations/engine/weights.js';
import { ScoreBuilder } from '../../subgraphs/recommendations/engine/score.js';
import { scoreItem } from '../../subgraphs/recommendations/engine/scorer.js';
import { learnedSources } from '../../subgraphs/recommendations/engine/sources.js';
import type { RequestContext } from '../../subgraphs/recommendations/engine/types.js';
import type { GatedSignal } from '../../subgraphs/shared/gate.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';

const data = generateDemoData({ items: 900, customers: 1 });
const catalog = new CatalogIndex(data.catalog);
const now = new Date('2026-11-01T10:00:00.000Z');
const home: RequestContext = { surface: 'HOME', device: null, locale: null, pageCategory: null, viewedItemIds: [] };
const ids = (category: string) => catalog.byCategory.get(category)!.map((i) => i.id);
const signal = (kind: string, value: string, purpose: GatedSignal['purpose'], weight = 1): GatedSignal => ({
  kind,
  value,
  weight,
  occurredAt: '2026-10-30T00:00:00.000Z',
  purpose,
  noticeVersion: 1,
  evidenceId: `pref-${value}`,
});

/** Forty customers who shop tents together with sleeping bags (and one with kayaks). */
function campingModel(): InteractionModel {
  const interactions = Array.from({ length: 40 }, (_, c) =>
    [ids('tents')[c % 10], ids('sleeping bags')[c % 7], ...(c === 0 ? [ids('kayaks')[0]] : [])].map((itemId, k) => ({
      customerId: `t${c}`,
      itemId,
      channel: c % 2 ? 'app' : 'web',
      occurredAt: new Date(now.getTime() - (c + k) * 3_600_000).toISOString(),
    })),
  ).flat();
  return InteractionModel.fromInteractions(interactions);
}

const run = (overrides: Partial<RecommendInput> = {}) =>
  recommend({ catalog, signals: [], context: home, first: 10, now, model: campingModel(), ...overrides });

describe('recommendation engine', () => {
  it('allocates 70 / 20 / 10 by default, and any configured split', () => {
    expect(allocate(10, DEFAULT_POLICY)).toEqual({ KNOWN: 7, ADJACENT: 2, WILDCARD: 1 });
    expect(allocate(5, DEFAULT_POLICY)).toEqual({ KNOWN: 4, ADJACENT: 1, WILDCARD: 0 });
    expect(allocate(10, { known: 0.5, adjacent: 0.3, wildcard: 0.2, maxCategoryShare: 1 })).toEqual({ KNOWN: 5, ADJACENT: 3, WILDCARD: 2 });
  });

  it('fills known, adjacent (learned from co-occurrence) and wildcard slots, with every score the sum of its contributions', () => {
    const list = run({ signals: [signal('LIKE_CATEGORY', 'tents', Purpose.STATED)], policy: { ...DEFAULT_POLICY, maxCategoryShare: 0.7 } });
    const slots = list.items.map((i) => i.slot);
    expect(slots.filter((s) => s === 'KNOWN')).toHaveLength(7);
    expect(slots.filter((s) => s === 'ADJACENT')).toHaveLength(2);
    expect(slots.filter((s) => s === 'WILDCARD')).toHaveLength(1);
    expect(list.items.filter((i) => i.slot === 'ADJACENT').map((i) => i.category)).toContain('sleeping bags');
    for (const item of list.items) {
      expect(item.score).toBeCloseTo(
        item.contributions.reduce((s, c) => s + c.weight, 0),
        9,
      );
    }
  });

  it('caps the share of one category', () => {
    const list = run({ signals: [signal('LIKE_CATEGORY', 'tents', Purpose.STATED, 5)] });
    expect(list.items.filter((i) => i.category === 'tents').length).toBeLessThanOrEqual(Math.ceil(10 * DEFAULT_POLICY.maxCategoryShare));
  });

  it('explains co-occurrence with the seed item’s title and the purpose of the seed', () => {
    const tent = ids('tents')[0];
    const list = run({ signals: [signal('VIEWED_ITEM', tent, Purpose.BEHAVIORAL, 3)] });
    const similar = list.items.flatMap((i) => i.contributions).filter((c) => c.source === 'SIMILAR_CUSTOMERS');
    expect(similar.length).toBeGreaterThan(0);
    expect(similar[0]).toMatchObject({ purpose: Purpose.BEHAVIORAL, label: catalog.byId.get(tent)!.title, evidence: [tent] });
  });

  it('explores deterministically per context: same context, same list; another context, other picks', () => {
    const explored = (context: RequestContext) => run({ context }).items.filter((i) => i.contributions.some((c) => c.source === 'EXPLORATION'));
    expect(run()).toEqual(run());
    const a = run({ context: { ...home, pageCategory: 'ropes' } }).items.map((i) => i.itemId);
    const b = run({ context: { ...home, pageCategory: 'ropes', device: 'mobile' } }).items.map((i) => i.itemId);
    expect(a).not.toEqual(b);
    expect(explored(home).every((i) => i.contributions.find((c) => c.source === 'EXPLORATION')!.purpose === null)).toBe(true);
  });

  it('uses segment popularity (device, part of day) and trending in the requested category, without personal data', () => {
    const list = run({ context: { ...home, device: 'mobile', pageCategory: 'tents' } });
    const contributions = list.items.flatMap((i) => i.contributions);
    expect(contributions.some((c) => c.label === 'popular with shoppers on our app')).toBe(true);
    expect(contributions.some((c) => c.label === 'trending in tents this week')).toBe(true);
    expect(contributions.every((c) => c.purpose === null)).toBe(true);
  });

  it('uses locale segment popularity, learned from interactions in that shop locale', () => {
    const kayak = ids('kayaks')[2];
    const german = Array.from({ length: 6 }, (_, c) => ({
      customerId: `de${c}`,
      itemId: kayak,
      channel: 'web',
      locale: 'de-DE',
      occurredAt: now.toISOString(),
    }));
    const model = InteractionModel.fromInteractions([
      ...german,
      { customerId: 'uk0', itemId: ids('tents')[1], channel: 'web', locale: 'en-GB', occurredAt: now.toISOString() },
    ]);
    const onKayaks = (locale: string) =>
      run({ model, first: 20, policy: { ...DEFAULT_POLICY, maxCategoryShare: 1 }, context: { ...home, pageCategory: 'kayaks', locale } });
    const inGermany = onKayaks('de-DE').items.find((i) => i.itemId === kayak);
    expect(inGermany?.contributions).toContainEqual(
      expect.objectContaining({
        source: 'CONTEXT',
        purpose: null,
        evidence: ['locale:de-DE'],
        label: 'popular with shoppers in Germany',
        weight: round(TUNED_WEIGHTS.segment),
      }),
    );
    const inBritain = onKayaks('en-GB').items.find((i) => i.itemId === kayak);
    expect(inBritain).toBeDefined();
    expect(inBritain!.contributions.some((c) => c.evidence.includes('locale:de-DE'))).toBe(false);
    // Two customers are too few to call anything popular in a segment: it would show what they did.
    const fewModel = InteractionModel.fromInteractions(german.slice(0, 2));
    const fewList = run({
      model: fewModel,
      first: 20,
      policy: { ...DEFAULT_POLICY, maxCategoryShare: 1 },
      context: { ...home, pageCategory: 'kayaks', locale: 'de-DE' },
    });
    expect(fewList.items.flatMap((i) => i.contributions).some((c) => c.evidence.includes('locale:de-DE'))).toBe(false);
  });

  it('suppresses durable goods already bought and items shown many times without engagement', () => {
    const tent = ids('tents')[0];
    const bought = run({ signals: [signal('PURCHASED_ITEM', tent, Purpose.PURCHASE, 5)], first: 50 });
    expect(bought.items.map((i) => i.itemId)).not.toContain(tent);
    const base = run({ first: 20 });
    const top = base.items[0].itemId;
    const tired = run({ first: 20, impressions: new Map([[top, SATURATION_IMPRESSIONS]]) });
    expect(tired.items.map((i) => i.itemId)).not.toContain(top);
    const engaged = run({
      first: 20,
      impressions: new Map([[top, SATURATION_IMPRESSIONS]]),
      signals: [signal('VIEWED_ITEM', top, Purpose.BEHAVIORAL)],
    });
    expect(engaged.items.map((i) => i.itemId)).toContain(top);
  });

  it('applies pins and boosts as disclosed PROMOTED contributions, but never past NEVER', () => {
    const kayak = ids('kayaks')[3];
    const pin: ActiveOverride = { id: 'o-pin', kind: 'PIN', itemId: kayak, position: 2, boost: null, reasonCategory: 'NOVEL_PRODUCT' };
    const pinned = run({ overrides: [pin] });
    const placed = pinned.items[1];
    expect(placed).toMatchObject({ itemId: kayak, promoted: true });
    expect(placed.contributions.find((c) => c.source === 'PROMOTED')).toMatchObject({
      evidence: ['o-pin'],
      purpose: null,
      label: 'a new product we want you to see',
    });
    expect(placed.score).toBeCloseTo(
      placed.contributions.reduce((s, c) => s + c.weight, 0),
      9,
    );
    const never = run({ overrides: [pin], signals: [signal('NEVER_CATEGORY', 'kayaks', Purpose.STATED)] });
    expect(never.items.map((i) => i.itemId)).not.toContain(kayak);

    const boost: ActiveOverride = { id: 'o-boost', kind: 'BOOST', itemId: kayak, position: null, boost: 4, reasonCategory: 'COMMERCIAL' };
    const boosted = run({ overrides: [boost] }).items.find((i) => i.itemId === kayak)!;
    expect(boosted.promoted).toBe(true);
    expect(boosted.contributions.find((c) => c.source === 'PROMOTED')!.weight).toBe(4);
  });

  it('marks every item of a holdout list with a zero-weight HOLDOUT reason and nothing else changes', () => {
    const plain = run();
    const holdout = run({ holdout: true });
    expect(holdout.items.map((i) => i.itemId)).toEqual(plain.items.map((i) => i.itemId));
    for (const item of holdout.items) expect(item.contributions.at(-1)).toMatchObject({ source: 'HOLDOUT', weight: 0, purpose: null });
  });

  it('ranks on the same totals it explains: for every item, the unexplained score equals the explained one and the sum of its contributions', () => {
    const model = campingModel();
    const tent = ids('tents')[0];
    const signals = [
      signal('LIKE_CATEGORY', 'tents', Purpose.STATED, 2),
      signal('LIKE_PRICE_RANGE', '20-200', Purpose.STATED),
      signal('VIEWED_ITEM', tent, Purpose.BEHAVIORAL, 3),
      signal('PURCHASED_ITEM', ids('sleeping bags')[1], Purpose.PURCHASE, 2),
    ];
    const context: RequestContext = {
      surface: 'PRODUCT_PAGE',
      device: 'mobile',
      locale: null,
      pageCategory: 'tents',
      viewedItemIds: [ids('kayaks')[0]],
    };
    const affinities = buildAffinities(signals, catalog);
    const sources = learnedSources(catalog, affinities, context, model, now);
    const boosts: ActiveOverride[] = [{ id: 'o-boost', kind: 'BOOST', itemId: tent, position: null, boost: 1.25, reasonCategory: 'ETHICAL' }];
    const ranking = new ScoreBuilder(catalog, context, false);
    const explaining = new ScoreBuilder(catalog, context, true);
    let personal = 0;
    for (const item of catalog.byPopularity) {
      const ranked = scoreItem(ranking, item, affinities, sources, boosts);
      const explained = scoreItem(explaining, item, affinities, sources, boosts);
      expect(ranked.contributions).toEqual([]);
      expect({ score: ranked.score, personal: ranked.personal, promoted: ranked.promoted }).toEqual({
        score: explained.score,
        personal: explained.personal,
        promoted: explained.promoted,
      });
      expect(explained.score).toBe(sumOf(explained.contributions));
      if (explained.personal) personal += 1;
    }
    expect(personal).toBeGreaterThan(50);
  });

  it('learns long-term taste from browsing and purchases, and withdrawing a purpose removes exactly its contributions', () => {
    const tents = catalog.byCategory.get('tents')!;
    const kitchen = catalog.byCategory.get('camp kitchen')!;
    const stated = [signal('LIKE_CATEGORY', 'ropes', Purpose.STATED)];
    const browsing = tents.slice(0, 6).map((i, k) => signal('VIEWED_ITEM', i.id, Purpose.BEHAVIORAL, 1 + k));
    const purchases = [signal('PURCHASED_ITEM', kitchen[0].id, Purpose.PURCHASE, 5), signal('PURCHASED_ITEM', tents[7].id, Purpose.PURCHASE, 5)];
    // Every part of the taste switched on, whatever the tuning chose.
    const weights = { ...TUNED_WEIGHTS, browsedBrand: 1, browsedAttribute: 1, browsedPriceTier: 1, viewedAgain: 1, boughtAgain: 1 };
    const all = run({ signals: [...stated, ...browsing, ...purchases], first: 30, policy: { ...DEFAULT_POLICY, maxCategoryShare: 1 }, weights });
    const labels = all.items.flatMap((i) => i.contributions.filter((c) => c.purpose === Purpose.BEHAVIORAL).map((c) => c.label));
    // Brand, attribute and price-tier taste and the items looked at, not only the category.
    expect(labels).toContain('tents');
    expect(labels).toContain(tents[0].brand);
    expect(labels.some((l) => l.endsWith('-priced items'))).toBe(true);
    expect(labels).toContain(tents[5].title);
    expect(all.items.find((i) => i.itemId === kitchen[0].id)?.contributions).toContainEqual(
      expect.objectContaining({ source: 'PURCHASE_HISTORY', purpose: Purpose.PURCHASE, label: kitchen[0].title }),
    );
    expect(all.items.map((i) => i.itemId)).not.toContain(tents[7].id); // a durable good bought is not offered again
    for (const withdrawn of [Purpose.BEHAVIORAL, Purpose.PURCHASE, Purpose.STATED]) {
      const rest = run({
        signals: [...stated, ...browsing, ...purchases].filter((s) => s.purpose !== withdrawn),
        first: 30,
        policy: { ...DEFAULT_POLICY, maxCategoryShare: 1 },
        weights,
      });
      expect(rest.items.flatMap((i) => i.contributions).some((c) => c.purpose === withdrawn)).toBe(false);
      let compared = 0;
      for (const item of rest.items) {
        const before = all.items.find((i) => i.itemId === item.itemId);
        if (!before) continue;
        expect(item.contributions).toEqual(before.contributions.filter((c) => c.purpose !== withdrawn));
        expect(item.score).toBe(sumOf(item.contributions));
        compared += 1;
      }
      expect(compared).toBeGreaterThan(5);
    }
  });

  it('matches stated brands whatever their case (preferences are stored lower-cased), as likes and as hard filters', () => {
    const brand = catalog.byPopularity[0].brand;
    const liked = run({ signals: [signal('LIKE_BRAND', brand.toLowerCase(), Purpose.STATED, 3)] });
    expect(liked.items.flatMap((i) => i.contributions).some((c) => c.source === 'STATED_PREFERENCE' && c.label === brand)).toBe(true);
    const never = run({ signals: [signal('NEVER_BRAND', brand.toLowerCase(), Purpose.STATED)], first: 50 });
    expect(never.items.some((i) => catalog.byId.get(i.itemId)!.brand === brand)).toBe(false);
  });
});
