import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExplanationsSubgraph } from '../../subgraphs/explanations/subgraph.js';
import type { ExplanationServices } from '../../subgraphs/explanations/schema.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { ExplanationViewRecord } from '../../subgraphs/explanations/entities/explanation-view.entity.js';
import { WITHDRAWN_DATA_LABEL } from '../../subgraphs/shared/contribution.types.js';
import { testConfig } from '../helpers/config.js';
import { customer, execute } from '../helpers/subgraph.js';

/** A withdrawal of unknown time: everything it covers goes. */
const ALL = { withdrawnAt: null, upTo: null, withdrawalSeq: null };

const QUERY = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Recommendation {
        explanation {
          summary
          reasons {
            kind
            text
            weight
            dataUsed {
              category
              purpose
              noticeVersion
            }
          }
          controls {
            action
            purpose
            target
            label
          }
        }
      }
    }
  }
`;

describe('explanations subgraph', () => {
  let subgraph: SubgraphModule<ExplanationServices>;
  beforeAll(async () => {
    subgraph = await createExplanationsSubgraph({ config: testConfig(), sqliteFile: ':memory:' });
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  const contributions = [
    {
      source: 'STATED_PREFERENCE',
      weight: 1.5,
      purpose: 'personalization.stated',
      noticeVersion: 1,
      evidence: ['pref-1'],
      label: 'trail running shoes',
    },
    {
      source: 'TRENDING',
      weight: 0.25,
      purpose: null,
      noticeVersion: null,
      evidence: ['trail running shoes'],
      label: 'popular in trail running shoes',
    },
  ];

  it('renders one faithful reason per contribution, with controls that act on them', async () => {
    const r = [
      { __typename: 'Recommendation', decisionId: 'd1', itemId: 'item-0001', category: 'trail running shoes', consentVersion: 3, contributions },
    ];
    const result = await execute(subgraph, QUERY, { r }, customer('c1'));
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0].explanation).toEqual({
      summary: 'Because you said you like trail running shoes (and 1 more reason).',
      reasons: [
        {
          kind: 'STATED_PREFERENCE',
          text: 'Because you said you like trail running shoes.',
          weight: 1.5,
          dataUsed: [{ category: 'your stated preferences', purpose: 'personalization.stated', noticeVersion: 1 }],
        },
        {
          kind: 'TRENDING',
          text: 'It is popular in trail running shoes right now.',
          weight: 0.25,
          dataUsed: [{ category: 'no personal data', purpose: null, noticeVersion: null }],
        },
      ],
      controls: [
        { action: 'WITHDRAW_PURPOSE', purpose: 'personalization.stated', target: null, label: 'Stop using what I told you' },
        { action: 'EDIT_PREFERENCE', purpose: 'personalization.stated', target: 'pref-1', label: 'Edit “trail running shoes”' },
        { action: 'DISLIKE_CATEGORY', purpose: null, target: 'trail running shoes', label: 'Show me less trail running shoes' },
        { action: 'HIDE_ITEM', purpose: null, target: 'item-0001', label: 'Hide this item' },
      ],
    });
    const [row] = await subgraph.dataSource
      .getRepository(ExplanationViewRecord)
      .find({ select: { decisionId: true, itemId: true, customerId: true }, order: { seq: 'ASC' } });
    expect(row).toEqual({ decisionId: 'd1', itemId: 'item-0001', customerId: 'c1' });
  });

  it('explains nothing untrue when contributions are missing or malformed', async () => {
    const r = [{ __typename: 'Recommendation', decisionId: 'd2', itemId: 'item-0002', contributions: [{ source: 'MIND_READING', weight: 9 }] }];
    const result = await execute(subgraph, QUERY, { r }, customer('c1'));
    expect(result.data!._entities[0].explanation.reasons).toEqual([]);
    expect(result.data!._entities[0].explanation.summary).toBe('We have no particular reason: this is one of our general suggestions.');
  });
});

describe('explanation wording for learned sources, promotions and the holdout', () => {
  let subgraph: SubgraphModule<ExplanationServices>;
  beforeAll(async () => {
    subgraph = await createExplanationsSubgraph({ config: testConfig(), sqliteFile: ':memory:' });
  });
  afterAll(async () => {
    await subgraph?.close();
  });
  const explain = async (contributions: object[]) => {
    const r = [{ __typename: 'Recommendation', decisionId: 'd9', itemId: 'item-0009', category: 'tents', contributions }];
    const result = await execute(subgraph, QUERY, { r }, customer('c1'));
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0].explanation;
  };
  const similar = (purpose: string | null) => ({
    source: 'SIMILAR_CUSTOMERS',
    weight: 0.8,
    purpose,
    noticeVersion: purpose ? 1 : null,
    evidence: ['item-0006'],
    label: 'Northwind Tent Solri 3',
  });

  it('names the item behind "customers who … also …" by its title, worded by whose data it was', async () => {
    expect((await explain([similar('personalization.purchase')])).summary).toBe('Customers who bought Northwind Tent Solri 3 also bought this.');
    expect((await explain([similar('personalization.behavioral')])).reasons[0].text).toBe(
      'Customers who looked at Northwind Tent Solri 3, as you did, also liked this.',
    );
    const session = await explain([similar(null)]);
    expect(session.reasons[0]).toMatchObject({
      text: 'Customers who looked at Northwind Tent Solri 3, which you viewed this visit, also liked this.',
      dataUsed: [{ category: 'this visit only (not stored)', purpose: null, noticeVersion: null }],
    });
  });

  it('words a "show me less" as what lowered the item, not as a like', async () => {
    const explanation = await explain([
      { source: 'TRENDING', weight: 0.4, purpose: null, noticeVersion: null, evidence: ['tents'], label: 'popular in tents' },
      { source: 'STATED_PREFERENCE', weight: -3, purpose: 'personalization.stated', noticeVersion: 1, evidence: ['p1'], label: 'tents' },
    ]);
    expect(explanation.reasons.map((r: { text: string }) => r.text)).toContain('Shown lower, because you asked to see less of tents.');
    expect(JSON.stringify(explanation)).not.toContain('you like tents');
  });

  it('always discloses a promotion first, and tells a holdout customer why the list is general', async () => {
    const promoted = await explain([
      { source: 'STATED_PREFERENCE', weight: 1.5, purpose: 'personalization.stated', noticeVersion: 1, evidence: ['p1'], label: 'tents' },
      { source: 'PROMOTED', weight: 0.2, purpose: null, noticeVersion: null, evidence: ['o1'], label: 'a paid or commercial promotion' },
    ]);
    expect(promoted.summary).toBe('Promoted by our merchandising team (a paid or commercial promotion) (and 1 more reason).');
    const holdout = await explain([
      { source: 'TRENDING', weight: 0.3, purpose: null, noticeVersion: null, evidence: ['tents'], label: 'popular in tents' },
      { source: 'HOLDOUT', weight: 0, purpose: null, noticeVersion: null, evidence: [], label: 'comparison group' },
    ]);
    expect(holdout.summary).toBe(
      'You are in a small comparison group that sees the same list as everyone; it lets us check honestly whether personalization helps. None of your personal data was used.',
    );
    expect(holdout.reasons.map((r: { kind: string; weight: number }) => [r.kind, r.weight])).toEqual([
      ['TRENDING', 0.3],
      ['HOLDOUT', 0],
    ]);
  });

  it('says when a reason’s data was withdrawn since, offers nothing to withdraw again, and a withdrawal deletes the views worded from it', async () => {
    const withdrawn = {
      source: 'STATED_PREFERENCE',
      weight: 1.5,
      purpose: 'personalization.stated',
      noticeVersion: 1,
      evidence: [],
      label: WITHDRAWN_DATA_LABEL,
    };
    const trending = { source: 'TRENDING', weight: 0.3, purpose: null, noticeVersion: null, evidence: ['tents'], label: 'popular in tents' };
    const r = [{ __typename: 'Recommendation', decisionId: 'd9', itemId: 'item-0009', category: 'tents', contributions: [withdrawn, trending] }];
    const result = await execute(subgraph, QUERY, { r }, customer('c9'));
    const explanation = result.data!._entities[0].explanation;
    expect(explanation.reasons[0]).toMatchObject({
      kind: 'STATED_PREFERENCE',
      text: 'It used your stated preferences, which you have since withdrawn; it is no longer used or kept.',
      weight: 1.5,
    });
    expect(explanation.controls.map((c: { action: string }) => c.action)).toEqual(['DISLIKE_CATEGORY', 'HIDE_ITEM']);

    const views = subgraph.dataSource.getRepository(ExplanationViewRecord);
    await views.insert([
      { decisionId: 'd10', itemId: 'a', customerId: 'c9', summary: 'x', purposes: ['personalization.behavioral'], shownAt: 't' },
      { decisionId: 'd10', itemId: 'b', customerId: 'c9', summary: 'y', purposes: ['personalization.stated'], shownAt: 't' },
      { decisionId: 'd10', itemId: 'c', customerId: 'c9', summary: 'z', purposes: null, shownAt: 't' },
    ]);
    expect(await subgraph.services.explanations.applyWithdrawal('c9', 'personalization.behavioral', ALL)).toEqual([
      { category: 'explanations shown', count: 2 },
    ]);
    expect((await views.findBy({ customerId: 'c9' })).map((v) => v.itemId).sort()).toEqual(['b', 'item-0009']);
    expect(await subgraph.services.explanations.applyWithdrawal('c9', 'personalization.behavioral', ALL)).toEqual([]);
  });

  it('does not record a view worded from a purpose withdrawn after its decision read the grants, nor one of unknown consent state', async () => {
    // The withdrawal at ledger position 8 has been applied here.
    await subgraph.services.explanations.applyWithdrawal('c11', 'personalization.behavioral', { ...ALL, withdrawalSeq: 8 });
    const browsing = {
      source: 'BROWSING',
      weight: 1.2,
      purpose: 'personalization.behavioral',
      noticeVersion: 1,
      evidence: ['item-0003'],
      label: 'tents',
    };
    const trending = { source: 'TRENDING', weight: 0.3, purpose: null, noticeVersion: null, evidence: ['tents'], label: 'popular in tents' };
    const show = (decisionId: string, contributions: unknown[], consentVersion?: number) =>
      execute(
        subgraph,
        QUERY,
        { r: [{ __typename: 'Recommendation', decisionId, itemId: 'item-0007', category: 'tents', contributions, consentVersion }] },
        customer('c11'),
      );
    expect((await show('d-late', [browsing, trending], 7)).errors).toBeUndefined(); // decided before the withdrawal: still explained
    await show('d-unknown', [browsing, trending]); // no consent version: not kept
    await show('d-general', [trending]);
    await show('d-regranted', [browsing, trending], 9); // decided under a later grant: kept
    const views = await subgraph.dataSource.getRepository(ExplanationViewRecord).findBy({ customerId: 'c11' });
    expect(views.map((v) => v.decisionId).sort()).toEqual(['d-general', 'd-regranted']);
  });
});
