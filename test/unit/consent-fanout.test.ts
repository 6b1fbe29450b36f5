import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerDirectory } from '../../subgraphs/shared/peers.js';
import { createExplanationsSubgraph } from '../../subgraphs/explanations/subgraph.js';
import { createRecommendationsSubgraph } from '../../subgraphs/recommendations/subgraph.js';
import { createConsentSubgraph } from '../../subgraphs/consent/subgraph.js';
import { LedgerTombstoneRecord } from '../../subgraphs/consent/entities/ledger-tombstone.entity.js';
import { WithdrawalOutboxRecord } from '../../subgraphs/consent/entities/withdrawal-outbox.entity.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { createProfileSubgraph } from '../../subgraphs/profile/subgraph.js';
import { StatedPreferenceRecord } from '../../subgraphs/profile/entities/stated-preference.entity.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { listen, type RunningServer } from '../../subgraphs/shared/http.js';
import type { Principal } from '../../subgraphs/shared/principal.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { allRows, rowsWhere } from '../helpers/database.js';
import { admin, customer, execute } from '../helpers/subgraph.js';

const service: Principal = { subject: 'profile', role: 'service', scopes: [], gpc: false };
const partner = (scopes: string[]): Principal => ({ subject: 'partner-1', role: 'partner', scopes, gpc: false });
const SET =
  'mutation ($p: String!, $g: Boolean!) { setConsent(purpose: $p, granted: $g, noticeVersion: 1) { receipt { receiptId dataRemoval { status removed { subgraph category count } pending { subgraph purpose } } } } }';

