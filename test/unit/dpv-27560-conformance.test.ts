import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INITIAL_NOTICES } from '../../subgraphs/consent/notice-catalog.js';
import { DPV_DATA, DPV_PURPOSES, noticeHash } from '../../subgraphs/consent/services/dpv-receipt.js';
import { ALL_PURPOSES } from '../../subgraphs/shared/purposes.js';
import { dpv27560Conformance, KNOWN_GAPS } from '../helpers/dpv-27560-conformance.js';

const DIR = path.join('docs', 'consent-vectors', 'receipts');
const documentOf = (file: string) => JSON.parse((JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { document: string }).document);
const failed = (receipt: Record<string, unknown>) =>
  dpv27560Conformance(receipt)
    .filter((c) => !c.pass)
    .map((c) => c.id);

describe('DPV-27560 conformance of our receipts (checks from the DPVCG guide, offline)', () => {
  const genuine = ['valid', 'rotated-key', 'expired-grant', 'withdrawal', 'follow-up'].map((c) => `dpv-${c}.json`);

  it.each(genuine)('%s meets every applicable check but the known gaps', (file) => {
    expect(failed(documentOf(file))).toEqual(Object.keys(KNOWN_GAPS));
  });

  it('catches a record that lacks what the profile requires', () => {
    const receipt = documentOf('dpv-valid.json');
    const [record] = receipt['dpv:hasRecordOfActivity'];
    delete record['dpv:hasNotice'];
    record['dpv:hasConsentStatus']['dpv:isIndicatedAtTime'] = '1 March';
    record['dpv:hasProcess']['dpv:hasPurpose'] = ['personalization'];
    delete receipt['dct:created'];
    expect(failed(receipt)).toEqual(expect.arrayContaining(['9.1.4', '8.2.1', '8.2.2', '8.3.2', '8.5.3']));
  });

  it('maps every purpose to DPV purpose concepts and every data category to a DPV personal data concept', () => {
    for (const purpose of ALL_PURPOSES) expect(DPV_PURPOSES[purpose], purpose).toBeDefined();
    for (const category of INITIAL_NOTICES.flatMap((n) => n.dataCategories)) expect(DPV_DATA[category], category).toMatch(/^pd:[A-Z]/);
  });

  it('says the same as the Kantara form of the same receipt: id, purposes, states, notice versions, ledger hashes', () => {
    for (const file of genuine) {
      const dpv = documentOf(file);
      const kantara = documentOf(file.replace('dpv-', 'kantara-'));
      expect(dpv['dpv:hasIdentifier']).toBe(kantara.consentReceiptID);
      const fromDpv = dpv['dpv:hasRecordOfActivity'].map((r: any) => [
        r['cfp:purposeId'],
        r['dpv:hasConsentStatus']['cfp:decisionStatus'],
        Number(r['dpv:hasNotice']['dct:hasVersion']),
        r['dpv:hasConsentStatus']['cfp:ledgerHash'],
      ]);
      const fromKantara = kantara.services[0].purposes.map((p: any) => [p.purposeId, p.status, p.noticeVersion, p.ledgerHash]);
      expect(fromDpv).toEqual(fromKantara);
      const notice = INITIAL_NOTICES.find((n) => n.purpose === fromDpv[0][0])!;
      expect(dpv['dpv:hasRecordOfActivity'][0]['dpv:hasNotice']['cfp:noticeHash']).toBe(noticeHash(notice.text));
    }
  });
});
