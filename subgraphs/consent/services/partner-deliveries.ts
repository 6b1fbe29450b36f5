import { LessThan, type EntityManager } from 'typeorm';
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
