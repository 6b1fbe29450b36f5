import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One interaction forwarded by the profile subgraph because its customer granted `model.training`
 * when it arrived. Minimized: item, channel, locale and time only. Deleted when the customer withdraws
 * `model.training` or is erased, and unlearned from the model at the same moment.
 */
@Entity('training_interactions')
@Index(['customerId', 'clientEventId'], { unique: true })
export class TrainingInteractionRecord {
  @PrimaryGeneratedColumn('increment')
  seq: number;

  @Column('varchar', { length: 64 })
  customerId: string;

  /** The profile event's client id: forwarding the same event twice stores it once. */
  @Column('varchar', { length: 64 })
  clientEventId: string;

  @Column('varchar', { length: 64 })
  itemId: string;

  @Column('varchar', { length: 24 })
  channel: string;

  @Column('varchar', { length: 24, nullable: true })
  locale: string | null;

  @Column('varchar', { length: 32 })
  occurredAt: string;
}
