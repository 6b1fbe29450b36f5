import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { StatedPreferenceRecord } from '../../subgraphs/profile/entities/stated-preference.entity.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { natsForTest } from '../helpers/nats.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const nats = await natsForTest();
if ('unavailable' in nats) console.warn(`[jetstream.test] skipped: ${nats.unavailable}`);

const SET = `mutation ($p: String!, $g: Boolean!) {
  setConsent(purpose: $p, granted: $g, noticeVersion: 1) {
    granted
    receipt { receiptId dataRemoval { status removed { subgraph purpose category count } pending { subgraph } failed { subgraph } } }
  }
}`;
const RECEIPTS = '{ me { receipts { receiptId followUpOf dataRemoval { status removed { subgraph category count } pending { subgraph } } } } }';

describe.skipIf('unavailable' in nats)('withdrawals relayed through NATS JetStream', () => {
  let stack: TestStack;
  beforeAll(async () => {
    if ('stream' in nats) stack = await startTestStack({ nats: { url: nats.url, stream: nats.stream }, seed: { items: 200, customers: 8 } });
  });
  afterAll(async () => {
    await stack?.close();
    if ('release' in nats) await nats.release();
  });

  it('each part applies it from its durable consumer and reports back; a follow-up receipt says what was removed; granting again waits for the reports', async () => {
    const customerId = DEMO_CUSTOMERS.full;
    const token = await stack.tokenFor(customerId);
    const held = await stack.subgraphs.profile.dataSource.getRepository(StatedPreferenceRecord).countBy({ customerId });
    expect(held).toBeGreaterThan(0);

    const withdrawn = await stack.graphql(SET, { p: Purpose.STATED, g: false }, { token });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data!.setConsent.granted).toBe(false);
    const first = withdrawn.data!.setConsent.receipt;

    // The parts' reports arrive through the engine; the follow-up receipt lists what each removed.
    await expect
      .poll(
        async () =>
          (await stack.graphql(RECEIPTS, {}, { token })).data!.me.receipts.find(
            (r: { followUpOf: string | null }) => r.followUpOf === first.receiptId,
          ) ?? null,
        {
          timeout: 10_000,
        },
      )
      .toMatchObject({
        dataRemoval: {
          status: 'COMPLETE',
          pending: [],
          removed: expect.arrayContaining([{ subgraph: 'profile', category: 'stated preferences', count: held }]),
        },
      });
    expect(await stack.subgraphs.profile.dataSource.getRepository(StatedPreferenceRecord).countBy({ customerId })).toBe(0);

    // Granting again is accepted once every part has confirmed.
    const again = await stack.graphql(SET, { p: Purpose.STATED, g: true }, { token });
    expect(again.errors).toBeUndefined();
    expect(again.data!.setConsent.granted).toBe(true);

    // Every decision also went out on the change feed, in ledger order.
    if ('read' in nats) {
      type Change = { customerId: string; payload: { seq: number; purpose: string; status: string } };
      const stated = async () =>
        ((await nats.read('consent.changes')) as Change[]).filter((c) => c.customerId === customerId && c.payload.purpose === Purpose.STATED);
      await expect.poll(async () => (await stated()).map((c) => c.payload.status).slice(-2), { timeout: 5_000 }).toEqual(['WITHDRAWN', 'GRANTED']);
      const seqs = (await stated()).map((c) => c.payload.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });
});
