import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { TRAINING_DATA_CATEGORY } from '../../subgraphs/recommendations/services/model.service.js';
import type { RecommendationServices } from '../../subgraphs/recommendations/schema.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const WITHDRAW = /* GraphQL */ `
  mutation ($purpose: String!) {
    setConsent(purpose: $purpose, granted: false, noticeVersion: 1) {
      granted
      receipt { dataRemoval { status removed { subgraph purpose category count } pending { subgraph } } }
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

    // The next list no longer carries "customers who…" contributions learned from this customer's own data.
    const next = await stack.graphql('{ me { recommendations(first: 10) { items { contributions { source purpose } } } } }', {}, { token });
    const purposes = next.data!.me.recommendations.items.flatMap((i: { contributions: { purpose: string | null }[] }) => i.contributions.map((c) => c.purpose));
    expect(purposes).not.toContain(Purpose.MODEL_TRAINING);
  });
});
