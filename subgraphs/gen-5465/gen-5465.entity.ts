import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Something gen-5465 keeps about a customer, under the purpose it was shared for. */
@Entity('gen_5465_records')
@Index(['customerId'])
export class Gen5465Record {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 64 })
  customerId: string;

  @Column('text')
  text: string;

  /** The purpose it was shared under: a withdrawal of it removes the record. */
  @Column('varchar', { length: 64 })
  purpose: string;

  @Column('varchar', { length: 32 })
  createdAt: string;
}
