import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeProofCrypto } from '../../scripts/node-proof-crypto.js';
import { ReceiptRecord } from '../../subgraphs/consent/entities/receipt.entity.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { createConsentSubgraph } from '../../subgraphs/consent/subgraph.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { verifySignedDocument } from '../../subgraphs/shared/consent-proof.js';
import type { SubgraphModule } from '../../subgraphs/shared/subgraph-module.js';
import { testConfig } from '../helpers/config.js';
import { customer, execute } from '../helpers/subgraph.js';

const GRANT = 'mutation { setConsent(purpose: "analytics", granted: true, noticeVersion: 1) { status } }';
const DPV = '{ me { receipts { receiptId document(format: DPV_27560) signature(format: DPV_27560) keyId(format: DPV_27560) } } }';

describe('receipt formats (consent subgraph in process, real SQLite in memory)', () => {
  let subgraph: SubgraphModule<ConsentServices> & { maintenance: { runOnce(): Promise<void> } };
  const clock = new ManualClock(new Date('2026-11-01T10:00:00.000Z'));

  beforeAll(async () => {
    subgraph = await createConsentSubgraph({ config: testConfig(), sqliteFile: ':memory:', clock });
    await subgraph.services.consent.createCustomer('c1', 'Ada');
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('gives a receipt issued before the DPV form existed that form from maintenance, never from a read', async () => {
    expect((await execute(subgraph, GRANT, {}, customer('c1'))).errors).toBeUndefined();
    const receipts = subgraph.dataSource.getRepository(ReceiptRecord);
    const [issued] = await receipts.find({ where: { customerId: 'c1', status: 'ISSUED' } });
    expect(issued.dpvDocument).toBeTruthy();
    // As a receipt from an earlier version: no DPV form yet.
    await receipts.update({ receiptId: issued.receiptId }, { dpvDocument: null, dpvSignature: null, dpvKeyId: null });

    const before = await execute(subgraph, DPV, {}, customer('c1'));
    expect(before.errors?.[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' }, message: expect.stringContaining('DPV-27560') });
    expect((await receipts.findOneByOrFail({ receiptId: issued.receiptId })).dpvDocument).toBeNull();

    await subgraph.maintenance.runOnce();
    const after = await execute(subgraph, DPV, {}, customer('c1'));
    expect(after.errors).toBeUndefined();
    const [form] = after.data!.me.receipts as { receiptId: string; document: string; signature: string; keyId: string }[];
    expect(form.receiptId).toBe(issued.receiptId);
    const keys = await subgraph.services.signer.published();
    expect(await verifySignedDocument(form, keys, nodeProofCrypto)).toMatchObject({
      verdict: 'VALID',
      kind: 'DPV_27560',
      consent: { analytics: 'GRANTED' },
    });
  });
});
