import { In, IsNull, LessThanOrEqual, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { ContributionSource, WITHDRAWN_DATA_LABEL, withoutRequestContext, type Contribution } from '../../shared/contribution.types.js';
import type { RemovedData } from '../../shared/data-removal.types.js';
import type { WithdrawalBounds } from '../../shared/withdrawal.resolver.js';
import { GroupCommit, insertNew } from '../../shared/group-commit.js';
import type { Transactions } from '../../shared/transactions.js';
import { admittedPurposes, erasedInBatch, raiseWatermark } from '../../shared/withdrawal-watermark.js';
import { isPurposeId } from '../../shared/purposes.js';
import { ExplanationViewRecord } from '../entities/explanation-view.entity.js';
import type { Control, Explanation, Reason } from '../types/explanation.types.js';
import { ControlAction } from '../types/explanation.types.js';
import { HOLDOUT_TEXT, WITHDRAW_LABELS, dataCategoryOf, reasonText } from './wording.js';

export const EXPLANATIONS_SHOWN_CATEGORY = 'explanations shown';

export interface ExplainInput {
  decisionId: string;
  itemId: string;
  category: unknown;
  contributions: unknown;
  /** From `@requires`: the consent version the decision read its grants at. */
  consentVersion?: unknown;
}

/** Renders explanations from contributions, faithfully: one reason per contribution, same weights. */
export class ExplanationService {
  private readonly views: GroupCommit<ShownView>;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.views = new GroupCommit(tx, storeViews);
  }

  explain(input: ExplainInput): Explanation {
    const contributions = wellFormed(input.contributions);
    const category = typeof input.category === 'string' ? input.category : null;
    const reasons: Reason[] = contributions
      .map((c) => ({
        kind: c.source,
        text: reasonText(c.source, c.label, c.purpose, c.weight),
        weight: c.weight,
        dataUsed: [{ category: dataCategoryOf(c.purpose, c.source), purpose: c.purpose, noticeVersion: c.noticeVersion }],
        evidence: c.evidence,
      }))
      .sort((a, b) => b.weight - a.weight);
    return { summary: summarize(reasons), reasons, controls: controlsFor(contributions, input.itemId, category) };
  }

  /**
   * Keeps a record of what was shown, so a customer's export can include it: once per item of a
   * decision however often it is read, committed together with other requests' records (group
   * commit) before the answer goes out.
   */
  async recordShown(input: ExplainInput, customerId: string): Promise<void> {
    // Worded from the stored form of the contributions, so the request context is not kept here either.
    const stored = wellFormed(input.contributions).map(withoutRequestContext);
    const { summary } = this.explain({ ...input, contributions: stored });
    // Purposes whose data the wording used; already-withdrawn (redacted) contributions used none.
    const purposes = [
      ...new Set(
        stored
          .filter((c) => c.label !== WITHDRAWN_DATA_LABEL)
          .map((c) => c.purpose)
          .filter((p): p is string => p !== null),
      ),
    ].sort();
    const { decisionId, itemId } = input;
    const consentVersion = typeof input.consentVersion === 'number' && Number.isInteger(input.consentVersion) ? input.consentVersion : null;
    // Worded from personal data of an unknown consent state: not kept (fail closed).
    if (consentVersion === null && purposes.length > 0) return;
    await this.views.add({ decisionId, itemId, customerId, summary, purposes, consentVersion, shownAt: this.clock.now().toISOString() });
  }

  /**
   * Withdrawal: deletes the customer's explanations shown up to `bounds.upTo` (null: all) that were
   * worded from the withdrawn purpose's data (and, not knowing, those recorded before purposes were kept).
   */
  async applyWithdrawal(customerId: string, purpose: string, bounds: WithdrawalBounds): Promise<RemovedData[]> {
    const count = await this.tx.run(async (manager) => {
      // With the withdrawal's ledger position: raise the watermark, then take the views of decisions
      // made under earlier consent versions; without it, those shown up to `upTo`.
      if (bounds.withdrawalSeq !== null) await raiseWatermark(manager, customerId, purpose, bounds.withdrawalSeq);
      const shownAt = bounds.upTo === null ? undefined : LessThanOrEqual(bounds.upTo);
      const where: FindOptionsWhere<ExplanationViewRecord>[] =
        bounds.withdrawalSeq !== null
          ? [
              { customerId, consentVersion: LessThanOrEqual(bounds.withdrawalSeq) },
              { customerId, consentVersion: IsNull() },
            ]
          : [{ customerId, shownAt }];
      const views = await manager.find(ExplanationViewRecord, { where, select: { seq: true, purposes: true } });
      const seqs = views.filter((v) => v.purposes === null || v.purposes.includes(purpose)).map((v) => v.seq);
      if (seqs.length > 0) await manager.delete(ExplanationViewRecord, { seq: In(seqs) });
      return seqs.length;
    });
    return count > 0 ? [{ category: EXPLANATIONS_SHOWN_CATEGORY, count }] : [];
  }
}

