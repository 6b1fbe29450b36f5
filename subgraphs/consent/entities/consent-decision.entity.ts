import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionStatus = 'GRANTED' | 'DENIED' | 'WITHDRAWN' | 'EXPIRED';
export type DecisionMethod = 'PREFERENCE_CENTER' | 'API' | 'GPC' | 'IMPORT' | 'SYSTEM';

/**
 * One entry of the append-only consent ledger. Each customer's entries form a hash chain:
 * `hash` covers the entry's canonical serialization including `prevHash`. Rows are never updated.
 */
@Entity('consent_decisions')
@Index(['customerId', 'seq'])
export class ConsentDecisionRecord {
  @PrimaryGeneratedColumn('increment')
  seq: number;

  @Column('varchar', { length: 36 })
  decisionId: string;

  @Column('varchar', { length: 64 })
  customerId: string;

  @Column('varchar', { length: 64 })
  purpose: string;

  @Column('integer')
  noticeVersion: number;

  @Column('varchar', { length: 16 })
  status: DecisionStatus;

  @Column('varchar', { length: 24 })
  method: DecisionMethod;

  /** Where the decision came from, e.g. "preference-center" or "seed". */
  @Column('varchar', { length: 64 })
  origin: string;

  @Column('varchar', { length: 32 })
  occurredAt: string;

  @Column('varchar', { length: 32, nullable: true })
  expiresAt: string | null;

  @Column('varchar', { length: 64 })
  prevHash: string;

  @Column('varchar', { length: 64 })
  hash: string;

  /** The receipt issued for this decision; outside the hash (set once, on insert). */
  @Column('varchar', { length: 36, nullable: true })
  receiptId: string | null;
}
