import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, generateDemoData } from '../../scripts/demo/generate.js';
import { InteractionModel } from '../../subgraphs/recommendations/engine/interaction-model.js';
import { TrainingInteractionRecord } from '../../subgraphs/recommendations/entities/training-interaction.entity.js';
import { TRAINING_DATA_CATEGORY } from '../../subgraphs/recommendations/services/model.service.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const WITHDRAW = /* GraphQL */ `
  mutation ($purpose: String!) {
    setConsent(purpose: $purpose, granted: false, noticeVersion: 1) {
      granted
      receipt {
        dataRemoval {
          status
          removed {
            subgraph
            purpose
            category
            count
          }
          pending {
            subgraph
          }
        }
      }
    }
  }
`;

describe('withdrawing model.training unlearns the customer before the next request', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('removes their interactions from the model, and the receipt says how many', async () => {
    const customerId = DEMO_CUSTOMERS.full;
    const recommendations = stack.subgraphs.recommendations.services as RecommendationServices;
    const held = (await recommendations.model.exportCustomer(customerId)).length;
    expect(held).toBeGreaterThan(0);

    const token = await stack.tokenFor(customerId);
    const result = await stack.graphql(WITHDRAW, { purpose: Purpose.MODEL_TRAINING }, { token });
    expect(result.errors).toBeUndefined();
    expect(result.data!.setConsent.granted).toBe(false);
    expect(result.data!.setConsent.receipt.dataRemoval).toEqual({
      status: 'COMPLETE',
      removed: [{ subgraph: 'recommendations', purpose: Purpose.MODEL_TRAINING, category: TRAINING_DATA_CATEGORY, count: held }],
      pending: [],
    });
    expect(await recommendations.model.exportCustomer(customerId)).toEqual([]);
    // The model that serves the next request: without them, and equal to one rebuilt from the table.
    const served = await recommendations.model.current();
    expect(served.has(customerId)).toBe(false);
    const rows = await stack.subgraphs.recommendations.dataSource.getRepository(TrainingInteractionRecord).find();
    expect(served.snapshot()).toBe(InteractionModel.fromInteractions(rows).snapshot());

    // The next list no longer carries "customers who…" contributions learned from this customer's own data.
    const next = await stack.graphql('{ me { recommendations(first: 10) { items { contributions { source purpose } } } } }', {}, { token });
    const purposes = next.data!.me.recommendations.items.flatMap((i: { contributions: { purpose: string | null }[] }) =>
      i.contributions.map((c) => c.purpose),
    );
    expect(purposes).not.toContain(Purpose.MODEL_TRAINING);
  });

  it('unlearns earlier model.training grants once a materially changed notice takes effect', async () => {
    const demo = generateDemoData({ items: 600, customers: 30 });
    const trainers = demo.customers.filter((c) => c.id !== DEMO_CUSTOMERS.full && c.granted.includes(Purpose.MODEL_TRAINING));
    const recommendations = stack.subgraphs.recommendations.services as RecommendationServices;
    const heldBefore = await Promise.all(trainers.map((c) => recommendations.model.exportCustomer(c.id)));
    expect(heldBefore.some((rows) => rows.length > 0)).toBe(true);

    const admin = await stack.gateway.tokens.issue('admin-1', 'admin');
    const published = await stack.graphql(
      'mutation ($i: NoticeVersionInput!) { publishNotice(input: $i) { version material } }',
      {
        i: {
          purpose: Purpose.MODEL_TRAINING,
          title: 'Help improve recommendations for everyone',
          text: 'We now also learn from your searches.',
          material: true,
        },
      },
      { token: admin },
    );
    expect(published.data!.publishNotice).toEqual({ version: 2, material: true });

    const [first] = trainers;
    const token = await stack.tokenFor(first.id);
    const consents = await stack.graphql('{ me { consents { purpose granted status needsReconsent } } }', {}, { token });
    // The gate closes at once (the customer is asked to agree to version 2)…
    expect(consents.data!.me.consents.find((c: { purpose: string }) => c.purpose === Purpose.MODEL_TRAINING)).toMatchObject({ granted: false });
    // …and the maintenance sweep records the lapse, which unlearns every earlier grant; wait for it rather than sleep blindly.
    await expect
      .poll(async () => (await Promise.all(trainers.map((c) => recommendations.model.exportCustomer(c.id)))).flat().length, { timeout: 15_000 })
      .toBe(0);
  });
});
