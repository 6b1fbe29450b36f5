import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What remains of an erased customer's ledger: proof that a chain of `entryCount` entries ending
 * in `headHash` existed, under a keyed hash of the customer id. No personal data.
 */
@Entity('ledger_tombstones')
export class LedgerTombstoneRecord {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('varchar', { length: 64 })
  subjectHash: string;

  @Column('varchar', { length: 64 })
  headHash: string;

  @Column('integer')
  entryCount: number;

  @Column('varchar', { length: 32 })
  erasedAt: string;

  /** sha256 over the fields above, so a tampered tombstone is detected too. */
  @Column('varchar', { length: 64 })
  hash: string;
}
