import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/demo/generate.js';
import { seedRecommendations } from '../../subgraphs/recommendations/seed.js';
import { createRecommendationsSubgraph } from '../../subgraphs/recommendations/subgraph.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { WITHDRAWN_DATA_LABEL } from '../../subgraphs/shared/contribution.types.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { removalBound } from '../../subgraphs/shared/withdrawal-bounds.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { customer, execute } from '../helpers/subgraph.js';

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Customer {
        recommendations(first: 10) {
          decisionId
          personalized
          items {
            itemId
            score
            contributions {
              source
              weight
              purpose
              noticeVersion
              evidence
              label
            }
          }
        }
      }
    }
  }
`;

const at = '2026-10-30T00:00:00.000Z';
const signal = (kind: string, value: string, purpose: string, weight = 1) => ({
  kind,
  value,
  weight,
  occurredAt: at,
  purpose,
  noticeVersion: 1,
  evidenceId: null,
});

describe('recommendations subgraph (in process, real SQLite in memory)', () => {
  let subgraph: SubgraphModule<RecommendationServices>;
  const data = generateDemoData({ items: 600, customers: 1 });
  const tentIds = data.catalog.filter((i) => i.category === 'tents').map((i) => i.id);

  beforeAll(async () => {
    subgraph = await createRecommendationsSubgraph({ config: testConfig(), sqliteFile: ':memory:' });
    await seedRecommendations(subgraph.services, data);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  const recommend = async (grantedPurposes: unknown, storedSignals: unknown) => {
    const result = await execute(
      subgraph,
      ENTITIES,
      { representations: [{ __typename: 'Customer', id: 'c1', grantedPurposes, storedSignals }] },
      customer('c1'),
    );
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0].recommendations;
  };
  const withoutDecisionId = (list: { items: unknown[] }) => list.items;

  it('uses granted signals: a stated like and browsing move their categories up', async () => {
    const list = await recommend(
      [Purpose.STATED, Purpose.BEHAVIORAL],
      [signal('LIKE_CATEGORY', 'tents', Purpose.STATED), signal('VIEWED_ITEM', tentIds[0], Purpose.BEHAVIORAL, 3)],
    );
    expect(list.personalized).toBe(true);
    expect(tentIds).toContain(list.items[0].itemId);
    const purposes = new Set(list.items.flatMap((i: { contributions: { purpose: string }[] }) => i.contributions.map((c) => c.purpose)));
    expect(purposes).toEqual(new Set([Purpose.STATED, Purpose.BEHAVIORAL, null]));
  });

  it('never lets a purpose that is not granted reach scoring', async () => {
    const stated = signal('LIKE_CATEGORY', 'tents', Purpose.STATED);
    const browsing = signal('VIEWED_ITEM', tentIds[1], Purpose.BEHAVIORAL, 5);
    const purchase = signal('PURCHASED_ITEM', tentIds[2], Purpose.PURCHASE, 5);
    const onlyStated = await recommend([Purpose.STATED], [stated]);
    const offered = await recommend([Purpose.STATED], [stated, browsing, purchase]);
    for (const item of offered.items) {
      for (const c of item.contributions) expect([Purpose.STATED, null]).toContain(c.purpose);
    }
    // Not merely hidden from the output: the ungranted signals changed nothing at all.
    expect(withoutDecisionId(offered)).toEqual(withoutDecisionId(onlyStated));
  });

  it('fails closed when the requirement is missing or malformed', async () => {
    const nonPersonal = await recommend([], []);
    for (const granted of [undefined, 'personalization.stated', [42]]) {
      const list = await recommend(granted, [signal('LIKE_CATEGORY', 'tents', Purpose.STATED)]);
      expect(list.personalized).toBe(false);
      expect(withoutDecisionId(list)).toEqual(withoutDecisionId(nonPersonal));
    }
  });

  it('"show me less" means less, not none: fewer places, ranked lower, and the explanation says so; "never" filters', async () => {
    const granted = [Purpose.STATED, Purpose.BEHAVIORAL];
    const browsedTents = tentIds.slice(0, 4).map((id) => signal('VIEWED_ITEM', id, Purpose.BEHAVIORAL, 3));
    type Item = { itemId: string; score: number; contributions: { source: string; weight: number; label: string }[] };
    const tentsIn = (list: { items: Item[] }) => list.items.filter((i) => tentIds.includes(i.itemId));
    const browsed = await recommend(granted, browsedTents);
    const less = await recommend(granted, [...browsedTents, signal('DISLIKE_CATEGORY', 'tents', Purpose.STATED)]);
    const never = await recommend(granted, [...browsedTents, signal('NEVER_CATEGORY', 'tents', Purpose.STATED)]);
    expect(tentsIn(browsed).length).toBeGreaterThan(1);
    expect(tentsIn(less).length).toBeGreaterThan(0);
    expect(tentsIn(less).length).toBeLessThan(tentsIn(browsed).length);
    expect(tentsIn(never)).toEqual([]);
    const lowered = tentsIn(less)[0];
    expect(less.items.indexOf(lowered)).toBeGreaterThan(browsed.items.indexOf(tentsIn(browsed)[0]));
    const penalty = lowered.contributions.find((c) => c.source === 'STATED_PREFERENCE');
    expect(penalty).toMatchObject({ label: 'tents' });
    expect(penalty!.weight).toBeLessThan(0);
    // Still faithful: the score is the sum of its contributions, the penalty included.
    expect(lowered.contributions.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(lowered.score, 6);
  });

  it('applies stated "never" as a hard filter, even over a like', async () => {
    const list = await recommend(
      [Purpose.STATED],
      [signal('LIKE_CATEGORY', 'tents', Purpose.STATED), signal('NEVER_CATEGORY', 'tents', Purpose.STATED)],
    );
    expect(list.items.some((i: { itemId: string }) => tentIds.includes(i.itemId))).toBe(false);
  });

  it('resolves a served Recommendation by its key from the decision log, for its customer only', async () => {
    const list = await recommend([Purpose.STATED], [signal('LIKE_CATEGORY', 'tents', Purpose.STATED)]);
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Recommendation { itemId score contributions { source weight } } } }';
    const representations = [{ __typename: 'Recommendation', decisionId: list.decisionId, itemId: list.items[0].itemId }];
    const own = await execute(subgraph, query, { r: representations }, customer('c1'));
    expect(own.data!._entities[0]).toMatchObject({ itemId: list.items[0].itemId, score: list.items[0].score });
    // Someone else's decision resolves like one that does not exist.
    const other = await execute(subgraph, query, { r: representations }, customer('c2'));
    const missing = await execute(subgraph, query, { r: [{ ...representations[0], decisionId: 'no-such-decision' }] }, customer('c2'));
    expect(other).toEqual({ data: { _entities: [null] } });
    expect(other).toEqual(missing);
  });

  it('refuses a customer asking for another customer’s list', async () => {
    const result = await execute(
      subgraph,
      ENTITIES,
      { representations: [{ __typename: 'Customer', id: 'c1', grantedPurposes: [], storedSignals: [] }] },
      customer('c2'),
    );
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'You can only see and change your own data.', extensions: { code: 'FORBIDDEN' } }),
    ]);
  });

  it('validates page sizes with a clear error', async () => {
    const result = await execute(subgraph, '{ recommendations(first: 500) { decisionId } }');
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'first must be between 1 and 50.', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
    ]);
  });

  it('rests items shown 5 times without engagement, counting only lists decided while browsing could be used', async () => {
    const context = { surface: 'HOME' as const, device: null, locale: null, pageCategory: null, viewedItemIds: [] };
    const decide = (grantedPurposes: string[], storedSignals: unknown[]) =>
      subgraph.services.decisions.decide({ customerId: 'c-rest', grantedPurposes, storedSignals, context, first: 10 });
    const stated = [signal('LIKE_CATEGORY', 'tents', Purpose.STATED, 3)];
    const first = await decide([Purpose.STATED], stated);
    expect(first.holdout).toBe(false);
    const top = first.items[0].itemId;
    for (let i = 0; i < 5; i += 1) await decide([Purpose.STATED], stated);

    const browsing = [...stated, signal('VIEWED_ITEM', tentIds.at(-1)!, Purpose.BEHAVIORAL)];
    const both = [Purpose.STATED, Purpose.BEHAVIORAL];
    expect((await decide(both, browsing)).items.map((i) => i.itemId)).toContain(top); // shown 6 times, none counted
    for (let i = 0; i < 4; i += 1) await decide(both, browsing);
    expect((await decide(both, browsing)).items.map((i) => i.itemId)).not.toContain(top); // 5 counted: rested
  });

  it('does not log what a purpose said when it was withdrawn while the request was under way', async () => {
    const context = { surface: 'HOME' as const, device: null, locale: null, pageCategory: null, viewedItemIds: [] };
    // The withdrawal (ledger position 6) has been applied: its watermark is raised.
    await subgraph.services.decisions.redactPurpose('c-inflight', Purpose.BEHAVIORAL, { withdrawnAt: null, upTo: null, withdrawalSeq: 6 });
    const signals = [signal('LIKE_CATEGORY', 'tents', Purpose.STATED), signal('VIEWED_ITEM', tentIds[0], Purpose.BEHAVIORAL, 3)];
    // This request read its grants just before the withdrawal (at consent version 5).
    const served = await subgraph.services.decisions.decide({
      customerId: 'c-inflight',
      grantedPurposes: [Purpose.STATED, Purpose.BEHAVIORAL],
      storedSignals: signals,
      consentVersion: 5,
      context,
      first: 10,
    });
    expect(served.holdout).toBe(false);
    const browsing = (items: { contributions: { purpose: string | null; evidence: string[]; label: string }[] }[]) =>
      items.flatMap((i) => i.contributions).filter((c) => c.purpose === Purpose.BEHAVIORAL);
    expect(browsing(served.items).some((c) => c.evidence.length > 0)).toBe(true);
    const logged = await subgraph.services.decisions.find(served.decisionId);
    expect(browsing(logged!.items).length).toBe(browsing(served.items).length);
    expect(browsing(logged!.items).every((c) => c.evidence.length === 0 && c.label === WITHDRAWN_DATA_LABEL)).toBe(true);
    expect(logged!.items.flatMap((i) => i.contributions).some((c) => c.purpose === Purpose.STATED && c.evidence.length > 0)).toBe(true);
  });

  it('a decision stored just after a withdrawal was recorded, before its clean-up arrived, is redacted by it', async () => {
    const context = { surface: 'HOME' as const, device: null, locale: null, pageCategory: null, viewedItemIds: [] };
    const withdrawnAt = new Date(Date.now() - 1_000).toISOString(); // consent recorded the withdrawal a moment ago…
    const signals = [signal('VIEWED_ITEM', tentIds[1], Purpose.BEHAVIORAL, 3)];
    // …while a request that read its grants just before still stores its decision
    const served = await subgraph.services.decisions.decide({
      customerId: 'c-race2',
      grantedPurposes: [Purpose.BEHAVIORAL],
      storedSignals: signals,
      consentVersion: 5,
      context,
      first: 10,
    });
    expect(served.holdout).toBe(false);
    await subgraph.services.decisions.redactPurpose('c-race2', Purpose.BEHAVIORAL, {
      withdrawnAt,
      upTo: removalBound(withdrawnAt),
      withdrawalSeq: 6,
    }); // then the clean-up of the withdrawal at ledger position 6 arrives
    const logged = (await subgraph.services.decisions.find(served.decisionId))!.items
      .flatMap((i) => i.contributions)
      .filter((c) => c.purpose === Purpose.BEHAVIORAL);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((c) => c.evidence.length === 0 && c.label === WITHDRAWN_DATA_LABEL)).toBe(true);
  });
});
