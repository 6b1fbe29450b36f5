/** The shapes of the API answers the preference center reads (see gateway/supergraph.graphql). */
export interface Notice {
  version: number;
  title: string;
  text: string;
  effectiveAt: string;
  material: boolean;
  dataCategories: string[];
  retentionDays: number;
}

export interface PurposeInfo {
  id: string;
  alwaysOn: boolean;
  notice: Notice;
  /** Every version so far, oldest first (for "what changed"). */
  versions?: Pick<Notice, 'version' | 'text'>[];
}

export type ConsentStatus = 'GRANTED' | 'DENIED' | 'WITHDRAWN' | 'EXPIRED';

export interface Consent {
  purpose: string;
  granted: boolean;
  status: ConsentStatus | null;
  needsReconsent: boolean;
  noticeVersion: number | null;
  currentNoticeVersion: number;
  decidedAt: string | null;
  expiresAt: string | null;
}

export interface ConsentEvent {
  decisionId: string;
  purpose: string;
  noticeVersion: number;
  status: ConsentStatus;
  method: string;
  occurredAt: string;
}

export interface ConsentReceipt {
  receiptId: string;
  issuedAt: string;
  purposes: string[];
  document: string;
  signature: string;
  algorithm: string;
  keyId: string;
  /** On a follow-up receipt: the receipt whose pending deletions are now complete. */
  followUpOf: string | null;
  dataRemoval: {
    status: string;
    removed: { subgraph: string; purpose: string; category: string; count: number }[];
    pending: { subgraph: string; purpose: string }[];
  } | null;
}

export interface ReceiptPublicKey {
  algorithm: string;
  keyId: string;
  publicKeyPem: string;
}

export interface GpcStatus {
  honored: boolean;
  since: string | null;
  sentNow: boolean;
  deniedPurposes: string[];
  conflicts: { purpose: string; resolution: string; detectedAt: string; explanation: string }[];
}

export type PreferenceKind = 'CATEGORY' | 'BRAND' | 'ATTRIBUTE' | 'PRICE_RANGE';
export type Sentiment = 'LIKE' | 'DISLIKE' | 'NEVER';

export interface StatedPreference {
  id: string;
  kind: PreferenceKind;
  value: string;
  sentiment: Sentiment;
  weight: number;
}

export interface StatedPreferenceInput {
  kind: PreferenceKind;
  value: string;
  sentiment: Sentiment;
  weight?: number;
}

export interface CatalogFacets {
  categories: string[];
  brands: string[];
  attributes: string[];
}

export type ControlAction = 'WITHDRAW_PURPOSE' | 'DISLIKE_CATEGORY' | 'HIDE_ITEM' | 'EDIT_PREFERENCE';

export interface Control {
  action: ControlAction;
  purpose: string | null;
  target: string | null;
  label: string;
}

export interface Reason {
  kind: string;
  text: string;
  weight: number;
  dataUsed: { category: string; purpose: string | null; noticeVersion: number | null }[];
}

export interface Recommendation {
  itemId: string;
  score: number;
  slot: 'KNOWN' | 'ADJACENT' | 'WILDCARD';
  promoted: boolean;
  /** `url`: the item's page in the shop, when the shop has product pages (null otherwise). */
  item: { title: string; category: string; brand: string; price: number; currency: string; url: string | null };
  /** Null when the explanations service did not answer: the list still shows. */
  explanation: { summary: string; reasons: Reason[]; controls: Control[] } | null;
}

export interface RecommendationList {
  decisionId: string;
  personalized: boolean;
  holdout: boolean;
  items: Recommendation[];
}
