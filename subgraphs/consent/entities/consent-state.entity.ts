import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DecisionStatus } from './consent-decision.entity.js';

/**
 * The current state per customer and purpose: the latest ledger decision's fields, written in the
 * same transaction as the ledger append, so the gate reads a handful of rows instead of a ledger.
 * Derived data: the ledger stays the record (and can rebuild this table).
 */
@Entity('consent_states')
export class ConsentStateRecord {
  @PrimaryColumn('varchar', { length: 64 })
  customerId: string;

  @PrimaryColumn('varchar', { length: 64 })
  purpose: string;

  @Column('varchar', { length: 16 })
  status: DecisionStatus;

  @Column('integer')
  noticeVersion: number;

  @Column('varchar', { length: 32 })
  occurredAt: string;

  @Column('varchar', { length: 32, nullable: true })
  expiresAt: string | null;

  @Column('varchar', { length: 36 })
  decisionId: string;

  /** The ledger position of that decision. */
  @Column('integer')
  decisionSeq: number;
}
