import { Brackets, type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { Purpose } from '../../shared/purposes.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import type { DecisionRecorder } from './decision-recorder.js';
import type { LedgerService, NewDecision } from './ledger.service.js';
import type { NoticeService } from './notice.service.js';

/** A model.training grant made before this notice version no longer counts (null: none such). */
interface TrainingSupersession {
  version: number;
  effectiveAt: string;
}

/**
 * Grants stop counting the moment they lapse (the derived state reads EXPIRED or needs re-consent
 * at once); this service also writes the lapse into the ledger as an EXPIRED entry, which fans out
 * like a withdrawal and gets a receipt. Two kinds of lapse are recorded:
 * - a grant whose expiry has passed (dated at the expiry);
 * - a `model.training` grant superseded by a material notice change (dated when the new notice took
 *   effect): unlike the other purposes, whose data simply stops being used until the customer agrees
 *   again, that customer's data keeps shaping everyone's recommendations until it is unlearned.
 */
export class ExpiryService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly notices: NoticeService,
    private readonly recorder: DecisionRecorder,
    private readonly clock: Clock,
  ) {}

  /** Records every lapsed grant (of one customer, or of everyone). */
  async recordLapsed(customerId?: string): Promise<number> {
    const now = this.clock.now().toISOString();
    const supersession = await this.trainingSupersession();
    const query = this.db
      .getRepository(ConsentDecisionRecord)
      .createQueryBuilder('d')
      .select('DISTINCT d.customerId', 'customerId')
      .where(
        new Brackets((lapse) => {
          lapse.where("d.status = 'GRANTED' AND d.expiresAt IS NOT NULL AND d.expiresAt <= :now", { now });
          if (supersession) {
            lapse.orWhere("d.status = 'GRANTED' AND d.purpose = :training AND d.noticeVersion < :version", {
              training: Purpose.MODEL_TRAINING,
              version: supersession.version,
            });
          }
        }),
      );
    if (customerId) query.andWhere('d.customerId = :customerId', { customerId });
    let recorded = 0;
    for (const { customerId: id } of await query.getRawMany<{ customerId: string }>()) {
      if (lapsed(await this.ledger.latestByPurpose(id), now, supersession).length === 0) continue;
      // Re-read inside the lock: a concurrent sweep or decision may have moved on.
      const result = await this.recorder.record(id, async (manager) => lapsed(await this.ledger.latestByPurpose(id, manager), now, supersession));
      recorded += result.decisions.length;
    }
    return recorded;
  }

  private async trainingSupersession(): Promise<TrainingSupersession | null> {
    const current = await this.notices.currentNotices();
    const version = this.notices.lastMaterialVersion(Purpose.MODEL_TRAINING, current);
    const notice = current.get(Purpose.MODEL_TRAINING)?.history.find((n) => n.version === version);
    return notice && version > 1 ? { version, effectiveAt: notice.effectiveAt } : null;
  }
}

function lapsed(latest: Map<string, ConsentDecisionRecord>, now: string, supersession: TrainingSupersession | null): NewDecision[] {
  const out: NewDecision[] = [];
  for (const d of latest.values()) {
    if (d.status !== 'GRANTED') continue;
    const expired = d.expiresAt !== null && d.expiresAt <= now;
    const superseded = supersession !== null && d.purpose === Purpose.MODEL_TRAINING && d.noticeVersion < supersession.version;
    if (!expired && !superseded) continue;
    out.push({
      customerId: d.customerId,
      purpose: d.purpose,
      noticeVersion: d.noticeVersion,
      status: 'EXPIRED',
      method: 'SYSTEM',
      origin: expired ? 'expiry' : 'material notice change',
      occurredAt: expired ? d.expiresAt! : supersession!.effectiveAt > d.occurredAt ? supersession!.effectiveAt : d.occurredAt,
      expiresAt: null,
    });
  }
  return out;
}
