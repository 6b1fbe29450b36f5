import { ContributionSource } from '../../shared/contribution.types.js';
import type { CatalogIndex } from './catalog-index.js';
import { round } from './contribution.js';
import type { CatalogItem, ContributionValue, RequestContext } from './types.js';

/** What is being scored: the item, and what its contributions may name. */
export interface ScoringScope {
  readonly item: CatalogItem;
  readonly catalog: CatalogIndex;
  readonly context: RequestContext;
}

/**
 * What a contribution points to and how it reads. A plain function of a subject the caller already
 * has, so scoring for ranking allocates nothing for it; it only runs when the score is explained.
 */
export type Describe<T> = (subject: T, scope: ScoringScope) => { evidence: string[]; label: string };

/**
 * Adds up one item's contributions. Ranking needs only the total, so candidates are scored with
 * `explain: false` (no contribution objects, labels or evidence built); the items that are served
 * are scored again with `explain: true` through the very same code, which is what keeps every
 * served score equal to the sum of its contributions.
 */
export class ScoreBuilder implements ScoringScope {
  /** Running sum of the rounded weights, in the order they were added (as `sumOf` adds them). */
  private total = 0;
  personal = false;
  contributions: ContributionValue[] = NONE;
  item!: CatalogItem;

  /** One builder scores many items in turn (`start` each), so ranking allocates no builder per item. */
  constructor(
    readonly catalog: CatalogIndex,
    readonly context: RequestContext,
    readonly explain: boolean,
  ) {}

  start(item: CatalogItem): this {
    this.item = item;
    this.total = 0;
    this.personal = false;
    this.contributions = this.explain ? [] : NONE;
    return this;
  }

  get score(): number {
    return round(this.total);
  }

  /** A contribution that adds nothing (a source tuned off) is left out; a promotion is disclosed even at zero. */
  add<T>(source: ContributionSource, weight: number, purpose: string | null, noticeVersion: number | null, describe: Describe<T>, subject: T): void {
    const rounded = round(weight);
    if (rounded === 0 && source !== ContributionSource.PROMOTED) return;
    this.total += rounded;
    this.personal ||= purpose !== null;
    if (this.explain) this.contributions.push({ source, weight: rounded, purpose, noticeVersion, ...describe(subject, this) });
  }
}

/** What an unexplained score carries: nothing (frozen, so nothing can be added to it by mistake). */
const NONE: ContributionValue[] = Object.freeze([]) as unknown as ContributionValue[];
