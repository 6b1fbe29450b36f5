import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { PARTNER_WEBHOOK_MAX_ATTEMPTS } from '../../subgraphs/consent/subgraph.js';
import { WithdrawalOutboxRecord } from '../../subgraphs/consent/entities/withdrawal-outbox.entity.js';
import { OutboxRecord, type Outbox } from '../../subgraphs/shared/outbox.js';
import { ERASE_CONFIRMATION } from '../../subgraphs/profile/services/erasure.service.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { createSignedFetch } from '../../subgraphs/shared/signed-fetch.js';
import type { ReviewsServices } from '../fixtures/partners/reviews/partner.js';
import { ReviewRecord } from '../fixtures/partners/reviews/review.entity.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';
import { listen } from '../../subgraphs/shared/http.js';
import { PeerDirectory } from '../../subgraphs/shared/peers.js';
import { createGateway } from '../../gateway/server.js';
import { composeSupergraph } from '../../gateway/composition.js';

const PARTNERS_FILE = path.resolve('test/fixtures/partners/partners.json');
const REVIEWS = '{ me { id reviews { itemId rating text } } }';
const SET = `mutation ($p: String!, $g: Boolean!) {
  setConsent(purpose: $p, granted: $g, noticeVersion: 1) { receipt { receiptId dataRemoval { status removed { subgraph purpose category count } pending { subgraph purpose } } } }
}`;
const ERASE = 'mutation ($confirm: String!) { eraseMe(confirm: $confirm) { complete pending reports { subgraph removed { category count } } } }';
/** Nothing listens there: the partner is "down". */
const CLOSED = 'http://127.0.0.1:9/graphql';

