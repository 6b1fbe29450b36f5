import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change to a customer's training interactions, written in the changing transaction. Every
 * instance relearns the customers changed since it last looked before it uses its model. Names the
 * customer by a keyed hash only.
 */
@Entity('model_changes')
export class ModelChangeRecord {
  @PrimaryGeneratedColumn('increment')
  seq: number;

  @Column('varchar', { length: 64 })
  customerRef: string;

  @Column('varchar', { length: 32 })
  changedAt: string;
}
