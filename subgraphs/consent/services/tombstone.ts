import { createHash } from 'node:crypto';
import { tombstoneHashInput, type TombstoneFields } from '../../shared/consent-proof.js';

/** The hash a tombstone carries over its own fields (fixed-order JSON, like ledger entries). */
export function hashTombstone(t: TombstoneFields): string {
  return createHash('sha256').update(tombstoneHashInput(t)).digest('hex');
}
