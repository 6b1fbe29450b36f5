import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One interaction forwarded by the profile subgraph because its customer granted `model.training`
 * when it arrived. Minimized: item, channel, locale, time and the purpose its event was collected
 * under. Deleted (and unlearned at the same moment) when the customer withdraws `model.training` or
 * that purpose, is erased, or it passes the `model.training` retention window.
 */
@Entity('training_interactions')
@Index(['customerId', 'clientEventId'], { unique: true })
@Index(['customerRef'])
export class TrainingInteractionRecord {
  @PrimaryGeneratedColumn('increment')
  seq: number;

  @Column('varchar', { length: 64 })
  customerId: string;

  /** A keyed hash of the customer id: how the change log finds the customer's rows. */
  @Column('varchar', { length: 64, nullable: true })
  customerRef: string | null;

  /** The consent version the event was collected under (null: older rows, or seeded). */
  @Column('integer', { nullable: true })
  consentVersion: number | null;

  /** The profile event's client id: forwarding the same event twice stores it once. */
  @Column('varchar', { length: 64 })
  clientEventId: string;

  @Column('varchar', { length: 64 })
  itemId: string;

  @Column('varchar', { length: 24 })
  channel: string;

  @Column('varchar', { length: 24, nullable: true })
  locale: string | null;

  /** Null on rows stored before it was recorded: any collection purpose's withdrawal removes those. */
  @Column('varchar', { length: 64, nullable: true })
  purpose: string | null;

  @Column('varchar', { length: 32 })
  occurredAt: string;

  /** When it was stored (null on older rows): a withdrawal removes what arrived up to it. */
  @Column('varchar', { length: 32, nullable: true })
  receivedAt: string | null;
}
