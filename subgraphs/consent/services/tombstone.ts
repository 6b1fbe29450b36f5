import { createHash } from 'node:crypto';
import type { LedgerTombstoneRecord } from '../entities/ledger-tombstone.entity.js';

/** The hash a tombstone carries over its own fields (fixed-order JSON, like ledger entries). */
export function hashTombstone(t: Pick<LedgerTombstoneRecord, 'subjectHash' | 'headHash' | 'entryCount' | 'erasedAt'>): string {
  return createHash('sha256')
    .update(JSON.stringify([t.subjectHash, t.headHash, t.entryCount, t.erasedAt]))
    .digest('hex');
}
