import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type EventType = 'VIEW' | 'ADD_TO_CART' | 'PURCHASE' | 'SEARCH' | 'DISMISS' | 'RATING';

/** One first-party interaction, stored only when its purpose was granted on arrival. */
@Entity('events')
@Index(['customerId', 'clientEventId'], { unique: true })
@Index(['customerId', 'occurredAt'])
@Index(['purpose', 'occurredAt'])
@Index('events_occurred_at', ['occurredAt'])
export class EventRecord {
  @PrimaryGeneratedColumn('increment')
  seq: number;

  @Column('varchar', { length: 64 })
  customerId: string;

  /** The consent version it was collected under (null: stored before versions were recorded). */
  @Column('integer', { nullable: true })
  consentVersion: number | null;

  /** The client's id for idempotent retries: the same id twice is stored once. */
  @Column('varchar', { length: 64 })
  clientEventId: string;

  @Column('varchar', { length: 24 })
  type: EventType;

  @Column('varchar', { length: 64, nullable: true })
  itemId: string | null;

  /** Search text or rating value, when the type has one. */
  @Column('varchar', { length: 64, nullable: true })
  value: string | null;

  @Column('varchar', { length: 24 })
  channel: string;

  /** The shop locale it happened in ("de-DE"), when the client says. */
  @Column('varchar', { length: 24, nullable: true })
  locale: string | null;

  @Column('varchar', { length: 64 })
  source: string;

  /** The recommendation it came from (a decision id, with `itemId` the item in it), when the client says. */
  @Column('varchar', { length: 36, nullable: true })
  decisionId: string | null;

  @Column('varchar', { length: 64 })
  purpose: string;

  @Column('integer')
  noticeVersion: number;

  @Column('varchar', { length: 32 })
  occurredAt: string;

  @Column('varchar', { length: 32 })
  receivedAt: string;
}
