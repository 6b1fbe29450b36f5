import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/demo/generate.js';
import { ERASE_CONFIRMATION } from '../../subgraphs/profile/services/erasure.service.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { dpv27560Conformance, KNOWN_GAPS } from '../helpers/dpv-27560-conformance.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const run = promisify(execFile);
const SET = 'mutation ($p: String!, $g: Boolean!) { setConsent(purpose: $p, granted: $g, noticeVersion: 1) { status } }';
const PROOFS = /* GraphQL */ `
  {
    me {
      receipts {
        receiptId
        document
        signature
        keyId
        dpvDocument: document(format: DPV_27560)
        dpvSignature: signature(format: DPV_27560)
        dpvKeyId: keyId(format: DPV_27560)
      }
      consentHistory(first: 100) {
        events {
          purpose
        }
      }
      ledgerProof {
        document
        signature
        algorithm
        keyId
      }
    }
  }
`;
const TOMBSTONE = '{ ledgerTombstone { document signature keyId } }';

interface Signed {
  document: string;
  signature: string;
}

describe('receipts in both formats and ledger proofs, issued through the gateway and verified offline', () => {
  let stack: TestStack;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-proofs-'));
  let keyFile: string;
  const demo = generateDemoData({ items: 600, customers: 30 });

  beforeAll(async () => {
    stack = await startTestStack();
    keyFile = path.join(dir, 'key.json');
    fs.writeFileSync(keyFile, await (await fetch(`${stack.gatewayUrl}/.well-known/consent-receipt-key`)).text());
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  /** The offline verifier as a customer runs it on a download. */
  async function verifyOffline(name: string, signed: Signed): Promise<{ code: number; out: string }> {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(signed));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/verify-receipt.ts', file, keyFile]);
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  it('issues every receipt in the Kantara and DPV-27560 forms, both verifying offline, the DPV one meeting the profile', async () => {
    const customerId = demo.customers[7].id;
    const token = await stack.tokenFor(customerId);
    await stack.graphql(SET, { p: Purpose.BEHAVIORAL, g: true }, { token });
    await stack.graphql(SET, { p: Purpose.BEHAVIORAL, g: false }, { token });
    const { data, errors } = await stack.graphql(PROOFS, {}, { token });
    expect(errors).toBeUndefined();
    const receipts = data!.me.receipts as (Signed & {
      receiptId: string;
      keyId: string;
      dpvDocument: string;
      dpvSignature: string;
      dpvKeyId: string;
    })[];
    expect(receipts.length).toBeGreaterThanOrEqual(2);
    const latest = receipts[receipts.length - 1];
    for (const r of [receipts[receipts.length - 2], latest]) {
      expect(await verifyOffline(`kantara-${r.receiptId}`, r)).toMatchObject({ code: 0, out: expect.stringMatching(/^valid: receipt /) });
      const dpv = { document: r.dpvDocument, signature: r.dpvSignature };
      expect(await verifyOffline(`dpv-${r.receiptId}`, dpv)).toMatchObject({ code: 0, out: expect.stringMatching(/^valid: DPV-27560 receipt /) });
      const failing = dpv27560Conformance(JSON.parse(r.dpvDocument) as Record<string, unknown>).filter((c) => !c.pass);
      expect(failing.map((c) => c.id)).toEqual(Object.keys(KNOWN_GAPS));
      expect(r.dpvKeyId).toBe(r.keyId);
    }
    const withdrawal = JSON.parse(latest.dpvDocument);
    expect(withdrawal['dpv:hasIdentifier']).toBe(latest.receiptId);
    expect(withdrawal['dpv:hasRecordOfActivity'][0]).toMatchObject({
      'cfp:purposeId': Purpose.BEHAVIORAL,
      'dpv:hasLegalBasis': expect.arrayContaining(['dpv:Consent']),
      'dpv:hasConsentStatus': { '@type': expect.arrayContaining(['dpv:ConsentWithdrawn']), 'cfp:decisionStatus': 'WITHDRAWN' },
    });

    // Key order and whitespace do not matter to the DPV form; one changed value does.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(withdrawal).reverse()), null, 2);
    expect((await verifyOffline('dpv-reordered', { document: reordered, signature: latest.dpvSignature })).code).toBe(0);
    const changed = latest.dpvDocument.replace('"WITHDRAWN"', '"GRANTED"');
    expect(await verifyOffline('dpv-changed', { document: changed, signature: latest.dpvSignature })).toMatchObject({
      code: 1,
      out: expect.stringMatching(/^INVALID/),
    });
  });

  it('gives a customer their ledger as a signed chain that verifies offline, and after erasure their signed tombstone', async () => {
    const customerId = demo.customers[8].id;
    const token = await stack.tokenFor(customerId);
    await stack.graphql(SET, { p: Purpose.ANALYTICS, g: true }, { token });
    const { data } = await stack.graphql(PROOFS, {}, { token });
    const proof = data!.me.ledgerProof as Signed & { algorithm: string };
    const chain = JSON.parse(proof.document);
    expect(chain).toMatchObject({ type: 'ConsentLedgerChain', subject: customerId, head: { entryCount: data!.me.consentHistory.events.length } });
    expect(await verifyOffline('chain', proof)).toMatchObject({ code: 0, out: expect.stringMatching(/^valid: ledger chain of /) });
    // Leaving an entry out breaks the chain even under a valid signature's claims.
    const cut = JSON.stringify({ ...chain, entries: chain.entries.slice(1) });
    expect((await verifyOffline('chain-cut', { document: cut, signature: proof.signature })).code).toBe(1);

    expect((await stack.graphql(TOMBSTONE, {}, { token })).data!.ledgerTombstone).toBeNull();
    const erased = await stack.graphql('mutation ($c: String!) { eraseMe(confirm: $c) { complete } }', { c: ERASE_CONFIRMATION }, { token });
    expect(erased.data!.eraseMe.complete).toBe(true);
    const tombstone = (await stack.graphql(TOMBSTONE, {}, { token })).data!.ledgerTombstone as Signed;
    expect(await verifyOffline('tombstone', tombstone)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^valid: tombstone of an erased ledger of \d+ entries/),
    });
    const document = JSON.parse(tombstone.document);
    expect(document.entryCount).toBeGreaterThanOrEqual(chain.head.entryCount);
    expect(tombstone.document).not.toContain(customerId);

    const other = await stack.tokenFor(demo.customers[9].id);
    const refused = await stack.graphql('query ($id: ID) { ledgerTombstone(customerId: $id) { document } }', { id: customerId }, { token: other });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
