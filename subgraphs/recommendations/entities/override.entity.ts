import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OverrideKind, OverrideReason } from '../engine/overrides.js';

/** The override log: every pin and boost a merchandiser made. Never deleted; ending one stamps it. */
@Entity('overrides')
@Index(['startsAt', 'endsAt'])
export class OverrideRecord {
  @PrimaryColumn('varchar', { length: 64 })
  id: string;

  @Column('varchar', { length: 24 })
  kind: OverrideKind;

  @Column('varchar', { length: 64 })
  itemId: string;

  /** Null: every surface. */
  @Column('varchar', { length: 24, nullable: true })
  surface: string | null;

  @Column('integer', { nullable: true })
  position: number | null;

  @Column('double precision', { nullable: true })
  boost: number | null;

  @Column('varchar', { length: 64 })
  author: string;

  @Column('varchar', { length: 24 })
  reasonCategory: OverrideReason;

  @Column('text')
  justification: string;

  @Column('varchar', { length: 32 })
  startsAt: string;

  @Column('varchar', { length: 32 })
  endsAt: string;

  @Column('varchar', { length: 32 })
  createdAt: string;

  @Column('varchar', { length: 32, nullable: true })
  endedAt: string | null;

  @Column('varchar', { length: 64, nullable: true })
  endedBy: string | null;
}
