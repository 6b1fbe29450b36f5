import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { AppError, ErrorCode } from '../../shared/errors.js';
import type { Transactions } from '../../shared/transactions.js';
import { GPC_DENIED_PURPOSES } from '../../shared/purposes.js';
import type { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import { GpcConflictRecord, GpcSignalRecord } from '../entities/gpc.entity.js';
import type { DecisionRecorder } from './decision-recorder.js';
import type { LedgerService, NewDecision } from './ledger.service.js';

export interface GpcState {
  honored: boolean;
  since: string | null;
  conflicts: GpcConflictRecord[];
}

/**
 * Global Privacy Control. A signed-in request with `Sec-GPC: 1` is recorded for the customer and
 * denies sale/share and marketing purposes. An earlier explicit grant loses (GPC wins) and the
 * conflict is logged; a grant made after the customer was shown a conflict for that purpose stands.
 */
export class GpcService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly recorder: DecisionRecorder,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** Called for requests carrying GPC; writes only when something changes. */
  async observe(customerId: string): Promise<void> {
    const [signal, overridden] = await Promise.all([
      this.db.getRepository(GpcSignalRecord).findOneBy({ customerId }),
      this.unexplainedGrants(customerId, this.db.manager),
    ]);
    if (signal && overridden.length === 0) return;
    await this.recorder.record(customerId, async (manager) => {
      const now = this.clock.now().toISOString();
      if (!(await manager.findOneBy(GpcSignalRecord, { customerId }))) {
        await manager.insert(GpcSignalRecord, { customerId, firstSeenAt: now, origin: 'Sec-GPC request header' });
      }
      const grants = await this.unexplainedGrants(customerId, manager);
      for (const grant of grants) {
        await manager.insert(GpcConflictRecord, {
          customerId,
          purpose: grant.purpose,
          grantDecisionId: grant.decisionId,
          grantedAt: grant.occurredAt,
          detectedAt: now,
          resolution: 'GPC_HONORED',
        });
      }
      return grants.map((grant): NewDecision => ({
        customerId,
        purpose: grant.purpose,
        noticeVersion: grant.noticeVersion,
        status: 'DENIED',
        method: 'GPC',
        origin: 'sec-gpc',
        occurredAt: now,
        expiresAt: null,
      }));
    });
  }

  /**
   * Before granting a GPC-covered purpose from a browser that sends GPC on this request: unless a
   * conflict for it was already shown, log one and explain; granting again then stands. A grant
   * from a browser that does not send the signal is an explicit choice with nothing to conflict
   * with (the signal on record no longer speaks for this browser). `titleOf` names a purpose as
   * its notice does, so the explanation says what stays off in the customer's words.
   */
  async assertGrantsExplained(
    customerId: string,
    grantedPurposes: string[],
    requestGpc: boolean,
    titleOf: (purpose: string) => string,
  ): Promise<void> {
    const covered = grantedPurposes.filter((p) => (GPC_DENIED_PURPOSES as readonly string[]).includes(p));
    if (covered.length === 0 || !requestGpc) return;
    const conflicts = await this.db.getRepository(GpcConflictRecord).findBy({ customerId });
    const unexplained = covered.filter((p) => !conflicts.some((c) => c.purpose === p));
    if (unexplained.length === 0) return;
    const now = this.clock.now().toISOString();
    await this.tx.queued(() =>
      this.db.getRepository(GpcConflictRecord).insert(
        unexplained.map((purpose) => ({
          customerId,
          purpose,
          grantDecisionId: null,
          grantedAt: null,
          detectedAt: now,
          resolution: 'EXPLAINED' as const,
        })),
      ),
    );
    throw new AppError(
      ErrorCode.CONFLICT,
      `Your browser sends Global Privacy Control, which asks us not to sell or share your data or use it for marketing, so ${inWords(unexplained.map(titleOf))} ${unexplained.length === 1 ? 'stays' : 'stay'} off. If you still want ${unexplained.length === 1 ? 'it' : 'them'} on, choose again: we will then follow your explicit choice.`,
      { purposes: unexplained, gpc: true },
    );
  }

  async status(customerId: string): Promise<GpcState> {
    const [signal, conflicts] = await Promise.all([
      this.db.getRepository(GpcSignalRecord).findOneBy({ customerId }),
      this.db.getRepository(GpcConflictRecord).find({ where: { customerId }, order: { id: 'ASC' } }),
    ]);
    return { honored: signal !== null, since: signal?.firstSeenAt ?? null, conflicts };
  }

  /** GPC-covered purposes granted now by a grant that no shown conflict preceded. */
  private async unexplainedGrants(customerId: string, manager: EntityManager): Promise<ConsentDecisionRecord[]> {
    const [latest, conflicts] = await Promise.all([
      this.ledger.latestByPurpose(customerId, manager),
      manager.findBy(GpcConflictRecord, { customerId }),
    ]);
    return GPC_DENIED_PURPOSES.map((p) => latest.get(p)).filter(
      (d): d is ConsentDecisionRecord =>
        d !== undefined && d.status === 'GRANTED' && !conflicts.some((c) => c.purpose === d.purpose && c.detectedAt <= d.occurredAt),
    );
  }
}

/** “A”, “A” and “B”, “A”, “B” and “C”: titles quoted, as a sentence lists them. */
function inWords(titles: string[]): string {
  const quoted = titles.map((t) => `“${t}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
