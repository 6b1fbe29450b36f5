import { createHash, randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, LessThanOrEqual, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { rawQuery } from '../../shared/raw-sql.js';
import type { Clock } from '../../shared/clock.js';
import type { Config } from '../../shared/config.js';
import { withoutRequestContext, withoutWithdrawnData } from '../../shared/contribution.types.js';
import { gateSignals, isGranted } from '../../shared/gate.js';
import { GroupCommit, insertNew } from '../../shared/group-commit.js';
import type { Transactions } from '../../shared/transactions.js';
import { admittedPurposes, erasedInBatch, raiseWatermark } from '../../shared/withdrawal-watermark.js';
import type { WithdrawalBounds } from '../../shared/withdrawal.resolver.js';
import { Purpose } from '../../shared/purposes.js';
import { DecisionRecord } from '../entities/decision.entity.js';
import { recommend } from '../engine/recommend.js';
import type { ContributionValue, RequestContext } from '../engine/types.js';
import type { CatalogService } from './catalog.service.js';
import { isInHoldout } from './holdout.js';
import { consentLevelOf, shownItemOf } from '../measurement/decision-summary.js';
import type { ModelService } from './model.service.js';
import type { OverrideService } from './override.service.js';

export const MODEL_VERSION = 'cooc-v2';
export const MAX_ITEMS = 50;
/** Impressions counted for saturation: decisions of the last two weeks, at most this many. */
const IMPRESSION_DECISIONS = 50;
const IMPRESSION_WINDOW_MS = 14 * 86_400_000;

export interface DecisionRequest {
  customerId: string | null;
  /** Straight from `@requires`: passed through the consent gate here, before any scoring. */
  grantedPurposes: unknown;
  storedSignals: unknown;
  /** Straight from `@requires` too: the consent version the grants were read at (missing: nothing of the customer's is logged as evidence). */
  consentVersion?: unknown;
  context: RequestContext;
  first: number;
}

export interface DecisionDeps {
  catalog: CatalogService;
  model: ModelService;
  overrides: OverrideService;
  /** The subgraph's one transaction helper (shared: on SQLite it also takes turns on the connection). */
  tx: Transactions;
  clock: Clock;
  config: Pick<Config, 'holdout' | 'slotPolicies' | 'frequencyCapPerDay'>;
}

/** Decides a list, logs the decision under a fresh id, and reads decisions back. */
export class DecisionService {
  private readonly tx: Transactions;
  /** Decisions are logged in group commits; each list is answered once its decision has committed. */
  private readonly log: GroupCommit<DecisionRecord>;

  constructor(
    private readonly db: DataSource,
    private readonly deps: DecisionDeps,
  ) {
    this.tx = deps.tx;
    this.log = new GroupCommit(deps.tx, logDecisions);
  }

  async decide(request: DecisionRequest): Promise<DecisionRecord> {
    const { customerId, context } = request;
    const signals = gateSignals(request.grantedPurposes, request.storedSignals);
    // Holdout only means something to someone we could have personalized for.
    const holdout = customerId !== null && signals.length > 0 && isInHoldout(customerId, this.deps.config.holdout);
    // What the customer was shown is counted and used only under browsing consent (saturation, the frequency cap).
    const browsingCounted = customerId !== null && !holdout && isGranted(request.grantedPurposes, Purpose.BEHAVIORAL);
    const shown = browsingCounted ? await this.impressionsOf(customerId) : undefined;
    const [catalog, model, overrides] = await Promise.all([
      this.deps.catalog.current(),
      this.deps.model.current(),
      this.deps.overrides.active(context.surface),
    ]);
    const policy = this.deps.config.slotPolicies[context.surface];
    const now = this.deps.clock.now();
    const result = recommend({
      catalog,
      signals: holdout ? [] : signals,
      context,
      first: request.first,
      policy,
      model,
      now,
      overrides,
      impressions: shown?.recent,
      capped: shown?.cappedToday,
      holdout,
    });
    const record = Object.assign(new DecisionRecord(), {
      decisionId: randomUUID(),
      customerId,
      surface: context.surface,
      inputs: {
        signalsUsedPerPurpose: holdout ? {} : result.usedPerPurpose,
        context: { surface: context.surface, pageCategoryGiven: context.pageCategory !== null, sessionItemCount: context.viewedItemIds.length },
        candidates: result.candidates,
        overrideIds: overrides.map((o) => o.id),
      },
      policy: { ...policy },
      items: result.items,
      modelVersion: `${MODEL_VERSION}@${model.version}`,
      holdout,
      personalized: result.personalized,
      createdAt: now.toISOString(),
      consentVersion: customerId ? consentVersionOf(request.consentVersion) : null,
      impressionItemIds: browsingCounted ? result.items.map((i) => i.itemId) : [],
      consentLevel: customerId ? consentLevelOf(request.grantedPurposes) : null,
      shown: customerId ? result.items.map(shownItemOf) : null,
    });
    // An anonymous list is the same for everyone in the same context: logged once per hour it is served in.
    if (customerId === null) record.decisionId = anonymousDecisionId(storedForm(record, []), now);
    await this.log.add(record);
    return record;
  }

  find(decisionId: string): Promise<DecisionRecord | null> {
    return this.db.getRepository(DecisionRecord).findOneBy({ decisionId });
  }

  /** A customer's own decision log, newest first. */
  listFor(customerId: string, first: number): Promise<DecisionRecord[]> {
    return this.db.getRepository(DecisionRecord).find({ where: { customerId }, order: { createdAt: 'DESC', decisionId: 'ASC' }, take: first });
  }

  /**
   * Withdrawal: the customer's decisions logged up to `bounds.upTo` (null: all) keep each
   * contribution of the withdrawn purpose (weight, purpose, notice version) but lose its evidence.
   * Returns how many were redacted.
   */
  async redactPurpose(customerId: string, purpose: string, bounds: WithdrawalBounds): Promise<number> {
    return this.tx.run(async (manager) => {
      let redacted = 0;
      // With the withdrawal's ledger position: raise the watermark first (a decision still storing
      // waits, then is redacted here; one that stores later strips it itself), then redact what
      // was decided under earlier consent versions. Without it: up to `upTo`.
      if (bounds.withdrawalSeq !== null) await raiseWatermark(manager, customerId, purpose, bounds.withdrawalSeq);
      const upTo = bounds.upTo === null ? undefined : LessThanOrEqual(bounds.upTo);
      const where: FindOptionsWhere<DecisionRecord>[] =
        bounds.withdrawalSeq !== null
          ? [
              { customerId, consentVersion: LessThanOrEqual(bounds.withdrawalSeq) },
              { customerId, consentVersion: IsNull() },
            ]
          : [{ customerId, createdAt: upTo }];
      for (const decision of await manager.find(DecisionRecord, { where })) {
        let changed = 0;
        const items = decision.items.map((item) => ({
          ...item,
          contributions: item.contributions.map((c) => {
            const kept = withoutWithdrawnData(c, purpose);
            if (kept !== c) changed += 1;
            return kept;
          }),
        }));
        if (changed === 0) continue;
        await manager.update(DecisionRecord, { decisionId: decision.decisionId }, { items });
        redacted += changed;
      }
      return redacted;
    });
  }

  /**
   * How often each item was shown to the customer lately (for saturation), and which items reached
   * the frequency cap today (UTC) across surfaces. Only lists decided while browsing was granted
   * count: what was shown before `personalization.behavioral` was granted (or while it was not) is
   * not used under it.
   */
  private async impressionsOf(customerId: string): Promise<{ recent: Map<string, number>; cappedToday: Set<string> }> {
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - IMPRESSION_WINDOW_MS).toISOString();
    const today = now.toISOString().slice(0, 10);
    // Read on every personalized list: hand-written, and only the compact impressions column.
    const recent = (
      await rawQuery<{ decisionId: string; createdAt: string; impressionItemIds: string | null }>(
        this.db,
        'SELECT "decisionId", "createdAt", "impressionItemIds" FROM {decisions} WHERE "customerId" = ? AND "createdAt" > ? ORDER BY "createdAt" DESC LIMIT ?',
        [customerId, since, IMPRESSION_DECISIONS],
      )
    ).map((d) => ({
      decisionId: d.decisionId,
      today: d.createdAt.startsWith(today),
      impressionItemIds: d.impressionItemIds === null ? null : (JSON.parse(d.impressionItemIds) as string[]),
    }));
    const shown = recent.flatMap((d) => d.impressionItemIds ?? []);
    // Rows logged before impressions had their own column: read the whole decision.
    const older = recent.filter((d) => d.impressionItemIds === null).map((d) => d.decisionId);
    if (older.length > 0) {
      for (const d of await this.db.getRepository(DecisionRecord).find({ where: { decisionId: In(older) }, select: { items: true, inputs: true } })) {
        if (d.inputs.signalsUsedPerPurpose[Purpose.BEHAVIORAL]) shown.push(...d.items.map((i) => i.itemId));
      }
    }
    const shownToday = countOf(recent.filter((d) => d.today).flatMap((d) => d.impressionItemIds ?? []));
    const cap = this.deps.config.frequencyCapPerDay;
    return { recent: countOf(shown), cappedToday: new Set([...shownToday].filter(([, n]) => n >= cap).map(([itemId]) => itemId)) };
  }

  /** Deletes anonymous decisions logged before `cutoff`; returns how many. */
  async purgeAnonymousBefore(cutoff: Date): Promise<number> {
    const result = await this.tx.run((manager) =>
      manager.delete(DecisionRecord, { customerId: IsNull(), createdAt: LessThan(cutoff.toISOString()) }),
    );
    return result.affected ?? 0;
  }
}

