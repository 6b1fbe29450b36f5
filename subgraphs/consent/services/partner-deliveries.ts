import { LessThan, type EntityManager } from 'typeorm';
import { grantTopic, type ConsentGrant } from '../../shared/consent-grants.js';
import type { Outbox } from '../../shared/outbox.js';
import type { PartnerRegistration } from '../../shared/partners.js';
import { Purpose } from '../../shared/purposes.js';
import { ConsentDecisionRecord } from '../entities/consent-decision.entity.js';
import type { WithdrawalSubscriber } from './withdrawal-outbox.service.js';

/**
 * A partner is told of a withdrawal (and, through it, the receipt waits for its confirmation) only
 * for purposes in its registered scope, and only for customers who shared with partners when the
 * change was made: a partner learns nothing about anyone else.
 */
export function partnerScoped(subscriber: WithdrawalSubscriber, partner: PartnerRegistration): WithdrawalSubscriber {
  return {
    ...subscriber,
    accepts: async (manager, decision, changeStartSeq) =>
      (partner.allowedPurposes as readonly string[]).includes(decision.purpose) &&
      (await sharedWithPartners(manager, decision.customerId, changeStartSeq)),
  };
}

/** Whether `share.partners` was granted just before the ledger position `seq`. */
async function sharedWithPartners(manager: EntityManager, customerId: string, seq: number): Promise<boolean> {
  const last = await manager.findOne(ConsentDecisionRecord, {
    where: { customerId, purpose: Purpose.SHARE_PARTNERS, seq: LessThan(seq) },
    order: { seq: 'DESC' },
    select: { status: true },
  });
  return last?.status === 'GRANTED';
}

/**
 * Grants pushed to partners through consent's message outbox (relayed with retries; with a message
 * engine, to the partner's durable consumer): for each partner, the granted purposes of this
 * change in its scope, only while the customer shares with partners after the change.
 */
export class PartnerGrantPush {
  constructor(
    readonly outbox: Outbox,
    private readonly partners: readonly PartnerRegistration[],
  ) {}

  /** Inside the change's transaction, after its decisions were appended. */
  async enqueue(manager: EntityManager, customerId: string, written: ConsentDecisionRecord[]): Promise<void> {
    const granted = written.filter((d) => d.status === 'GRANTED');
    if (granted.length === 0 || this.partners.length === 0) return;
    const grantSeq = Math.max(...written.map((d) => d.seq));
    if (!(await sharedWithPartners(manager, customerId, grantSeq + 1))) return;
    for (const partner of this.partners) {
      const purposes = granted.map((d) => d.purpose).filter((p) => (partner.allowedPurposes as readonly string[]).includes(p));
      if (purposes.length === 0) continue;
      const grant: ConsentGrant = { customerId, purposes, grantedAt: granted[0].occurredAt, grantSeq };
      await this.outbox.enqueue(manager, grantTopic(partner.name), customerId, grant);
    }
  }
}
