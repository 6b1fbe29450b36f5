import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RemovedData } from '../../shared/data-removal.types.js';

/** PENDING: not confirmed yet (retried); DELIVERED: the subscriber reported; DEAD_LETTER: given up on after every retry. */
export type OutboxStatus = 'PENDING' | 'DELIVERED' | 'DEAD_LETTER';

/**
 * Transactional outbox: one row per (revoking decision, subscriber), written in the decision's
 * transaction and retried until the subscriber acknowledges with its report.
 */
@Entity('withdrawal_outbox')
@Index(['status', 'id'])
export class WithdrawalOutboxRecord {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('varchar', { length: 36 })
  receiptId: string;

  @Column('varchar', { length: 36 })
  decisionId: string;

  /** The revoking decision's ledger position (what subscribers raise their watermark to); null on older rows. */
  @Column('integer', { nullable: true })
  decisionSeq: number | null;

  @Column('varchar', { length: 64 })
  customerId: string;

  @Column('varchar', { length: 64 })
  purpose: string;

  @Column('varchar', { length: 24 })
  subscriber: string;

  @Column('varchar', { length: 24 })
  status: OutboxStatus;

  @Column('integer')
  attempts: number;

  @Column('varchar', { length: 255, nullable: true })
  lastError: string | null;

  @Column('simple-json', { nullable: true })
  report: RemovedData[] | null;

  @Column('varchar', { length: 32 })
  createdAt: string;

  @Column('varchar', { length: 32, nullable: true })
  deliveredAt: string | null;
}
