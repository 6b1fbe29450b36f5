import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import type { ReviewsServices } from '../fixtures/partners/reviews/partner.js';
import { ReviewRecord } from '../fixtures/partners/reviews/review.entity.js';
import { natsForTest } from '../helpers/nats.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const nats = await natsForTest();
if ('unavailable' in nats) console.warn(`[partners-jetstream.test] skipped: ${nats.unavailable}`);

const SET = `mutation ($p: String!, $g: Boolean!) {
  setConsent(purpose: $p, granted: $g, noticeVersion: 1) { receipt { receiptId dataRemoval { status pending { subgraph purpose } } } }
}`;
const RECEIPTS =
  '{ me { receipts { receiptId followUpOf dataRemoval { status removed { subgraph purpose category count } pending { subgraph } } } } }';

describe.skipIf('unavailable' in nats)('a partner receiving withdrawals on its durable JetStream consumer', () => {
  let stack: TestStack;
  beforeAll(async () => {
    if ('stream' in nats) {
      stack = await startTestStack({
        nats: { url: nats.url, stream: nats.stream },
        partnersFile: path.resolve('test/fixtures/partners/partners.json'),
        seed: { items: 200, customers: 6 },
      });
    }
  });
  afterAll(async () => {
    await stack?.close();
    if ('release' in nats) await nats.release();
  });

  it('keeps the partner pending on the receipt until its report arrives, within seconds', async () => {
    const customerId = DEMO_CUSTOMERS.none;
    const token = await stack.tokenFor(customerId);
    const stored = () => stack.partners.reviews.dataSource.getRepository(ReviewRecord).countBy({ customerId });
    expect((await stack.graphql(SET, { p: Purpose.SHARE_PARTNERS, g: true }, { token })).errors).toBeUndefined();
    await (stack.partners.reviews.services as ReviewsServices).reviews.add(customerId, 'item-0012', 5, 'Sturdy and light.');

    const started = Date.now();
    const withdrawn = await stack.graphql(SET, { p: Purpose.SHARE_PARTNERS, g: false }, { token });
    const first = withdrawn.data!.setConsent.receipt;
    expect(first.dataRemoval.pending).toContainEqual({ subgraph: 'reviews', purpose: 'share.partners' });

    await expect.poll(stored, { timeout: 10_000, interval: 20 }).toBe(0);
    const removedAfter = Date.now() - started;
    await expect
      .poll(
        async () =>
          (await stack.graphql(RECEIPTS, {}, { token })).data!.me.receipts.find(
            (r: { followUpOf: string | null }) => r.followUpOf === first.receiptId,
          ) ?? null,
        { timeout: 10_000 },
      )
      .toMatchObject({
        dataRemoval: {
          status: 'COMPLETE',
          pending: [],
          removed: [{ subgraph: 'reviews', purpose: 'share.partners', category: 'reviews', count: 1 }],
        },
      });
    console.log(
      `[partners-jetstream] the reviews partner removed the withdrawn data ${removedAfter} ms after the withdrawal; receipt followed up after ${Date.now() - started} ms`,
    );
    expect(removedAfter).toBeLessThan(5_000);
  });

  it('pushes a grant in its scope to the partner’s durable consumer, with only its purposes', async () => {
    const customerId = 'cust-005';
    const token = await stack.tokenFor(customerId);
    const received = () => (stack.partners.reviews.services as ReviewsServices).grantsReceived.filter((g) => g.customerId === customerId);
    const started = Date.now();
    const changes = [Purpose.SHARE_PARTNERS, Purpose.STATED].map((purpose) => ({ purpose, granted: true, noticeVersion: 1 }));
    const granted = await stack.graphql(
      'mutation ($changes: [ConsentChangeInput!]!) { setConsents(changes: $changes) { purpose } }',
      { changes },
      { token },
    );
    expect(granted.errors).toBeUndefined();
    await expect.poll(() => received().length, { timeout: 10_000, interval: 20 }).toBe(1);
    expect(received()[0]).toMatchObject({ customerId, purposes: [Purpose.SHARE_PARTNERS] });
    console.log(`[partners-jetstream] a grant in scope reached the reviews partner's consumer ${Date.now() - started} ms after the decision`);
  });
});
