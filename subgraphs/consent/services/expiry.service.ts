import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import type { DecisionRecorder } from './decision-recorder.js';
import type { LedgerService, NewDecision } from './ledger.service.js';

/**
 * Grants with an expiry stop counting the moment it passes (the derived state reads EXPIRED at
 * once); this service also writes that lapse into the ledger as an EXPIRED entry dated at the
 * expiry, which fans out like a withdrawal and gets a receipt.
 */
export class ExpiryService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly recorder: DecisionRecorder,
    private readonly clock: Clock,
  ) {}

  /** Records every lapsed grant (of one customer, or of everyone). */
  async recordLapsed(customerId?: string): Promise<number> {
    const now = this.clock.now().toISOString();
    const query = this.db
      .getRepository(ConsentDecisionRecord)
      .createQueryBuilder('d')
      .select('DISTINCT d.customerId', 'customerId')
      .where("d.status = 'GRANTED' AND d.expiresAt IS NOT NULL AND d.expiresAt <= :now", { now });
    if (customerId) query.andWhere('d.customerId = :customerId', { customerId });
    let recorded = 0;
    for (const { customerId: id } of await query.getRawMany<{ customerId: string }>()) {
      if (lapsed(await this.ledger.latestByPurpose(id), now).length === 0) continue;
      // Re-read inside the lock: a concurrent sweep or decision may have moved on.
      const result = await this.recorder.record(id, async (manager) => lapsed(await this.ledger.latestByPurpose(id, manager), now));
      recorded += result.decisions.length;
    }
    return recorded;
  }
}

function lapsed(latest: Map<string, ConsentDecisionRecord>, now: string): NewDecision[] {
  return [...latest.values()]
    .filter((d) => d.status === 'GRANTED' && d.expiresAt !== null && d.expiresAt <= now)
    .map((d) => ({
      customerId: d.customerId,
      purpose: d.purpose,
      noticeVersion: d.noticeVersion,
      status: 'EXPIRED',
      method: 'SYSTEM',
      origin: 'expiry',
      occurredAt: d.expiresAt!,
      expiresAt: null,
    }));
}
