import { createHash } from 'node:crypto';
import { Purpose } from '../../shared/purposes.js';
import { JCS } from '../../shared/consent-proof.js';
import type { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import type { NoticeRecord } from '../entities/notice.entity.js';
import type { ReceiptRemoval } from './receipt-document.js';

export const DPV_RECEIPT_PROFILE = 'https://w3id.org/dpv/schema/dpv-27560#receipt';
export const DPV_RECORD_PROFILE = 'https://w3id.org/dpv/schema/dpv-27560#record';
/** Our own terms (purpose id, ledger hash, removal report, signature): outside DPV, named so. */
export const CFP_NAMESPACE = 'https://w3id.org/consent-first-personalization/ns#';

const CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  loc: 'https://w3id.org/dpv/loc#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  dct: 'http://purl.org/dc/terms/',
  schema: 'https://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  cfp: CFP_NAMESPACE,
};

/** Our purposes as DPV purpose concepts (DPV 2.x). */
export const DPV_PURPOSES: Record<string, string[]> = {
  [Purpose.ESSENTIAL]: ['dpv:ServiceProvision', 'dpv:CustomerManagement'],
  [Purpose.STATED]: ['dpv:ServicePersonalisation', 'dpv:ProvidePersonalisedRecommendations'],
  [Purpose.BEHAVIORAL]: ['dpv:ServicePersonalisation', 'dpv:ProvidePersonalisedRecommendations'],
  [Purpose.PURCHASE]: ['dpv:ServicePersonalisation', 'dpv:ProvidePersonalisedRecommendations'],
  [Purpose.MODEL_TRAINING]: ['dpv:ImproveExistingProductsAndServices'],
  [Purpose.ANALYTICS]: ['dpv:ServiceUsageAnalytics'],
  [Purpose.MARKETING_EMAIL]: ['dpv:DirectMarketing'],
  [Purpose.MARKETING_PUSH]: ['dpv:DirectMarketing'],
  [Purpose.SHARE_PARTNERS]: ['dpv:Marketing'],
};

/** Our notices' data categories as DPV personal data (pd:) concepts. */
export const DPV_DATA: Record<string, string> = {
  account: 'pd:AccountIdentifier',
  orders: 'pd:Transactional',
  'stated preferences': 'pd:Preference',
  views: 'pd:BrowsingBehaviour',
  searches: 'pd:BrowsingBehaviour',
  cart: 'pd:Intention',
  ratings: 'pd:Opinion',
  dismissals: 'pd:Like',
  purchases: 'pd:Purchase',
  'usage statistics': 'pd:ServiceConsumptionBehaviour',
  'email address': 'pd:EmailAddress',
  'device token': 'pd:DeviceBased',
};

const DPV_STATUS = {
  GRANTED: 'dpv:ConsentGiven',
  DENIED: 'dpv:ConsentRefused',
  WITHDRAWN: 'dpv:ConsentWithdrawn',
  EXPIRED: 'dpv:ConsentExpired',
} as const;

type Decision = Pick<
  ConsentDecisionRecord,
  'decisionId' | 'customerId' | 'purpose' | 'noticeVersion' | 'status' | 'method' | 'origin' | 'occurredAt' | 'expiresAt' | 'hash'
>;
type Notice = Pick<NoticeRecord, 'purpose' | 'version' | 'title' | 'text' | 'effectiveAt' | 'dataCategories' | 'retentionDays'>;

export interface DpvReceiptInput {
  receiptId: string;
  issuedAt: string;
  controller: string;
  controllerAddress: string;
  customerId: string;
  decisions: Decision[];
  notices: Map<string, Notice>;
  dataRemoval: ReceiptRemoval;
  followUpOf?: string | null;
}

/** SHA-256 of a notice's text (UTF-8), hex: anyone can recompute it from the published notice. */
export function noticeHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** "Name (email)" and the address as configured: the controller's entity fields. */
function controllerEntity(controller: string, address: string) {
  const match = /^(.*?)\s*\(([^)]+@[^)]+)\)\s*$/.exec(controller);
  const name = match ? match[1] : controller;
  return {
    '@id': `${CFP_NAMESPACE}controller`,
    '@type': 'dpv:DataController',
    'dpv:hasIdentifier': `${CFP_NAMESPACE}controller`,
    'schema:name': name,
    'schema:contactPoint': { '@type': 'schema:ContactPoint', 'schema:email': match?.[2] ?? null },
    'schema:address': address,
  };
}

/** How a decision was made, in DPV terms: who indicated it, its consent type, the method. */
function indication(d: Decision) {
  if (d.method === 'SYSTEM') return { by: 'dpv:DataController', type: 'dpv:InformedConsent', how: 'expired by the service at the end of its term' };
  if (d.method === 'GPC') return { by: 'dpv:DataSubject', type: 'dpv:ExpressedConsent', how: 'Global Privacy Control signal from the browser' };
  return { by: 'dpv:DataSubject', type: 'dpv:ExplicitlyExpressedConsent', how: `${d.method.toLowerCase().replace('_', ' ')} (${d.origin})` };
}