/**
 * The form a decision is logged in: every contribution's weight, but not what the request context
 * was, nor what a purpose withdrawn after the request read its grants said.
 */
function storedForm(record: DecisionRecord, withdrawn: string[]): DecisionRecord {
  const stored = (c: ContributionValue) => withdrawn.reduce((kept, purpose) => withoutWithdrawnData(kept, purpose), withoutRequestContext(c));
  return { ...record, items: record.items.map((item) => ({ ...item, contributions: item.contributions.map(stored) })) };
}

/**
 * Logs a batch of decisions in one transaction. Purposes withdrawn after a decision read its grants
 * are checked against the watermarks inside it (the withdrawal's clean-up may have run already, on
 * any instance). An anonymous decision already logged this hour is kept as it was.
 */
async function logDecisions(manager: EntityManager, records: DecisionRecord[]): Promise<void> {
  const rows: DecisionRecord[] = [];
  const erased = erasedInBatch(manager);
  for (const record of records) {
    // A list served to the token of a customer erased here is answered but not logged.
    if (record.customerId && (await erased(record.customerId))) continue;
    const used = [...new Set(record.items.flatMap((i) => i.contributions.map((c) => c.purpose)).filter((p): p is string => p !== null))];
    const admitted =
      record.customerId && record.consentVersion !== null
        ? await admittedPurposes(manager, record.customerId, used, record.consentVersion)
        : new Set<string>();
    rows.push(
      storedForm(
        record,
        used.filter((p) => !admitted.has(p)),
      ),
    );
  }
  await insertNew(manager, DecisionRecord, rows);
}

/** A UUID-shaped id derived from what an anonymous decision logs and the hour it is served in. */
function anonymousDecisionId(stored: DecisionRecord, now: Date): ReturnType<typeof randomUUID> {
  const { decisionId: _id, createdAt: _at, ...content } = stored;
  const hex = createHash('sha256')
    .update(`${now.toISOString().slice(0, 13)}\n${JSON.stringify(content)}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function countOf(itemIds: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const itemId of itemIds) counts.set(itemId, (counts.get(itemId) ?? 0) + 1);
  return counts;
}

/** A consent version from `@requires`; anything else counts as none (nothing of the customer's kept as evidence). */
function consentVersionOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}
