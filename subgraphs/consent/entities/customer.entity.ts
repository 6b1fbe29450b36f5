import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer account known to the consent subgraph (the system of record for who exists). */
@Entity('customers')
export class CustomerRecord {
  @PrimaryColumn('varchar', { length: 64 })
  id: string;

  @Column('varchar', { length: 120, nullable: true })
  displayName: string | null;

  @Column('varchar', { length: 32 })
  createdAt: string;

  /** Set on erasure; the row then holds no personal data. */
  @Column('varchar', { length: 32, nullable: true })
  erasedAt: string | null;
}
