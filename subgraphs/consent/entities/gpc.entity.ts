import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A customer whose signed-in request carried `Sec-GPC: 1`; honored from then on. */
@Entity('gpc_signals')
export class GpcSignalRecord {
  @PrimaryColumn('varchar', { length: 64 })
  customerId: string;

  @Column('varchar', { length: 32 })
  firstSeenAt: string;

  @Column('varchar', { length: 64 })
  origin: string;
}

/**
 * GPC_HONORED: an earlier explicit grant was overridden by GPC. EXPLAINED: the customer asked to
 * grant a GPC-covered purpose and was told about the conflict first; a grant after this stands.
 */
export type GpcResolution = 'GPC_HONORED' | 'EXPLAINED';

@Entity('gpc_conflicts')
@Index(['customerId', 'purpose'])
export class GpcConflictRecord {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('varchar', { length: 64 })
  customerId: string;

  @Column('varchar', { length: 64 })
  purpose: string;

  @Column('varchar', { length: 36, nullable: true })
  grantDecisionId: string | null;

  @Column('varchar', { length: 32, nullable: true })
  grantedAt: string | null;

  @Column('varchar', { length: 32 })
  detectedAt: string;

  @Column('varchar', { length: 24 })
  resolution: GpcResolution;
}
