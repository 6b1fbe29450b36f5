import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentDecisionRecord } from '../../subgraphs/consent/entities/consent-decision.entity.js';
import { ReceiptRecord } from '../../subgraphs/consent/entities/receipt.entity.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { verifyReceipt } from '../../subgraphs/consent/services/receipt-signer.js';
import { createConsentSubgraph } from '../../subgraphs/consent/subgraph.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { postgresForTest } from '../helpers/postgres.js';
import { customer, execute } from '../helpers/subgraph.js';

const SET_WITH_KEY = `mutation ($p: String!, $g: Boolean!, $k: String) {
  setConsent(purpose: $p, granted: $g, noticeVersion: 1, idempotencyKey: $k) { purpose granted status receipt { receiptId keyId document signature } }
}`;

type Consent = SubgraphModule<ConsentServices>;

const database = await postgresForTest();
if ('unavailable' in database) console.warn(`[consent-instances.test] skipped: ${database.unavailable}`);
afterAll(async () => {
  if ('release' in database) await database.release();
});

/** Several instances share one database only on PostgreSQL: two consent instances on one set of schemas. */
function sharedConfig(overrides: Parameters<typeof testConfig>[0] = {}) {
  return testConfig({ ...overrides, databaseUrl: 'url' in database ? database.url : undefined });
}

/** Checks a receipt against the key the published set holds under the id it names. */
async function verifiesWithPublishedSet(instance: Consent, receipt: { keyId: string; document: string; signature: string }) {
  const { keys } = await instance.services.signer.published();
  const key = keys.find((k) => k.kid === receipt.keyId);
  return key !== undefined && verifyReceipt(receipt.document, receipt.signature, key.publicKeyPem);
}

describe.skipIf('unavailable' in database)('consent with two instances on one PostgreSQL database', () => {
  let a: Consent;
  let b: Consent;

  beforeAll(async () => {
    const config = sharedConfig();
    [a, b] = [await createConsentSubgraph({ config }), await createConsentSubgraph({ config })];
    await a.services.consent.createCustomer('c1', 'Ada');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a retried consent write returns the first decision and receipt, through either instance, and records one', async () => {
    const variables = { p: 'analytics', g: true, k: 'retry-key-0001' };
    const first = await execute(a, SET_WITH_KEY, variables, customer('c1'));
    const retries = await Promise.all([
      execute(b, SET_WITH_KEY, variables, customer('c1')),
      execute(a, SET_WITH_KEY, variables, customer('c1')),
      execute(b, SET_WITH_KEY, variables, customer('c1')),
    ]);
    expect(first.errors).toBeUndefined();
    for (const retry of retries) expect(retry).toEqual(first);
    const ledger = await a.dataSource.getRepository(ConsentDecisionRecord).findBy({ customerId: 'c1', purpose: 'analytics' });
    expect(ledger).toHaveLength(1);
    expect(await a.dataSource.getRepository(ReceiptRecord).countBy({ customerId: 'c1', idempotencyKey: 'retry-key-0001' })).toBe(1);
  });

  it('racing first attempts with one key record one decision', async () => {
    const variables = { p: 'marketing.email', g: true, k: 'race-key-00001' };
    const answers = await Promise.all([a, b, a, b].map((instance) => execute(instance, SET_WITH_KEY, variables, customer('c1'))));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await a.dataSource.getRepository(ConsentDecisionRecord).countBy({ customerId: 'c1', purpose: 'marketing.email' })).toBe(1);
  });

  it('a key reused for a different change is refused in words, and a malformed key is bad input', async () => {
    const reused = await execute(b, SET_WITH_KEY, { p: 'analytics', g: false, k: 'retry-key-0001' }, customer('c1'));
    expect(reused).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: 'This request key was already used for a different consent change. Send a new key for a new change.',
          extensions: { code: 'CONFLICT', idempotencyKey: 'retry-key-0001' },
        }),
      ],
    });
    const malformed = await execute(b, SET_WITH_KEY, { p: 'analytics', g: false, k: 'no spaces!' }, customer('c1'));
    expect(malformed.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('every instance signs with the same key and publishes the same key set; after rotation every receipt still verifies', async () => {
    expect(await a.services.signer.currentKeyId()).toBe(await b.services.signer.currentKeyId());
    expect(await a.services.signer.published()).toEqual(await b.services.signer.published());
    const before = (await execute(a, SET_WITH_KEY, { p: 'marketing.push', g: true, k: 'before-rotation' }, customer('c1'))).data!.setConsent.receipt;

    const rotated = await b.services.signer.rotate();
    expect(rotated).not.toBe(before.keyId);
    const after = (await execute(b, SET_WITH_KEY, { p: 'marketing.push', g: false, k: 'after-rotation' }, customer('c1'))).data!.setConsent.receipt;
    expect(after.keyId).toBe(rotated);

    const published = await a.services.signer.published();
    expect(published.keys.map((k) => [k.kid, k.current])).toEqual([
      [rotated, true],
      [before.keyId, false],
    ]);
    expect(published.keyId).toBe(rotated);
    for (const instance of [a, b]) {
      expect(await verifiesWithPublishedSet(instance, before)).toBe(true);
      expect(await verifiesWithPublishedSet(instance, after)).toBe(true);
    }
    // Tampering is still caught.
    expect(await verifiesWithPublishedSet(a, { ...before, document: before.document.replace('marketing.push', 'analytics') })).toBe(false);
  });
});

describe.skipIf('unavailable' in database)('a configured receipt key', () => {
  it('becomes current on every instance, and the key generated earlier stays published', async () => {
    const config = sharedConfig();
    const generated = await createConsentSubgraph({ config });
    const generatedId = await generated.services.signer.currentKeyId();
    await generated.close();

    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const configured = { ...config, receiptPrivateKeyPem: pem };
    const [one, two] = [await createConsentSubgraph({ config: configured }), await createConsentSubgraph({ config: configured })];
    try {
      const current = await one.services.signer.currentKeyId();
      expect(current).not.toBe(generatedId);
      expect(await two.services.signer.currentKeyId()).toBe(current);
      expect((await two.services.signer.published()).keys.map((k) => k.kid).sort()).toEqual([current, generatedId].sort());
      expect(fs.existsSync(path.join(config.dataDir, 'consent-receipt-key.pem'))).toBe(false);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