describe('a partner subgraph (the reviews example) through the gateway', () => {
  let stack: TestStack;
  let token: string;
  const customerId = DEMO_CUSTOMERS.none;
  const reviews = () => (stack.partners.reviews.services as ReviewsServices).reviews;
  const stored = () => stack.partners.reviews.dataSource.getRepository(ReviewRecord).countBy({ customerId });
  const setConsent = (p: string, g: boolean) => stack.graphql(SET, { p, g }, { token });

  beforeAll(async () => {
    stack = await startTestStack({ partnersFile: PARTNERS_FILE, seed: { items: 200, customers: 6 } });
    token = await stack.tokenFor(customerId);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('keeps its own SQLite file and answers only with the customer’s consent to share with partners', async () => {
    if (!stack.config.databaseUrl) expect(stack.partners.reviews.dataSource.options.database).toBe(path.join(stack.config.dataDir, 'reviews.sqlite'));
    await reviews().add(customerId, 'item-0012', 5, 'Sturdy and light.');
    expect(await stack.graphql(REVIEWS, {}, { token })).toEqual({ status: 200, data: { me: { id: customerId, reviews: [] } } });

    expect((await setConsent(Purpose.SHARE_PARTNERS, true)).errors).toBeUndefined();
    expect((await stack.graphql(REVIEWS, {}, { token })).data).toEqual({
      me: { id: customerId, reviews: [{ itemId: 'item-0012', rating: 5, text: 'Sturdy and light.' }] },
    });
  });

  it('is signed for with its own secret: the shared gateway secret does not open it, and its secret opens no first-party part', async () => {
    const query = '{ _service { sdl } }';
    const registration = stack.config.partners[0];
    const withGatewaySecret = createSignedFetch(stack.config.gatewaySecret);
    const withPartnerSecret = createSignedFetch(registration.signingSecret);
    try {
      // Each call is signed for the part it is sent to, so only the secret can make it fail.
      const call = (fetch: typeof withGatewaySecret, target: string) =>
        fetch(stack.peers.urlOf(target), { target, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect((await call(withGatewaySecret, 'reviews')).status).toBe(401);
      expect((await call(withPartnerSecret, 'reviews')).status).toBe(200);
      const forged = await call(withPartnerSecret, 'consent');
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ errors: [{ extensions: { code: 'UNSIGNED_REQUEST' } }] });
    } finally {
      await withGatewaySecret.close();
      await withPartnerSecret.close();
    }
  });

  it('hands the partner only the grants in its scope', async () => {
    // A relay in front of the partner records what the gateway sends it, and passes it on.
    const bodies: string[] = [];
    const target = stack.peers.urlOf('reviews');
    const relay = await listen(
      async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-gateway-') || k === 'content-type')) as Record<
          string,
          string
        >;
        const answer = await fetch(target, { method: 'POST', headers, body: bodies[bodies.length - 1] });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      },
      0,
      '127.0.0.1',
    );
    // A second gateway over the same parts, whose way to reviews passes through the relay.
    const peers = new PeerDirectory(stack.peers.all());
    peers.register('reviews', `${relay.url}/graphql`);
    const composed = await composeSupergraph({ partners: stack.config.partners });
    const gateway = await createGateway({ config: stack.config, peers, supergraphSdl: composed.ok ? composed.supergraphSdl : undefined });
    const server = await listen(gateway.app, 0, '127.0.0.1');
    try {
      expect((await setConsent(Purpose.STATED, true)).errors).toBeUndefined();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: REVIEWS }),
      });
      expect(((await response.json()) as { data: { me: { reviews: unknown[] } } }).data.me.reviews).toHaveLength(1);
      const handed = bodies.map((b) => JSON.parse(b).variables?.representations).filter(Boolean);
      expect(handed).toEqual([[{ __typename: 'Customer', id: customerId, grantedPurposes: ['share.partners'] }]]);
      expect((await setConsent(Purpose.STATED, false)).errors).toBeUndefined();
    } finally {
      await server.close();
      await gateway.stop();
      await relay.close();
    }
  });

  it('is exported with the customer', async () => {
    const result = await stack.graphql<{ me: { dataExport: string } }>('{ me { dataExport } }', {}, { token });
    expect(result.errors).toBeUndefined();
    const doc = JSON.parse(result.data!.me.dataExport);
    expect(doc.subgraphs.reviews).toEqual({
      reviews: [expect.objectContaining({ customerId, itemId: 'item-0012', rating: 5, purpose: 'share.partners' })],
    });
  });

  it('hears only of withdrawals in its scope', async () => {
    expect((await setConsent(Purpose.STATED, true)).errors).toBeUndefined();
    const withdrawn = await setConsent(Purpose.STATED, false);
    expect(withdrawn.data!.setConsent.receipt.dataRemoval.pending).toEqual([]);
    const rows = await stack.subgraphs.consent.dataSource.getRepository(WithdrawalOutboxRecord).findBy({ customerId, subscriber: 'reviews' });
    expect(rows).toEqual([]);
    expect(await stored()).toBe(1);
    // A customer who does not share with partners: the partner hears nothing about them.
    const other = await stack.tokenFor(DEMO_CUSTOMERS.statedOnly);
    expect((await stack.graphql(SET, { p: Purpose.SHARE_PARTNERS, g: false }, { token: other })).errors).toBeUndefined();
    const outbox = stack.subgraphs.consent.dataSource.getRepository(WithdrawalOutboxRecord);
    expect(await outbox.countBy({ customerId: DEMO_CUSTOMERS.statedOnly, purpose: Purpose.SHARE_PARTNERS, subscriber: 'profile' })).toBe(1);
    expect(await outbox.countBy({ customerId: DEMO_CUSTOMERS.statedOnly, subscriber: 'reviews' })).toBe(0);
  });

  it('receives a withdrawal within seconds, and the receipt says what it removed', async () => {
    const started = Date.now();
    const withdrawn = await setConsent(Purpose.SHARE_PARTNERS, false);
    const elapsed = Date.now() - started;
    expect(withdrawn.data!.setConsent.receipt.dataRemoval).toEqual({
      status: 'COMPLETE',
      removed: [{ subgraph: 'reviews', purpose: 'share.partners', category: 'reviews', count: 1 }],
      pending: [],
    });
    expect(await stored()).toBe(0);
    expect(elapsed).toBeLessThan(5_000);
    console.log(`[partners] withdrawal of share.partners confirmed by the reviews partner in ${elapsed} ms`);
  });

  it('lists the partner as pending while it is down, and a follow-up receipt once it confirms', async () => {
    const url = stack.peers.urlOf('reviews');
    expect((await setConsent(Purpose.SHARE_PARTNERS, true)).errors).toBeUndefined();
    await reviews().add(customerId, 'item-0020', 2, 'Broke in a week.');
    stack.peers.register('reviews', CLOSED);
    const withdrawn = await setConsent(Purpose.SHARE_PARTNERS, false);
    stack.peers.register('reviews', url);
    expect(withdrawn.data!.setConsent.receipt.dataRemoval).toMatchObject({
      status: 'PENDING',
      pending: [{ subgraph: 'reviews', purpose: 'share.partners' }],
    });
    expect(await stored()).toBe(1);

    await (stack.subgraphs.consent as unknown as { maintenance: { runOnce(): Promise<void> } }).maintenance.runOnce();
    expect(await stored()).toBe(0);
    const { receiptId } = withdrawn.data!.setConsent.receipt;
    const issued = await (stack.subgraphs.consent.services as ConsentServices).receipts.issuedFor(customerId);
    const followUps = issued.filter((r) => r.followUpOf === receiptId);
    expect(followUps).toHaveLength(1);
    expect(JSON.parse(followUps[0].document).dataRemoval).toMatchObject({
      status: 'COMPLETE',
      removed: [{ subgraph: 'reviews', purpose: 'share.partners', category: 'reviews', count: 1 }],
    });
  });

  it('is erased with the customer; while it is down the erasure says it is pending', async () => {
    const url = stack.peers.urlOf('reviews');
    expect((await setConsent(Purpose.SHARE_PARTNERS, true)).errors).toBeUndefined();
    await reviews().add(customerId, 'item-0031', 4, 'Good value.');
    stack.peers.register('reviews', CLOSED);
    const partial = await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token });
    stack.peers.register('reviews', url);
    expect(partial.data!.eraseMe).toMatchObject({ complete: false, pending: ['reviews', 'consent'] });

    const erased = await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token });
    expect(erased.data!.eraseMe).toMatchObject({ complete: true, pending: [] });
    expect(erased.data!.eraseMe.reports).toContainEqual({ subgraph: 'reviews', removed: [{ category: 'reviews', count: 1 }] });
    expect(await stored()).toBe(0);
  });

  it('dead-letters a webhook that keeps failing, and a follow-up receipt says the removal failed there', async () => {
    const other = 'cust-004';
    const otherToken = await stack.tokenFor(other);
    const set = (p: string, g: boolean) => stack.graphql(SET, { p, g }, { token: otherToken });
    expect((await set(Purpose.SHARE_PARTNERS, true)).errors).toBeUndefined();
    const url = stack.peers.urlOf('reviews');
    stack.peers.register('reviews', CLOSED);
    try {
      const withdrawn = await set(Purpose.SHARE_PARTNERS, false);
      const { receiptId } = withdrawn.data!.setConsent.receipt;
      const maintenance = (stack.subgraphs.consent as unknown as { maintenance: { runOnce(): Promise<void> } }).maintenance;
      const row = () =>
        stack.subgraphs.consent.dataSource.getRepository(WithdrawalOutboxRecord).findOneByOrFail({ customerId: other, subscriber: 'reviews' });
      for (let attempt = 2; attempt < PARTNER_WEBHOOK_MAX_ATTEMPTS; attempt++) await maintenance.runOnce();
      expect(await row()).toMatchObject({ status: 'PENDING', attempts: PARTNER_WEBHOOK_MAX_ATTEMPTS - 1 });
      await maintenance.runOnce();
      await maintenance.runOnce();
      expect(await row()).toMatchObject({ status: 'DEAD_LETTER', attempts: PARTNER_WEBHOOK_MAX_ATTEMPTS });
      const issued = await (stack.subgraphs.consent.services as ConsentServices).receipts.issuedFor(other);
      const followUp = issued.find((r) => r.followUpOf === receiptId);
      expect(JSON.parse(followUp!.document).dataRemoval).toMatchObject({
        status: 'FAILED',
        failed: [{ subgraph: 'reviews', purpose: 'share.partners' }],
      });
    } finally {
      stack.peers.register('reviews', url);
    }
  });

  describe('grants pushed to the partner', () => {
    const SET_MANY = 'mutation ($changes: [ConsentChangeInput!]!) { setConsents(changes: $changes) { purpose status } }';
    const grant = (customer: string, purposes: string[]) =>
      stack
        .tokenFor(customer)
        .then((t) => stack.graphql(SET_MANY, { changes: purposes.map((purpose) => ({ purpose, granted: true, noticeVersion: 1 })) }, { token: t }));
    const received = (customer: string) =>
      (stack.partners.reviews.services as ReviewsServices).grantsReceived.filter((g) => g.customerId === customer);
    const messages = () => (stack.subgraphs.consent as unknown as { messages: Outbox }).messages;
    const grantRows = (customer: string) =>
      stack.subgraphs.consent.dataSource.getRepository(OutboxRecord).findBy({ customerId: customer, topic: 'grants.reviews' });

    it('reaches it within seconds, carrying only the purposes in its scope', async () => {
      const customer = 'cust-005';
      const started = Date.now();
      expect((await grant(customer, [Purpose.SHARE_PARTNERS, Purpose.STATED, Purpose.MARKETING_EMAIL])).errors).toBeUndefined();
      await expect.poll(() => received(customer).length, { timeout: 5_000, interval: 20 }).toBe(1);
      const elapsed = Date.now() - started;
      const [pushed] = received(customer);
      expect(pushed).toEqual({ customerId: customer, purposes: expect.any(Array), grantedAt: expect.any(String), grantSeq: expect.any(Number) });
      expect([...pushed.purposes].sort()).toEqual([Purpose.MARKETING_EMAIL, Purpose.SHARE_PARTNERS].sort());
      console.log(`[partners] a grant in scope reached the reviews partner ${elapsed} ms after the decision`);

      // A purpose out of its scope, granted by a customer who shares: nothing is pushed.
      expect((await grant(customer, [Purpose.BEHAVIORAL])).errors).toBeUndefined();
      await messages().relay();
      expect(await grantRows(customer)).toHaveLength(1);
      expect(received(customer)).toHaveLength(1);
    });

    it('is not pushed for a customer who does not share with partners', async () => {
      const customer = 'cust-006';
      const token6 = await stack.tokenFor(customer);
      expect((await stack.graphql(SET, { p: Purpose.SHARE_PARTNERS, g: false }, { token: token6 })).errors).toBeUndefined();
      expect((await grant(customer, [Purpose.MARKETING_EMAIL])).errors).toBeUndefined();
      await messages().relay();
      expect(await grantRows(customer)).toEqual([]);
      expect(received(customer)).toEqual([]);
    });

    it('reaches a partner that was down once it answers, and is dead-lettered after the limit', async () => {
      const url = stack.peers.urlOf('reviews');
      stack.peers.register('reviews', CLOSED);
      try {
        // cust-006 starts sharing while the partner is down: retried, then delivered.
        expect((await grant('cust-006', [Purpose.SHARE_PARTNERS])).errors).toBeUndefined();
        await expect.poll(async () => (await grantRows('cust-006'))[0]?.attempts ?? 0, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
        expect(received('cust-006')).toEqual([]);
        stack.peers.register('reviews', url);
        await messages().relay();
        expect(received('cust-006').map((g) => g.purposes)).toEqual([[Purpose.SHARE_PARTNERS]]);
        expect((await grantRows('cust-006'))[0]).toMatchObject({ status: 'DELIVERED' });

        // Down for good: given up on after PARTNER_WEBHOOK_MAX_ATTEMPTS calls, kept as dead.
        stack.peers.register('reviews', CLOSED);
        const before = received('cust-004').length;
        expect((await grant('cust-004', [Purpose.SHARE_PARTNERS])).errors).toBeUndefined();
        for (let i = 0; i < PARTNER_WEBHOOK_MAX_ATTEMPTS + 2; i++) await messages().relay();
        expect((await grantRows('cust-004')).at(-1)).toMatchObject({ status: 'DEAD', attempts: PARTNER_WEBHOOK_MAX_ATTEMPTS });
        stack.peers.register('reviews', url);
        await messages().relay();
        expect(received('cust-004')).toHaveLength(before);
      } finally {
        stack.peers.register('reviews', url);
      }
    });
  });
});
