import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered collection point. Only first-party sources may send events. */
@Entity('event_sources')
export class EventSourceRecord {
  @PrimaryColumn('varchar', { length: 64 })
  id: string;

  @Column('varchar', { length: 120 })
  description: string;

  @Column('boolean')
  firstParty: boolean;
}
