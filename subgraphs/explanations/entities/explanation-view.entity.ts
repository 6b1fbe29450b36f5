import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An explanation that was shown: which decision and item, and the summary as worded then. */
@Entity('explanation_views')
@Index(['decisionId'])
@Index('explanation_views_shown_once', ['customerId', 'decisionId', 'itemId'], { unique: true })
export class ExplanationViewRecord {
  @PrimaryGeneratedColumn('increment')
  seq: number;

  @Column('varchar', { length: 36 })
  decisionId: string;

  @Column('varchar', { length: 64 })
  itemId: string;

  /** Whose decision it was (null for anonymous visitors), so export and erasure can find it. */
  @Column('varchar', { length: 64, nullable: true })
  customerId: string | null;

  @Column('text')
  summary: string;

  /** The purposes whose data the shown explanation was worded from; null in views recorded before. */
  @Column('simple-json', { nullable: true })
  purposes: string[] | null;

  @Column('varchar', { length: 32 })
  shownAt: string;

  /** The consent version of the decision it explained (null: recorded before versions). */
  @Column('integer', { nullable: true })
  consentVersion: number | null;
}
