import { createHash } from 'node:crypto';

/**
 * The holdout group: a deterministic share of customers, by a hash of the experiment salt and the
 * customer id, so the same customer always lands in the same group and a new salt reshuffles.
 */
export function isInHoldout(customerId: string, holdout: { share: number; salt: string }): boolean {
  if (holdout.share <= 0) return false;
  const bucket = createHash('sha256').update(`${holdout.salt}:${customerId}`).digest().readUInt32BE(0) / 2 ** 32;
  return bucket < holdout.share;
}
