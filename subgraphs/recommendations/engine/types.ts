import type { ContributionSource } from '../../shared/contribution.types.js';

export interface CatalogItem {
  id: string;
  title: string;
  category: string;
  brand: string;
  attributes: string[];
  price: number;
  durable: boolean;
  popularity: number;
}

export interface ContributionValue {
  source: ContributionSource;
  weight: number;
  purpose: string | null;
  noticeVersion: number | null;
  evidence: string[];
  label: string;
}

export type Slot = 'KNOWN' | 'ADJACENT' | 'WILDCARD';

export interface ServedItem {
  itemId: string;
  rank: number;
  category: string;
  score: number;
  slot: Slot;
  promoted: boolean;
  contributions: ContributionValue[];
}

export type Surface = 'HOME' | 'PRODUCT_PAGE' | 'EMAIL';

/** Per-request context: used for this answer only and never stored beyond the decision's summary. */
export interface RequestContext {
  surface: Surface;
  device: string | null;
  locale: string | null;
  pageCategory: string | null;
  viewedItemIds: string[];
}

export interface SlotPolicy {
  known: number;
  adjacent: number;
  wildcard: number;
  /** At most this share of a list from one category. */
  maxCategoryShare: number;
}