type ShownView = Omit<ExplanationViewRecord, 'seq'>;

/**
 * Stores a batch of shown explanations. One worded from a purpose withdrawn after its decision
 * read the grants is dropped (checked against the watermarks in this transaction: the
 * withdrawal's clean-up may have run already, on any instance); one already recorded is kept as it was.
 */
async function storeViews(manager: EntityManager, views: ShownView[]): Promise<void> {
  // One watermark check per customer and consent version, for all the purposes their views used.
  const groups = new Map<string, ShownView[]>();
  for (const view of views) {
    const key = `${view.customerId}\u0000${view.consentVersion}`;
    groups.set(key, [...(groups.get(key) ?? []), view]);
  }
  const kept: ShownView[] = [];
  const erased = erasedInBatch(manager);
  for (const group of groups.values()) {
    const { customerId, consentVersion } = group[0];
    if (await erased(customerId!)) continue;
    const allowed = await admittedPurposes(manager, customerId!, [...new Set(group.flatMap((v) => v.purposes ?? []))], consentVersion ?? 0);
    kept.push(...group.filter((v) => (v.purposes ?? []).every((p) => allowed.has(p))));
  }
  await insertNew(manager, ExplanationViewRecord, kept);
}

/** The strongest reason in one sentence; a promotion and the holdout are always said first. */
function summarize(reasons: Reason[]): string {
  if (reasons.some((r) => r.kind === ContributionSource.HOLDOUT)) return `${HOLDOUT_TEXT} None of your personal data was used.`;
  if (reasons.length === 0) return 'We have no particular reason: this is one of our general suggestions.';
  const promoted = reasons.find((r) => r.kind === ContributionSource.PROMOTED);
  const [top, ...rest] = promoted ? [promoted, ...reasons.filter((r) => r !== promoted)] : reasons;
  const personal = reasons.some((r) => r.dataUsed.some((d) => d.purpose !== null));
  const suffix = rest.length === 0 ? '' : ` (and ${rest.length} more reason${rest.length === 1 ? '' : 's'})`;
  const note = personal ? '' : ' None of your personal data was used.';
  return `${top.text.replace(/\.$/, '')}${suffix}.${note}`;
}

function controlsFor(contributions: Contribution[], itemId: string, category: string | null): Control[] {
  const controls: Control[] = [];
  // A purpose already withdrawn (its stored evidence redacted) has nothing left to withdraw.
  const live = contributions.filter((c) => c.label !== WITHDRAWN_DATA_LABEL);
  const purposes = new Set(live.map((c) => c.purpose).filter((p): p is string => p !== null));
  for (const purpose of purposes) {
    controls.push({ action: ControlAction.WITHDRAW_PURPOSE, purpose, target: null, label: WITHDRAW_LABELS[purpose] ?? `Withdraw ${purpose}` });
  }
  for (const c of live) {
    if (c.source === ContributionSource.STATED_PREFERENCE) {
      for (const id of c.evidence)
        controls.push({ action: ControlAction.EDIT_PREFERENCE, purpose: c.purpose, target: id, label: `Edit “${c.label}”` });
    }
  }
  if (category) controls.push({ action: ControlAction.DISLIKE_CATEGORY, purpose: null, target: category, label: `Show me less ${category}` });
  controls.push({ action: ControlAction.HIDE_ITEM, purpose: null, target: itemId, label: 'Hide this item' });
  return controls;
}

const SOURCES = new Set<string>(Object.values(ContributionSource));

/** Malformed requirements explain nothing rather than something untrue. */
function wellFormed(value: unknown): Contribution[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (c): c is Contribution =>
      typeof c === 'object' &&
      c !== null &&
      SOURCES.has(c.source) &&
      typeof c.weight === 'number' &&
      (c.purpose === null || isPurposeId(c.purpose)) &&
      Array.isArray(c.evidence) &&
      typeof c.label === 'string',
  );
}