function consentRecord(input: DpvReceiptInput, d: Decision) {
  const notice = input.notices.get(`${d.purpose}@${d.noticeVersion}`);
  const how = indication(d);
  const sharing = d.purpose === Purpose.SHARE_PARTNERS;
  return {
    '@id': `urn:uuid:${d.decisionId}`,
    '@type': 'dpv:ConsentRecord',
    'dct:identifier': d.decisionId,
    'dct:conformsTo': DPV_RECORD_PROFILE,
    'dpv:hasDataSubject': { '@type': 'dpv:DataSubject', 'dct:identifier': input.customerId, 'skos:broader': 'dpv:Customer' },
    'dpv:hasDataController': controllerEntity(input.controller, input.controllerAddress),
    'dpv:hasJurisdiction': 'loc:EU',
    'dpv:hasApplicableLaw': 'eu-gdpr:GDPR',
    'dpv:hasLegalBasis': ['dpv:Consent', 'eu-gdpr:A6-1-a'],
    'dpv:hasNotice': {
      '@id': `${CFP_NAMESPACE}notice/${d.purpose}/${d.noticeVersion}`,
      '@type': 'dpv:ConsentNotice',
      'dct:title': notice?.title ?? d.purpose,
      'dct:hasVersion': String(d.noticeVersion),
      'dct:date': notice?.effectiveAt ?? null,
      'dct:language': 'en',
      'cfp:noticeHash': notice ? noticeHash(notice.text) : null,
    },
    'cfp:purposeId': d.purpose,
    'dpv:hasProcess': {
      '@type': 'dpv:Process',
      'dpv:hasPurpose': DPV_PURPOSES[d.purpose] ?? ['dpv:Purpose'],
      'dpv:hasPersonalData': (notice?.dataCategories ?? []).map((c) => ({ 'skos:broader': DPV_DATA[c] ?? 'dpv:PersonalData', 'dct:title': c })),
      'dpv:hasProcessing': sharing ? ['dpv:Collect', 'dpv:Store', 'dpv:Use', 'dpv:Share'] : ['dpv:Collect', 'dpv:Store', 'dpv:Use'],
      'dpv:hasDataSource': 'dpv:DataSubjectDataSource',
      'dpv:hasRecipient': sharing ? [`${CFP_NAMESPACE}controller`, 'dpv:ThirdParty'] : [`${CFP_NAMESPACE}controller`],
      'dpv:hasStorageCondition': [
        { '@type': 'dpv:StorageDuration', 'dpv:hasDuration': `P${notice?.retentionDays ?? 0}D` },
        { '@type': 'dpv:StorageDeletion', 'dct:description': 'deleted, and unlearned from models, when consent stops counting' },
      ],
    },
    'dpv:hasConsentControl': {
      '@type': ['dpv:ProvideConsent', 'dpv:WithdrawConsent'],
      'dpv:isExercisedAt': 'the Consent page of the preference center (one action each way)',
    },
    'dpv:hasRight': [
      {
        '@type': ['dpv:DataSubjectRight', 'eu-gdpr:A7-3'],
        'dct:title': 'Right to withdraw consent',
        'dpv:isExercisedAt': 'preference center, Consent page',
      },
      {
        '@type': ['dpv:DataSubjectRight', 'eu-gdpr:A15'],
        'dct:title': 'Right of access',
        'dpv:isExercisedAt': 'preference center, My data page (export)',
      },
      {
        '@type': ['dpv:DataSubjectRight', 'eu-gdpr:A17'],
        'dct:title': 'Right to erasure',
        'dpv:isExercisedAt': 'preference center, My data page (erase)',
      },
    ],
    'dpv:hasConsentStatus': {
      '@type': [DPV_STATUS[d.status], how.type],
      'dpv:isIndicatedBy': how.by,
      'dpv:hasIndicationMethod': how.how,
      'dpv:isIndicatedAtTime': d.occurredAt,
      'dpv:hasDuration':
        d.status !== 'GRANTED'
          ? { '@type': 'dpv:UntilEventDuration', 'dct:description': 'the decision stands until the customer decides again' }
          : d.expiresAt
            ? { '@type': 'dpv:UntilTimeDuration', 'dpv:hasValue': d.expiresAt }
            : { '@type': 'dpv:UntilEventDuration', 'dct:description': 'until withdrawn' },
      'cfp:decisionStatus': d.status,
      'cfp:ledgerHash': d.hash,
    },
  };
}

/**
 * The receipt as an ISO/IEC TS 27560 consent receipt in the DPV-27560 `receipt` profile: one
 * consent record per decision, the data-removal report, and the signing key's name. Signed as
 * its JCS form, with the signature kept beside it.
 */
export function dpvReceipt(input: DpvReceiptInput, keyId: string) {
  return {
    '@context': CONTEXT,
    '@id': `urn:uuid:${input.receiptId}`,
    '@type': 'dpv:ConsentReceipt',
    'dct:conformsTo': DPV_RECEIPT_PROFILE,
    'dpv:hasIdentifier': input.receiptId,
    'dct:created': input.issuedAt,
    'dct:audience': 'dpv:DataSubject',
    'dct:creator': input.controller,
    ...(input.followUpOf ? { 'dct:replaces': `urn:uuid:${input.followUpOf}` } : {}),
    'dpv:hasRecordOfActivity': input.decisions.map((d) => consentRecord(input, d)),
    'cfp:dataRemoval': input.dataRemoval,
    'cfp:signature': { algorithm: 'Ed25519' as const, keyId, canonicalization: JCS },
  };
}

export type DpvReceipt = ReturnType<typeof dpvReceipt>;
