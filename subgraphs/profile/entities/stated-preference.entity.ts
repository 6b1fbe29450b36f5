import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PreferenceKind = 'CATEGORY' | 'BRAND' | 'ATTRIBUTE' | 'PRICE_RANGE';
export type Sentiment = 'LIKE' | 'DISLIKE' | 'NEVER';

/** Something a customer told us they like, dislike or never want to see. */
@Entity('stated_preferences')
@Index(['customerId'])
@Index(['customerId', 'kind', 'value'], { unique: true })
export class StatedPreferenceRecord {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 64 })
  customerId: string;

  @Column('varchar', { length: 24 })
  kind: PreferenceKind;

  @Column('varchar', { length: 64 })
  value: string;

  @Column('varchar', { length: 24 })
  sentiment: Sentiment;

  @Column('double precision')
  weight: number;

  /** The `personalization.stated` notice version in force when this was stored. */
  @Column('integer')
  noticeVersion: number;

  /** The consent version it was stored under (null: stored before versions were recorded). */
  @Column('integer', { nullable: true })
  consentVersion: number | null;

  @Column('varchar', { length: 32 })
  createdAt: string;

  @Column('varchar', { length: 32 })
  updatedAt: string;
}
