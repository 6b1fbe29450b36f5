import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of the plain-language notice for a purpose. */
@Entity('notices')
export class NoticeRecord {
  @PrimaryColumn('varchar', { length: 64 })
  purpose: string;

  @PrimaryColumn('integer')
  version: number;

  @Column('varchar', { length: 200 })
  title: string;

  @Column('text')
  text: string;

  @Column('varchar', { length: 32 })
  effectiveAt: string;

  /** A material change makes earlier grants stop counting until the customer agrees again. */
  @Column('boolean')
  material: boolean;

  @Column('simple-json')
  dataCategories: string[];

  @Column('integer')
  retentionDays: number;
}
