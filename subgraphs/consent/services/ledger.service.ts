import { createHash, randomUUID } from 'node:crypto';
import { In, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { ConsentDecisionRecord, type DecisionMethod, type DecisionStatus } from '../entities/consent-decision.entity.js';
import { ConsentStateRecord } from '../entities/consent-state.entity.js';
import { rawQuery } from '../../shared/raw-sql.js';
import { remembered, type RequestMemo } from '../../shared/request-memo.js';
import { LedgerTombstoneRecord } from '../entities/ledger-tombstone.entity.js';
import { GENESIS_HASH, ledgerEntryHashInput } from '../../shared/consent-proof.js';
import { hashTombstone } from './tombstone.js';

export { GENESIS_HASH };

export interface NewDecision {
  customerId: string;
  purpose: string;
  noticeVersion: number;
  status: DecisionStatus;
  method: DecisionMethod;
  origin: string;
  occurredAt: string;
  expiresAt: string | null;
}

export interface LedgerVerification {
  ok: boolean;
  checked: number;
  /** Erased customers' chains, each proven by a tombstone (hashes only). */
  tombstones: number;
  firstBroken: { seq: number; customerId: string; reason: string } | null;
}

/** The SHA-256 of the fixed-order JSON array a ledger entry's hash covers (published with the chain). */
export function hashDecision(d: NewDecision & { decisionId: string; prevHash: string }): string {
  return createHash('sha256').update(ledgerEntryHashInput(d)).digest('hex');
}

/** Append-only, per-customer hash-chained consent ledger. Callers serialize writes. */
export class LedgerService {
  constructor(private readonly db: DataSource) {}

  /** Appends inside the caller's transaction so the decision and its effects commit together. */
  async append(manager: EntityManager, decision: NewDecision, receiptId: string | null = null): Promise<ConsentDecisionRecord> {
    const last = await manager.findOne(ConsentDecisionRecord, {
      where: { customerId: decision.customerId },
      order: { seq: 'DESC' },
    });
    const withLink = { ...decision, decisionId: randomUUID(), prevHash: last?.hash ?? GENESIS_HASH };
    const record = await manager.save(manager.create(ConsentDecisionRecord, { ...withLink, hash: hashDecision(withLink), receiptId }));
    const { customerId, purpose, status, noticeVersion, occurredAt, expiresAt, decisionId, seq } = record;
    await manager.upsert(ConsentStateRecord, { customerId, purpose, status, noticeVersion, occurredAt, expiresAt, decisionId, decisionSeq: seq }, [
      'customerId',
      'purpose',
    ]);
    return record;
  }

  /** The latest decision per purpose, as kept current by `append`: what the gate reads (once per request). */
  statesOf(customerId: string, memo?: RequestMemo): Promise<ConsentStateRecord[]> {
    return remembered(memo, `states:${customerId}`, () =>
      rawQuery<ConsentStateRecord>(
        this.db,
        'SELECT "customerId", purpose, status, "noticeVersion", "occurredAt", "expiresAt", "decisionId", "decisionSeq" FROM {consent_states} WHERE "customerId" = ?',
        [customerId],
      ),
    );
  }

  decisionsOf(customerId: string, manager: EntityManager = this.db.manager): Promise<ConsentDecisionRecord[]> {
    return manager.find(ConsentDecisionRecord, { where: { customerId }, order: { seq: 'ASC' } });
  }

  /** The ledger position of the customer's latest decision (0: none): what data stored now is tagged with. */
  async versionOf(customerId: string, memo?: RequestMemo): Promise<number> {
    const states = await this.statesOf(customerId, memo);
    return states.reduce((latest, s) => Math.max(latest, s.decisionSeq), 0);
  }

  /** The latest decision per purpose: what the current state is derived from. */
  async latestByPurpose(customerId: string, manager?: EntityManager): Promise<Map<string, ConsentDecisionRecord>> {
    const latest = new Map<string, ConsentDecisionRecord>();
    for (const d of await this.decisionsOf(customerId, manager)) latest.set(d.purpose, d);
    return latest;
  }

  /** The change feed: decisions in ledger order after a sequence number, optionally for some purposes. */
  changesAfter(afterSeq: number, first: number, purposes?: readonly string[]): Promise<ConsentDecisionRecord[]> {
    return this.db.getRepository(ConsentDecisionRecord).find({
      where: { seq: MoreThan(afterSeq), ...(purposes ? { purpose: In([...purposes]) } : {}) },
      order: { seq: 'ASC' },
      take: first,
    });
  }

  /** Recomputes every chain (or one customer's) and names the first entry that does not fit. */
  async verify(customerId?: string): Promise<LedgerVerification> {
    const rows = await this.db.getRepository(ConsentDecisionRecord).find({
      where: customerId ? { customerId } : {},
      order: { seq: 'ASC' },
    });
    const lastHashByCustomer = new Map<string, string>();
    let checked = 0;
    for (const row of rows) {
      checked += 1;
      const expectedPrev = lastHashByCustomer.get(row.customerId) ?? GENESIS_HASH;
      if (row.prevHash !== expectedPrev) {
        return {
          ok: false,
          checked,
          tombstones: 0,
          firstBroken: { seq: row.seq, customerId: row.customerId, reason: 'its link to the previous entry is broken' },
        };
      }
      if (hashDecision(row) !== row.hash) {
        return {
          ok: false,
          checked,
          tombstones: 0,
          firstBroken: { seq: row.seq, customerId: row.customerId, reason: 'its content does not match its hash' },
        };
      }
      lastHashByCustomer.set(row.customerId, row.hash);
    }
    const tombstones = customerId ? [] : await this.db.getRepository(LedgerTombstoneRecord).find({ order: { id: 'ASC' } });
    for (const t of tombstones) {
      if (hashTombstone(t) !== t.hash) {
        return {
          ok: false,
          checked,
          tombstones: tombstones.length,
          firstBroken: { seq: 0, customerId: `tombstone ${t.id}`, reason: 'the tombstone does not match its hash' },
        };
      }
    }
    return { ok: true, checked, tombstones: tombstones.length, firstBroken: null };
  }
}
