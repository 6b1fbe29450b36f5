import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, generateDemoData } from '../../scripts/demo/generate.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { ConsentDecisionRecord } from '../../subgraphs/consent/entities/consent-decision.entity.js';
import { ExplanationViewRecord } from '../../subgraphs/explanations/entities/explanation-view.entity.js';
import { EventRecord } from '../../subgraphs/profile/entities/event.entity.js';
import { DecisionRecord } from '../../subgraphs/recommendations/entities/decision.entity.js';
import { TrainingInteractionRecord } from '../../subgraphs/recommendations/entities/training-interaction.entity.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const SET = /* GraphQL */ `
  mutation Set($purpose: String!, $granted: Boolean!, $version: Int!, $expiresAt: String) {
    setConsent(purpose: $purpose, granted: $granted, noticeVersion: $version, expiresAt: $expiresAt) {
      purpose
      granted
      status
      needsReconsent
      receipt {
        receiptId
        document
        signature
        keyId
        purposes
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
            purpose
          }
        }
      }
    }
  }
`;
const RECS = '{ me { grantedPurposes recommendations(first: 10) { items { itemId contributions { source purpose } explanation { summary } } } } }';

type Recs = { me: { grantedPurposes: string[]; recommendations: { items: { contributions: { source: string; purpose: string | null }[] }[] } } };
const purposesUsed = (data: Recs) => new Set(data.me.recommendations.items.flatMap((i) => i.contributions.map((c) => c.purpose)).filter(Boolean));

describe('consent end to end, through the gateway', () => {
  let stack: TestStack;
  let adminToken: string;
  const clock = new ManualClock(new Date());
  const demo = generateDemoData({ items: 600, customers: 30 });
  const countEvents = (customerId: string, purpose: string) =>
    stack.subgraphs.profile.dataSource.getRepository(EventRecord).countBy({ customerId, purpose });

  /** Contributions of a purpose in a customer's decision log that still say what the data was. */
  const loggedEvidence = async (customerId: string, purpose: string) => {
    const rows = await stack.subgraphs.recommendations.dataSource
      .getRepository(DecisionRecord)
      .find({ select: { items: true }, where: { customerId } });
    const contributions = rows.flatMap((r) => r.items.flatMap((i) => i.contributions));
    return contributions.filter((c) => c.purpose === purpose && c.label !== 'data you have since withdrawn').length;
  };
  const trainedFrom = (customerId: string, purpose: string) =>
    stack.subgraphs.recommendations.dataSource.getRepository(TrainingInteractionRecord).countBy({ customerId, purpose });
  const viewsUsing = async (customerId: string, purpose: string) => {
    const rows = await stack.subgraphs.explanations.dataSource
      .getRepository(ExplanationViewRecord)
      .find({ select: { purposes: true }, where: { customerId } });
    return rows.filter((r) => r.purposes === null || r.purposes.includes(purpose)).length;
  };

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    adminToken = await stack.gateway.tokens.issue('admin-1', 'admin');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('grant → the next recommendations use that purpose’s data', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.none);
    const record = (id: string) =>
      stack.graphql(
        'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted dropped } }',
        {
          e: ['item-0006', 'item-0036', 'item-0066'].map((itemId, i) => ({
            clientEventId: `${id}-${i}`,
            type: 'VIEW',
            itemId,
            channel: 'web',
            source: 'web-shop',
            occurredAt: clock.now().toISOString(),
          })),
        },
        { token },
      );
    expect((await record('before')).data!.recordEvents).toEqual({ accepted: 0, dropped: 3 });
    const granted = await stack.graphql(SET, { purpose: Purpose.BEHAVIORAL, granted: true, version: 1 }, { token });
    expect(granted.data!.setConsent).toMatchObject({
      purpose: Purpose.BEHAVIORAL,
      granted: true,
      status: 'GRANTED',
      receipt: { dataRemoval: { status: 'NOT_APPLICABLE' } },
    });
    expect((await record('after')).data!.recordEvents).toEqual({ accepted: 3, dropped: 0 });
    const recs = await stack.graphql<Recs>(RECS, {}, { token });
    expect(recs.data!.me.grantedPurposes).toContain(Purpose.BEHAVIORAL);
    expect(purposesUsed(recs.data!)).toEqual(new Set([Purpose.BEHAVIORAL]));
  });

  it('withdraw → the very next request uses none of it, the data is deleted and the receipt lists what was removed', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    const before = await stack.graphql<Recs>(RECS, {}, { token });
    expect(purposesUsed(before.data!).has(Purpose.BEHAVIORAL)).toBe(true);
    const stored = await countEvents(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL);
    expect(stored).toBeGreaterThan(0);
    const logged = await loggedEvidence(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL);
    const shown = await viewsUsing(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL);
    const learned = await trainedFrom(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL);
    expect(learned).toBeGreaterThan(0); // cust-001 also granted model.training
    expect(logged).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(0);

    const withdrawn = await stack.graphql(SET, { purpose: Purpose.BEHAVIORAL, granted: false, version: 1 }, { token });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data!.setConsent).toMatchObject({ purpose: Purpose.BEHAVIORAL, granted: false, status: 'WITHDRAWN' });
    expect(withdrawn.data!.setConsent.receipt.dataRemoval).toEqual({
      status: 'COMPLETE',
      removed: [
        { subgraph: 'profile', purpose: Purpose.BEHAVIORAL, category: 'behavioral events', count: stored },
        { subgraph: 'recommendations', purpose: Purpose.BEHAVIORAL, category: 'model training interactions', count: learned },
        { subgraph: 'recommendations', purpose: Purpose.BEHAVIORAL, category: 'decision log evidence', count: logged },
        { subgraph: 'explanations', purpose: Purpose.BEHAVIORAL, category: 'explanations shown', count: shown },
      ],
      pending: [],
    });
    expect(await countEvents(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL)).toBe(0);
    // The decision log still says browsing was used, with its weight, but no longer what was browsed.
    expect(await loggedEvidence(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL)).toBe(0);
    expect(await viewsUsing(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL)).toBe(0);
    expect(await trainedFrom(DEMO_CUSTOMERS.full, Purpose.BEHAVIORAL)).toBe(0);
    const log = await stack.graphql<{
      me: {
        decisions: { items: { contributions: { purpose: string | null; evidence: string[] }[]; explanation: { reasons: { text: string }[] } }[] }[];
      };
    }>('{ me { decisions(first: 50) { items { contributions { purpose evidence } explanation { reasons { text } } } } } }', {}, { token });
    const browsing = log.data!.me.decisions.flatMap((d) => d.items.flatMap((i) => i.contributions)).filter((c) => c.purpose === Purpose.BEHAVIORAL);
    expect(browsing.length).toBe(logged);
    expect(browsing.every((c) => c.evidence.length === 0)).toBe(true);
    expect(log.data!.me.decisions.flatMap((d) => d.items.flatMap((i) => i.explanation.reasons.map((r) => r.text)))).toContain(
      'It used your browsing in our shop, which you have since withdrawn; it is no longer used or kept.',
    );
    const after = await stack.graphql<Recs>(RECS, {}, { token });
    expect(after.data!.me.grantedPurposes).not.toContain(Purpose.BEHAVIORAL);
    expect(purposesUsed(after.data!).has(Purpose.BEHAVIORAL)).toBe(false);
  });

  it('verifies a receipt offline with only the published public key, and fails it after one changed byte', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.none);
    const result = await stack.graphql(SET, { purpose: Purpose.ANALYTICS, granted: true, version: 1 }, { token });
    const { document, signature, keyId } = result.data!.setConsent.receipt;
    const key = (await (await fetch(`${stack.gatewayUrl}/.well-known/consent-receipt-key`)).json()) as {
      publicKeyPem: string;
      keyId: string;
      algorithm: string;
    };
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId });
    const publicKey = createPublicKey(key.publicKeyPem);
    expect(verify(null, Buffer.from(document), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    const bytes = Buffer.from(document);
    bytes[bytes.indexOf('analytics')] ^= 0x01;
    expect(verify(null, bytes, publicKey, Buffer.from(signature, 'base64url'))).toBe(false);
    // The receipt carries the Kantara CR 1.1 fields.
    expect(JSON.parse(document)).toMatchObject({
      version: 'KI-CR-v1.1.0',
      piiPrincipalId: DEMO_CUSTOMERS.none,
      collectionMethod: 'api',
      method: 'API',
      services: [{ purposes: [{ purposeId: Purpose.ANALYTICS, status: 'GRANTED', noticeVersion: 1, consentType: 'EXPLICIT' }] }],
    });
    // Made in the preference center (which names itself), the receipt says so.
    const inCenter = await stack.graphql(
      SET,
      { purpose: Purpose.ANALYTICS, granted: false, version: 1 },
      { token, headers: { 'apollographql-client-name': 'preference-center' } },
    );
    expect(JSON.parse(inCenter.data!.setConsent.receipt.document)).toMatchObject({
      collectionMethod: 'preference-center',
      method: 'PREFERENCE_CENTER',
    });
  });

  it('records an expired grant as EXPIRED in the history and closes the gate', async () => {
    const customerId = demo.customers[5].id;
    const token = await stack.tokenFor(customerId);
    const expiresAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    await stack.graphql(SET, { purpose: Purpose.MARKETING_PUSH, granted: true, version: 1, expiresAt }, { token });
    const query = '{ me { grantedPurposes consentHistory(first: 100) { events { purpose status method occurredAt } } } }';
    expect((await stack.graphql(query, {}, { token })).data!.me.grantedPurposes).toContain(Purpose.MARKETING_PUSH);
    clock.advance(2 * 3_600_000);
    // The gate closes on the next read; reading writes nothing: the lapse is recorded by maintenance.
    const lapsed = (await stack.graphql(query, {}, { token })).data!.me;
    expect(lapsed.grantedPurposes).not.toContain(Purpose.MARKETING_PUSH);
    expect(lapsed.consentHistory.events.at(-1)).toMatchObject({ purpose: Purpose.MARKETING_PUSH, status: 'GRANTED' });
    await (stack.subgraphs.consent as unknown as { maintenance: { runOnce(): Promise<void> } }).maintenance.runOnce();
    const after = (await stack.graphql(query, {}, { token })).data!.me;
    expect(after.grantedPurposes).not.toContain(Purpose.MARKETING_PUSH);
    expect(after.consentHistory.events.at(-1)).toEqual({
      purpose: Purpose.MARKETING_PUSH,
      status: 'EXPIRED',
      method: 'SYSTEM',
      occurredAt: expiresAt,
    });
  });

  it('honors Sec-GPC: 1 for the signed-in customer, logs the conflict with an earlier grant, and serves gpc.json', async () => {
    const marketer = demo.customers.find((c) => c.granted.includes(Purpose.MARKETING_EMAIL))!;
    const token = await stack.tokenFor(marketer.id);
    const query = '{ me { grantedPurposes gpc { honored deniedPurposes conflicts { purpose resolution } } } }';
    expect((await stack.graphql(query, {}, { token })).data!.me.gpc).toEqual({ honored: false, deniedPurposes: [], conflicts: [] });
    const withGpc = (await stack.graphql(query, {}, { token, headers: { 'Sec-GPC': '1' } })).data!.me;
    expect(withGpc.grantedPurposes).not.toContain(Purpose.MARKETING_EMAIL);
    expect(withGpc.gpc).toEqual({
      honored: true,
      deniedPurposes: [Purpose.SHARE_PARTNERS, Purpose.MARKETING_EMAIL, Purpose.MARKETING_PUSH],
      conflicts: [{ purpose: Purpose.MARKETING_EMAIL, resolution: 'GPC_HONORED' }],
    });
    // Recorded for the customer: still denied on a request without the header.
    expect((await stack.graphql(query, {}, { token })).data!.me.grantedPurposes).not.toContain(Purpose.MARKETING_EMAIL);

    const share = { purpose: Purpose.SHARE_PARTNERS, granted: true, version: 1 };
    const refused = await stack.graphql(SET, share, { token, headers: { 'Sec-GPC': '1' } });
    expect(refused.errors).toEqual([
      {
        message:
          'Your browser sends Global Privacy Control, which asks us not to sell or share your data or use it for marketing, so “Sharing with partner brands” stays off. If you still want it on, choose again: we will then follow your explicit choice.',
        path: ['setConsent'],
        extensions: { code: 'CONFLICT', purposes: [Purpose.SHARE_PARTNERS], gpc: true },
      },
    ]);
    const explicit = await stack.graphql(SET, share, { token, headers: { 'Sec-GPC': '1' } });
    expect(explicit.data!.setConsent).toMatchObject({ granted: true, status: 'GRANTED' });
    expect((await stack.graphql(query, {}, { token, headers: { 'Sec-GPC': '1' } })).data!.me.grantedPurposes).toContain(Purpose.SHARE_PARTNERS);

    // What this request carries is told apart from what is on record; a browser without the signal is not refused.
    const sent = '{ me { gpc { honored sentNow } } }';
    expect((await stack.graphql(sent, {}, { token, headers: { 'Sec-GPC': '1' } })).data!.me.gpc).toEqual({ honored: true, sentNow: true });
    expect((await stack.graphql(sent, {}, { token })).data!.me.gpc).toEqual({ honored: true, sentNow: false });
    const withoutSignal = await stack.graphql(SET, { purpose: Purpose.MARKETING_PUSH, granted: true, version: 1 }, { token });
    expect(withoutSignal.errors).toBeUndefined();
    expect(withoutSignal.data!.setConsent).toMatchObject({ granted: true, status: 'GRANTED' });

    const gpcJson = await fetch(`${stack.gatewayUrl}/.well-known/gpc.json`);
    expect(await gpcJson.json()).toEqual({ gpc: true, lastUpdate: '2026-11-01' });
  });

  it('keeps a valid chain under 100 concurrent consent writes for one customer', async () => {
    const customerId = demo.customers[7].id;
    const token = await stack.tokenFor(customerId);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        stack.graphql(
          'mutation ($p: String!, $g: Boolean!) { setConsent(purpose: $p, granted: $g, noticeVersion: 1) { purpose } }',
          { p: Purpose.ANALYTICS, g: i % 2 === 0 },
          { token },
        ),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const verification = await stack.graphql(
      'query ($c: String) { verifyLedger(customerId: $c) { ok checked firstBroken { seq } } }',
      { c: customerId },
      { token: adminToken },
    );
    const history = await stack.graphql('{ me { consentHistory(first: 100) { events { seq } hasNextPage } } }', {}, { token });
    const seeded = demo.customers[7].granted.length;
    expect(verification.data!.verifyLedger).toEqual({ ok: true, checked: 100 + seeded, firstBroken: null });
    expect(history.data!.me.consentHistory.hasNextPage).toBe(seeded > 0);
  });

  it('detects a tampered ledger row through verifyLedger (administrators only)', async () => {
    const VERIFY = '{ verifyLedger { ok firstBroken { seq customerId reason } } }';
    expect((await stack.graphql(VERIFY, {}, { token: adminToken })).data!.verifyLedger).toEqual({ ok: true, firstBroken: null });
    const customerToken = await stack.tokenFor(DEMO_CUSTOMERS.full);
    expect((await stack.graphql(VERIFY, {}, { token: customerToken })).errors).toEqual([
      { message: 'You are not allowed to do this.', path: ['verifyLedger'], extensions: { code: 'FORBIDDEN' } },
    ]);
    const ledger = stack.subgraphs.consent.dataSource.getRepository(ConsentDecisionRecord);
    const row = await ledger.findOneOrFail({
      select: { seq: true, status: true },
      where: { customerId: DEMO_CUSTOMERS.full, status: 'GRANTED' },
      order: { seq: 'ASC' },
    });
    await ledger.update({ seq: row.seq }, { status: 'DENIED' });
    try {
      expect((await stack.graphql(VERIFY, {}, { token: adminToken })).data!.verifyLedger).toEqual({
        ok: false,
        firstBroken: { seq: row.seq, customerId: DEMO_CUSTOMERS.full, reason: 'its content does not match its hash' },
      });
    } finally {
      await ledger.update({ seq: row.seq }, { status: row.status });
    }
  });

  it('asks for re-consent after a material notice change, and keeps grants through a non-material one', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.statedOnly);
    const publish = (material: boolean) =>
      stack.graphql(
        'mutation ($i: NoticeVersionInput!) { publishNotice(input: $i) { purpose version material } }',
        {
          i: { purpose: Purpose.STATED, title: 'Recommendations from what you tell us', text: `We now also use your sizes (${material}).`, material },
        },
        { token: adminToken },
      );
    expect(purposesUsed((await stack.graphql<Recs>(RECS, {}, { token })).data!).has(Purpose.STATED)).toBe(true);
    expect(
      (
        await stack.graphql(
          'mutation ($i: NoticeVersionInput!) { publishNotice(input: $i) { version } }',
          { i: { purpose: Purpose.STATED, title: 't', text: 't', material: true } },
          { token },
        )
      ).errors![0].extensions!.code,
    ).toBe('FORBIDDEN');

    expect((await publish(true)).data!.publishNotice).toEqual({ purpose: Purpose.STATED, version: 2, material: true });
    const consents = '{ me { consents { purpose granted needsReconsent noticeVersion currentNoticeVersion } } }';
    expect((await stack.graphql(consents, {}, { token })).data!.me.consents.find((c: { purpose: string }) => c.purpose === Purpose.STATED)).toEqual({
      purpose: Purpose.STATED,
      granted: false,
      needsReconsent: true,
      noticeVersion: 1,
      currentNoticeVersion: 2,
    });
    expect(purposesUsed((await stack.graphql<Recs>(RECS, {}, { token })).data!).has(Purpose.STATED)).toBe(false);
    const outdated = await stack.graphql(SET, { purpose: Purpose.STATED, granted: true, version: 1 }, { token });
    expect(outdated.errors).toEqual([
      {
        message: 'The notice for "personalization.stated" is now version 2; please read it and decide on that version.',
        path: ['setConsent'],
        extensions: { code: 'NOTICE_OUTDATED', purpose: Purpose.STATED, currentNoticeVersion: 2 },
      },
    ]);
    expect((await stack.graphql(SET, { purpose: Purpose.STATED, granted: true, version: 2 }, { token })).data!.setConsent.granted).toBe(true);
    expect(purposesUsed((await stack.graphql<Recs>(RECS, {}, { token })).data!).has(Purpose.STATED)).toBe(true);

    expect((await publish(false)).data!.publishNotice.version).toBe(3);
    expect(purposesUsed((await stack.graphql<Recs>(RECS, {}, { token })).data!).has(Purpose.STATED)).toBe(true);
  });
});
