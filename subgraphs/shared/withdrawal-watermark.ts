import { Column, Entity, PrimaryColumn, Table, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './migration-columns.js';
import { lockKeys } from './transactions.js';

/**
 * The withdrawal rule, kept by the database: "nothing collected or learned under a purpose after
 * its withdrawal counts". Each stored row carries the consent version it was collected under (the
 * ledger position of the customer's latest decision when its grants were read). A withdrawal
 * raises the customer's mark for the purpose to its own ledger position; a writer stores data of a
 * purpose only if its consent version is above the mark, checked inside its own transaction under a
 * database lock that the withdrawal takes exclusively. So, on any number of instances, a write
 * either commits before the withdrawal's deletion (and is deleted by it) or sees the mark and
 * stores nothing. Data collected under a later grant (a higher version) is never taken.
 */
@Entity('withdrawal_watermarks')
export class WithdrawalWatermarkRecord {
  @PrimaryColumn('varchar', { length: 64 })
  customerId: string;

  @PrimaryColumn('varchar', { length: 64 })
  purpose: string;

  /** The ledger position of the latest withdrawal (or lapse) of the purpose. */
  @Column('integer')
  withdrawalSeq: number;
}

export const WATERMARK_ENTITIES = [WithdrawalWatermarkRecord];

const lockName = (customerId: string, purpose: string) => `watermark:${customerId}:${purpose}`;

/**
 * Inside a writer's transaction: the purposes whose data may be stored under grants read at
 * `consentVersion`. Holds shared locks on them until commit, so a withdrawal waits for this write.
 */
export async function admittedPurposes(manager: EntityManager, customerId: string, purposes: string[], consentVersion: number): Promise<Set<string>> {
  const wanted = [...new Set(purposes)];
  if (wanted.length === 0) return new Set();
  await lockKeys(
    manager,
    wanted.map((p) => lockName(customerId, p)),
    'shared',
  );
  const marks = await manager.findBy(
    WithdrawalWatermarkRecord,
    wanted.map((purpose) => ({ customerId, purpose })),
  );
  const blocked = new Set(marks.filter((m) => m.withdrawalSeq >= consentVersion).map((m) => m.purpose));
  return new Set(wanted.filter((p) => !blocked.has(p)));
}

/**
 * Inside the withdrawal's transaction, before it deletes: raises the mark (never lowers it), waiting
 * for writers that passed the check to commit first, so the deletion that follows sees their rows.
 */
export async function raiseWatermark(manager: EntityManager, customerId: string, purpose: string, withdrawalSeq: number): Promise<void> {
  await lockKeys(manager, [lockName(customerId, purpose)], 'exclusive');
  const existing = await manager.findOneBy(WithdrawalWatermarkRecord, { customerId, purpose });
  if (!existing) await manager.insert(WithdrawalWatermarkRecord, { customerId, purpose, withdrawalSeq });
  else if (existing.withdrawalSeq < withdrawalSeq) await manager.update(WithdrawalWatermarkRecord, { customerId, purpose }, { withdrawalSeq });
}

/** The table, for each data-holding subgraph's migrations. */
export class WithdrawalWatermarksTable implements MigrationInterface {
  name = 'WithdrawalWatermarksTable1799193600100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'withdrawal_watermarks',
        columns: columns({ customerId: 'key', purpose: 'key', withdrawalSeq: 'int' }),
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('withdrawal_watermarks');
  }
}