describe('consent fan-out, change feed, export and erasure (in process, real SQLite)', () => {
  const clock = new ManualClock(new Date('2026-11-01T10:00:00.000Z'));
  const config = testConfig();
  const peers = PeerDirectory.fromConfig(config);
  let consent: SubgraphModule<ConsentServices> & { maintenance: { runOnce(): Promise<void> } };
  let profile: SubgraphModule<unknown>;
  let profileServer: RunningServer | undefined;

  beforeAll(async () => {
    consent = await createConsentSubgraph({ config, peers, sqliteFile: ':memory:', clock });
    profile = await createProfileSubgraph({ config, peers, sqliteFile: ':memory:', clock });
    for (const id of ['c1', 'c2']) await consent.services.consent.createCustomer(id, null);
  });
  afterAll(async () => {
    await profileServer?.close();
    await consent?.close();
    await profile?.close();
  });

  it('says deletion is pending while a subscriber is down, and delivers it once it is back', async () => {
    await execute(consent, SET, { p: 'personalization.stated', g: true }, customer('c1'));
    await profile.dataSource.getRepository(StatedPreferenceRecord).insert({
      id: 'p1',
      customerId: 'c1',
      kind: 'CATEGORY',
      value: 'tents',
      sentiment: 'LIKE',
      weight: 1,
      noticeVersion: 1,
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
    });
    const withdrawn = await execute(consent, SET, { p: 'personalization.stated', g: false }, customer('c1'));
    expect(withdrawn.data!.setConsent.receipt.dataRemoval).toEqual({
      status: 'PENDING',
      removed: [],
      pending: [
        { subgraph: 'profile', purpose: 'personalization.stated' },
        { subgraph: 'recommendations', purpose: 'personalization.stated' },
        { subgraph: 'explanations', purpose: 'personalization.stated' },
      ],
    });
    // The gate closed at once, whatever the subscribers do.
    expect(await consent.services.consent.grantedPurposes('c1')).toEqual(['essential']);

    profileServer = await listen(profile.app, 0, '127.0.0.1');
    peers.register('profile', `${profileServer.url}/graphql`);
    await consent.maintenance.runOnce();
    expect(await profile.dataSource.getRepository(StatedPreferenceRecord).findBy({ customerId: 'c1' })).toEqual([]);
    const rows = await consent.dataSource
      .getRepository(WithdrawalOutboxRecord)
      .find({ select: { subscriber: true, status: true, report: true }, order: { id: 'ASC' } });
    expect(rows).toEqual([
      { subscriber: 'profile', status: 'DELIVERED', report: [{ category: 'stated preferences', count: 1 }] },
      { subscriber: 'recommendations', status: 'PENDING', report: null },
      { subscriber: 'explanations', status: 'PENDING', report: null },
    ]);
    expect(await consent.services.receipts.issuedFor('c1')).not.toContainEqual(expect.objectContaining({ followUpOf: expect.any(String) }));
    // Granting it again must wait until the earlier withdrawal's deletions are done everywhere.
    const regrant = await execute(consent, SET, { p: 'personalization.stated', g: true }, customer('c1'));
    expect(regrant.errors).toEqual([
      expect.objectContaining({
        message:
          'We are still deleting what we held under your earlier withdrawal of "personalization.stated", so it cannot be granted again yet. Please try again in a moment.',
        extensions: { code: 'SERVICE_UNAVAILABLE', purposes: ['personalization.stated'] },
      }),
    ]);
    expect(await consent.services.consent.grantedPurposes('c1')).toEqual(['essential']);

    // Once the others answer too, a signed follow-up receipt says the removal is complete (once).
    const others = [
      await createRecommendationsSubgraph({ config, peers, sqliteFile: ':memory:', clock }),
      await createExplanationsSubgraph({ config, peers, sqliteFile: ':memory:', clock }),
    ];
    const servers = await Promise.all(others.map((m) => listen(m.app, 0, '127.0.0.1')));
    peers.register('recommendations', `${servers[0].url}/graphql`);
    peers.register('explanations', `${servers[1].url}/graphql`);
    try {
      await consent.maintenance.runOnce();
      await consent.maintenance.runOnce();
      const followUps = (await consent.services.receipts.issuedFor('c1')).filter((r) => r.followUpOf !== null);
      expect(followUps.map((r) => r.followUpOf)).toEqual([withdrawn.data!.setConsent.receipt.receiptId]);
      const [followUp] = followUps;

      const document = JSON.parse(followUp.document);
      expect(document).toMatchObject({ consentReceiptID: followUp.receiptId, followUpOf: followUp.followUpOf, piiPrincipalId: 'c1' });
      expect(document.dataRemoval).toEqual({
        status: 'COMPLETE',
        removed: [{ subgraph: 'profile', purpose: 'personalization.stated', category: 'stated preferences', count: 1 }],
        pending: [],
      });
      const key = createPublicKey((await consent.services.signer.published()).publicKeyPem);
      expect(verify(null, Buffer.from(followUp.document), key, Buffer.from(followUp.signature!, 'base64url'))).toBe(true);
    } finally {
      for (const server of servers) await server.close();
      for (const module of others) await module.close();
    }
  });

  it('refuses applyConsentWithdrawal to anyone but an internal service', async () => {
    const query = 'mutation { applyConsentWithdrawal(customerId: "c1", purpose: "personalization.stated") { subgraph } }';
    expect((await execute(profile, query, {}, customer('c1'))).errors).toEqual([
      expect.objectContaining({ message: 'You are not allowed to do this.', extensions: { code: 'FORBIDDEN' } }),
    ]);
    expect((await execute(profile, query, {}, service)).data).toEqual({ applyConsentWithdrawal: { subgraph: 'profile' } });
  });

  it('feeds changes in order to services, and to partners only with the scope and for their purposes', async () => {
    await execute(consent, SET, { p: 'share.partners', g: true }, customer('c2'));
    const FEED = 'query ($after: String) { consentChanges(first: 2, after: $after) { changes { customerId purpose status } endCursor hasNextPage } }';
    const first = (await execute(consent, FEED, {}, service)).data!.consentChanges;
    expect(first.changes).toEqual([
      { customerId: 'c1', purpose: 'personalization.stated', status: 'GRANTED' },
      { customerId: 'c1', purpose: 'personalization.stated', status: 'WITHDRAWN' },
    ]);
    expect(first.hasNextPage).toBe(true);
    const next = (await execute(consent, FEED, { after: first.endCursor }, service)).data!.consentChanges;
    expect(next).toMatchObject({ changes: [{ customerId: 'c2', purpose: 'share.partners', status: 'GRANTED' }], hasNextPage: false });

    expect((await execute(consent, FEED, {}, partner(['share.partners']))).errors).toEqual([
      expect.objectContaining({ message: 'Following consent changes needs the "consent:changes" scope.', extensions: { code: 'FORBIDDEN' } }),
    ]);
    const scoped = (await execute(consent, FEED, {}, partner(['consent:changes', 'share.partners']))).data!.consentChanges;
    expect(scoped.changes).toEqual([{ customerId: 'c2', purpose: 'share.partners', status: 'GRANTED' }]);
    // Once the customer stops sharing with partners, partners learn nothing more about them.
    await execute(consent, SET, { p: 'share.partners', g: false }, customer('c2'));
    expect((await execute(consent, FEED, {}, partner(['consent:changes', 'share.partners']))).data!.consentChanges.changes).toEqual([]);
    expect((await execute(consent, FEED, {}, customer('c2'))).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('pages a partner through only what it may see: pages full, cursors and hasNextPage blind to the rows left out', async () => {
    const FEED = 'query ($after: String) { consentChanges(first: 2, after: $after) { changes { customerId } endCursor hasNextPage } }';
    const sharing = partner(['consent:changes', 'share.partners']);
    const start = (await execute(consent, FEED, {}, sharing)).data!.consentChanges.endCursor;
    // Shared changes of s1 and s2, with changes of customers who do not share with partners between them.
    for (const id of ['s1', 'h1', 'h2', 's2', 'h3', 'h4', 'h5']) {
      await consent.services.consent.createCustomer(id, null);
      await execute(consent, SET, { p: 'share.partners', g: true }, customer(id));
      if (id.startsWith('h')) await execute(consent, SET, { p: 'share.partners', g: false }, customer(id));
    }
    const first = (await execute(consent, FEED, { after: start }, sharing)).data!.consentChanges;
    expect(first.changes).toEqual([{ customerId: 's1' }, { customerId: 's2' }]);
    expect(first.hasNextPage).toBe(false);
    const next = (await execute(consent, FEED, { after: first.endCursor }, sharing)).data!.consentChanges;
    expect(next).toEqual({ changes: [], endCursor: first.endCursor, hasNextPage: false });
  });

  it('exports everything it holds, erases it leaving only a tombstone, and the ledger still verifies', async () => {
    const exported = JSON.parse((await execute(consent, '{ exportCustomerData(customerId: "c2") }', {}, service)).data!.exportCustomerData);
    expect(exported).toMatchObject({
      subgraph: 'consent',
      data: {
        'customer record': [{ id: 'c2' }],
        'consent ledger entries': [
          { purpose: 'share.partners', status: 'GRANTED' },
          { purpose: 'share.partners', status: 'WITHDRAWN' },
        ],
        'consent receipts': [{ document: { piiPrincipalId: 'c2' } }, { document: { piiPrincipalId: 'c2' } }],
      },
    });
    expect(
      (await execute(consent, 'mutation { eraseCustomerData(customerId: "c2") { subgraph } }', {}, customer('c2'))).errors![0].extensions!.code,
    ).toBe('FORBIDDEN');

    const erased = await execute(consent, 'mutation { eraseCustomerData(customerId: "c2") { subgraph removed { category count } } }', {}, service);
    expect(erased.data!.eraseCustomerData).toEqual({
      subgraph: 'consent',
      removed: [
        { category: 'consent ledger entries', count: 2 },
        { category: 'consent receipts', count: 2 },
        { category: 'current consent states', count: 1 },
        { category: 'GPC records', count: 0 },
        { category: 'GPC conflicts', count: 0 },
        { category: 'withdrawal deliveries', count: 3 },
        { category: 'change feed messages', count: 0 },
        { category: 'customer record', count: 1 },
      ],
    });
    for (const table of [
      'consent_decisions',
      'consent_states',
      'consent_receipts',
      'gpc_signals',
      'gpc_conflicts',
      'withdrawal_outbox',
      'customers',
    ]) {
      const column = table === 'customers' ? 'id' : 'customerId';
      expect(await rowsWhere(consent.dataSource, table, column, 'c2')).toEqual([]);
    }
    const [tombstone] = await allRows(consent.dataSource, 'ledger_tombstones');
    expect(Object.values(tombstone)).not.toContain('c2');
    expect(Object.keys(tombstone).sort()).toEqual(['entryCount', 'erasedAt', 'hash', 'headHash', 'id', 'subjectHash']);
    expect(tombstone).toMatchObject({ entryCount: 2 });
    const verify = await execute(consent, '{ verifyLedger { ok tombstones firstBroken { reason } } }', {}, admin);
    expect(verify.data!.verifyLedger).toEqual({ ok: true, tombstones: 1, firstBroken: null });
    await consent.dataSource.createQueryBuilder().update(LedgerTombstoneRecord).set({ entryCount: 0 }).execute();
    expect((await execute(consent, '{ verifyLedger { ok firstBroken { reason } } }', {}, admin)).data!.verifyLedger).toEqual({
      ok: false,
      firstBroken: { reason: 'the tombstone does not match its hash' },
    });
  });
});
