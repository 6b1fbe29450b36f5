import { Purpose } from '../../shared/purposes.js';
import type { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import type { NoticeRecord } from '../entities/notice.entity.js';

export interface ReceiptRemoval {
  /**
   * NOT_APPLICABLE: nothing was revoked; PENDING: a subscriber has not confirmed its deletion yet;
   * FAILED: a deletion was given up on after every retry (dead-lettered) and needs an operator.
   */
  status: 'NOT_APPLICABLE' | 'COMPLETE' | 'PENDING' | 'FAILED';
  removed: { subgraph: string; purpose: string; category: string; count: number }[];
  pending: { subgraph: string; purpose: string }[];
  /** Deletions dead-lettered after every retry (only present when there are some). */
  failed?: { subgraph: string; purpose: string }[];
}

/**
 * The receipt document: the fields of the Kantara Consent Receipt 1.1 (version, jurisdiction,
 * consentTimestamp, collectionMethod, consentReceiptID, piiPrincipalId, piiControllers, services →
 * purposes with consentType, piiCategory, termination, thirdPartyDisclosure, sensitive, spiCat),
 * which ISO/IEC TS 27560 consent records also carry, plus the ledger link and notice version of
 * each decision. Built with a fixed key order; the stored string is exactly what is signed.
 */
export function receiptBase(input: {
  receiptId: string;
  issuedAt: string;
  controller: string;
  customerId: string;
  decisions: ConsentDecisionRecord[];
  notices: Map<string, NoticeRecord>;
}) {
  const first = input.decisions[0];
  return {
    version: 'KI-CR-v1.1.0',
    recordSchema: 'ISO/IEC TS 27560:2023',
    jurisdiction: 'EU',
    consentReceiptID: input.receiptId,
    consentTimestamp: Math.floor(Date.parse(first.occurredAt) / 1000),
    issuedAt: input.issuedAt,
    collectionMethod: first.origin,
    method: first.method,
    language: 'en',
    piiPrincipalId: input.customerId,
    piiControllers: [{ piiController: input.controller, onBehalf: false }],
    services: [
      {
        service: 'Consent-first personalization',
        purposes: input.decisions.map((d) => {
          const notice = input.notices.get(`${d.purpose}@${d.noticeVersion}`);
          return {
            purposeId: d.purpose,
            purpose: notice?.title ?? d.purpose,
            purposeCategory: [d.purpose],
            consentType: d.method === 'GPC' ? 'GLOBAL_PRIVACY_CONTROL' : d.method === 'SYSTEM' ? 'LAPSED' : 'EXPLICIT',
            status: d.status,
            noticeVersion: d.noticeVersion,
            piiCategory: notice?.dataCategories ?? [],
            primaryPurpose: d.purpose === Purpose.ESSENTIAL,
            termination: d.status === 'GRANTED' ? (d.expiresAt ? `${d.expiresAt} or on withdrawal` : 'on withdrawal') : d.occurredAt,
            thirdPartyDisclosure: d.purpose === Purpose.SHARE_PARTNERS,
            decisionId: d.decisionId,
            ledgerHash: d.hash,
          };
        }),
      },
    ],
    sensitive: false,
    spiCat: [] as string[],
  };
}

export type ReceiptBase = ReturnType<typeof receiptBase>;
export type ReceiptDocument = ReceiptBase & {
  dataRemoval: ReceiptRemoval;
  /** On a follow-up receipt: the receipt whose pending deletions it reports complete. */
  followUpOf?: string;
  signature: { algorithm: 'Ed25519'; keyId: string };
};

/** The exact text a Kantara receipt is signed as: the document with the signing key named in it. */
export function kantaraText(document: object, keyId: string): string {
  return JSON.stringify({ ...document, signature: { algorithm: 'Ed25519', keyId } });
}
