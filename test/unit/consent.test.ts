import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentDecisionRecord } from '../../subgraphs/consent/entities/consent-decision.entity.js';
import { createConsentSubgraph } from '../../subgraphs/consent/subgraph.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { admin, customer, execute } from '../helpers/subgraph.js';

const SET =
  'mutation ($p: String!, $g: Boolean!, $v: Int!) { setConsent(purpose: $p, granted: $g, noticeVersion: $v) { purpose granted status noticeVersion } }';
const GRANTED = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { grantedPurposes } } }';

describe('consent subgraph (in process, real SQLite in memory)', () => {
  let subgraph: SubgraphModule<ConsentServices>;
  const clock = new ManualClock(new Date('2026-11-01T10:00:00.000Z'));

  beforeAll(async () => {
    subgraph = await createConsentSubgraph({ config: testConfig(), sqliteFile: ':memory:', clock });
    await subgraph.services.consent.createCustomer('c1', 'Ada');
    await subgraph.services.consent.createCustomer('c2', 'Bo');
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  const granted = async (id: string) =>
    (await execute(subgraph, GRANTED, { r: [{ __typename: 'Customer', id }] }, customer(id))).data!._entities[0].grantedPurposes;

  it('starts with only essential, and derives grants from the ledger', async () => {
    expect(await granted('c1')).toEqual(['essential']);
    const result = await execute(subgraph, SET, { p: 'personalization.stated', g: true, v: 1 }, customer('c1'));
    expect(result).toEqual({ data: { setConsent: { purpose: 'personalization.stated', granted: true, status: 'GRANTED', noticeVersion: 1 } } });
    expect(await granted('c1')).toEqual(['essential', 'personalization.stated']);
  });

  it('withdraws with one call, effective on the next read', async () => {
    await execute(subgraph, SET, { p: 'personalization.behavioral', g: true, v: 1 }, customer('c1'));
    expect(await granted('c1')).toContain('personalization.behavioral');
    const result = await execute(subgraph, SET, { p: 'personalization.behavioral', g: false, v: 1 }, customer('c1'));
    expect(result.data!.setConsent).toEqual({ purpose: 'personalization.behavioral', granted: false, status: 'WITHDRAWN', noticeVersion: 1 });
    expect(await granted('c1')).not.toContain('personalization.behavioral');
  });

  it('needs the notice version to grant, not to withdraw', async () => {
    const SET_WITHOUT_VERSION =
      'mutation ($p: String!, $g: Boolean!) { setConsent(purpose: $p, granted: $g) { purpose granted status noticeVersion } }';
    expect((await execute(subgraph, SET_WITHOUT_VERSION, { p: 'analytics', g: true }, customer('c2'))).errors).toEqual([
      expect.objectContaining({
        message: 'To grant "analytics", say which notice version you read (noticeVersion; now 1).',
        extensions: { code: 'BAD_USER_INPUT', field: 'noticeVersion' },
      }),
    ]);
    await execute(subgraph, SET, { p: 'analytics', g: true, v: 1 }, customer('c2'));
    expect(await execute(subgraph, SET_WITHOUT_VERSION, { p: 'analytics', g: false }, customer('c2'))).toEqual({
      data: { setConsent: { purpose: 'analytics', granted: false, status: 'WITHDRAWN', noticeVersion: 1 } },
    });
  });

  it('refuses unknown purposes, outdated notices and withdrawing essential, with codes', async () => {
    expect((await execute(subgraph, SET, { p: 'sell.everything', g: true, v: 1 }, customer('c1'))).errors).toEqual([
      expect.objectContaining({
        message: '"sell.everything" is not a purpose we ask consent for.',
        extensions: { code: 'BAD_USER_INPUT', field: 'purpose' },
      }),
    ]);
    expect((await execute(subgraph, SET, { p: 'analytics', g: true, v: 7 }, customer('c1'))).errors).toEqual([
      expect.objectContaining({
        message: 'The notice for "analytics" is now version 1; please read it and decide on that version.',
        extensions: { code: 'NOTICE_OUTDATED', purpose: 'analytics', currentNoticeVersion: 1 },
      }),
    ]);
    expect((await execute(subgraph, SET, { p: 'essential', g: false, v: 1 }, customer('c1'))).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await execute(subgraph, SET, { p: 'analytics', g: true, v: 1 })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('never lets one customer read another customer’s grants', async () => {
    const result = await execute(subgraph, GRANTED, { r: [{ __typename: 'Customer', id: 'c2' }] }, customer('c1'));
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'You can only see and change your own data.', extensions: { code: 'FORBIDDEN' } }),
    ]);
    const asAdmin = await execute(subgraph, GRANTED, { r: [{ __typename: 'Customer', id: 'c2' }] }, admin);
    expect(asAdmin.data!._entities[0].grantedPurposes).toEqual(['essential']);
  });

  it('refuses an expiry that is not an ISO 8601 time, already past or absurdly far ahead', async () => {
    const GRANT_UNTIL =
      'mutation ($e: String!) { setConsent(purpose: "marketing.email", granted: true, noticeVersion: 1, expiresAt: $e) { status expiresAt } }';
    const refusals: [string, string][] = [
      ['12/31/2099', 'ExpiresAt must be an ISO 8601 time with a zone, like 2026-11-01T12:00:00Z.'],
      ['+275760-09-13T00:00:00.000Z', 'ExpiresAt must be an ISO 8601 time with a zone, like 2026-11-01T12:00:00Z.'],
      ['2027-02-30T00:00:00Z', 'ExpiresAt must be an ISO 8601 time with a zone, like 2026-11-01T12:00:00Z.'],
      ['2099-12-31T00:00:00Z', 'ExpiresAt is more than 10 years ahead.'],
      ['2026-10-01T00:00:00Z', 'ExpiresAt must be in the future.'],
    ];
    for (const [expiresAt, message] of refusals) {
      expect((await execute(subgraph, GRANT_UNTIL, { e: expiresAt }, customer('c2'))).errors, expiresAt).toEqual([
        expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', field: 'expiresAt' } }),
      ]);
    }
    expect(await subgraph.dataSource.getRepository(ConsentDecisionRecord).countBy({ customerId: 'c2', purpose: 'marketing.email' })).toBe(0);
    const kept = await execute(subgraph, GRANT_UNTIL, { e: '2027-05-01T12:00:00+02:00' }, customer('c2'));
    expect(kept.data!.setConsent).toEqual({ status: 'GRANTED', expiresAt: '2027-05-01T10:00:00.000Z' });
  });

  it('lets a grant with an expiry lapse', async () => {
    await subgraph.services.consent.setConsents(
      'c2',
      [{ purpose: 'analytics', granted: true, noticeVersion: 1, expiresAt: '2026-11-02T00:00:00.000Z' }],
      { method: 'API', origin: 'test' },
    );
    expect(await granted('c2')).toContain('analytics');
    clock.set(new Date('2026-11-03T00:00:00.000Z'));
    expect(await granted('c2')).not.toContain('analytics');
    const states = await subgraph.services.consent.consentsOf('c2');
    expect(states.find((s) => s.purpose === 'analytics')).toMatchObject({ granted: false, status: 'EXPIRED' });
  });

  it('refuses a second successor of one ledger entry, so a chain cannot fork', async () => {
    const ledger = subgraph.dataSource.getRepository(ConsentDecisionRecord);
    const head = await ledger.findOneOrFail({ where: { customerId: 'c1' }, order: { seq: 'DESC' } });
    const fork: Partial<ConsentDecisionRecord> = { ...head, decisionId: 'fork', prevHash: head.prevHash };
    delete fork.seq;
    await expect(ledger.insert(fork)).rejects.toThrow(
      /UNIQUE constraint failed: consent_decisions\.customerId, consent_decisions\.prevHash|duplicate key value violates unique constraint "UQ_consent_decisions_chain"/,
    );
  });

  it('keeps a valid hash chain and detects a tampered row', async () => {
    expect(await subgraph.services.ledger.verify()).toMatchObject({ ok: true, firstBroken: null });
    const ledger = subgraph.dataSource.getRepository(ConsentDecisionRecord);
    const row = await ledger.findOneOrFail({ where: { customerId: 'c1' }, order: { seq: 'ASC' } });
    await ledger.update({ seq: row.seq }, { status: 'DENIED' });
    expect(await subgraph.services.ledger.verify()).toEqual({
      ok: false,
      checked: 1,
      tombstones: 0,
      firstBroken: { seq: row.seq, customerId: 'c1', reason: 'its content does not match its hash' },
    });
  });
});
