import { createHash } from 'node:crypto';
import { Column, Entity, PrimaryColumn, Table, type DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './migration-columns.js';
import { lockKeys } from './transactions.js';
import type { CustomerDataHolder } from './customer-data.js';
import { ALL_PURPOSES, Purpose } from './purposes.js';

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

/** The erased customer's one remaining mark: a hash of the id (no id kept), blocking every purpose for good. */
const ERASED = { purpose: '*erased*', withdrawalSeq: 2_147_483_647 };
const erasedRef = (customerId: string) => `erased:${createHash('sha256').update(customerId).digest('hex').slice(0, 48)}`;

/**
 * Whether this part erased the customer (its hashed mark is here). Outside a transaction: for
 * refusing a request; a writer checks `erasedInTransaction` where it stores.
 */
export async function isErased(db: DataSource | EntityManager, customerId: string): Promise<boolean> {
  return (await db.getRepository(WithdrawalWatermarkRecord).countBy({ customerId: erasedRef(customerId), purpose: ERASED.purpose })) > 0;
}

/**
 * Inside a writer's transaction, for rows kept under the customer's id whatever their purposes (a
 * logged list, an explanation shown): whether the customer was erased here. Holds a shared lock the
 * erasure takes exclusively, so a write either commits before the erasure (and is erased with the
 * rest) or sees the mark and stores nothing, on any instance.
 */
export async function erasedInTransaction(manager: EntityManager, customerId: string): Promise<boolean> {
  await lockKeys(manager, [lockName(customerId, Purpose.ESSENTIAL)], 'shared');
  return isErased(manager, customerId);
}

/** `erasedInTransaction` for a batch of rows: asked once per customer, however many rows are theirs. */
export function erasedInBatch(manager: EntityManager): (customerId: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (customerId) => {
    if (!known.has(customerId)) known.set(customerId, erasedInTransaction(manager, customerId));
    return known.get(customerId)!;
  };
}

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
  const marks = await manager.findBy(WithdrawalWatermarkRecord, [
    ...wanted.map((purpose) => ({ customerId, purpose })),
    { customerId: erasedRef(customerId), purpose: ERASED.purpose },
  ]);
  if (marks.some((m) => m.purpose === ERASED.purpose)) return new Set();
  const blocked = new Set(marks.filter((m) => m.withdrawalSeq >= consentVersion).map((m) => m.purpose));
  return new Set(wanted.filter((p) => !blocked.has(p)));
}

/**
 * Inside the withdrawal's transaction, before it deletes: raises the mark (never lowers it), waiting
 * for writers that passed the check to commit first, so the deletion that follows sees their rows.
 */
export async function raiseWatermark(manager: EntityManager, customerId: string, purpose: string, withdrawalSeq: number): Promise<void> {
  await lockKeys(manager, [lockName(customerId, purpose)], 'exclusive');
  // A withdrawal delivered after the customer's erasure: the erased mark refuses everything already,
  // and a new mark would put the erased id back.
  if (await manager.findOneBy(WithdrawalWatermarkRecord, { customerId: erasedRef(customerId), purpose: ERASED.purpose })) return;
  const existing = await manager.findOneBy(WithdrawalWatermarkRecord, { customerId, purpose });
  if (!existing) await manager.insert(WithdrawalWatermarkRecord, { customerId, purpose, withdrawalSeq });
  else if (existing.withdrawalSeq < withdrawalSeq) await manager.update(WithdrawalWatermarkRecord, { customerId, purpose }, { withdrawalSeq });
}

/**
 * The marks in the export/erasure contract. Erasure keeps the rule: it waits for writers under way
 * (every purpose's lock, exclusively), removes the customer's marks and leaves one hashed mark that
 * refuses anything still arriving for them, on any instance.
 */
export function watermarkHolder(): CustomerDataHolder {
  return {
    category: 'withdrawalWatermarks',
    export: (db, customerId) => db.find(WithdrawalWatermarkRecord, { where: { customerId }, order: { purpose: 'ASC' } }),
    // Before anything is erased: writers that passed the check commit first, so the erasure sees their rows.
    beforeErase: (db, customerId) =>
      lockKeys(
        db,
        ALL_PURPOSES.map((p) => lockName(customerId, p)),
        'exclusive',
      ),
    async erase(db, customerId) {
      const removed = (await db.delete(WithdrawalWatermarkRecord, { customerId })).affected ?? 0;
      const ref = erasedRef(customerId);
      if (!(await db.findOneBy(WithdrawalWatermarkRecord, { customerId: ref, purpose: ERASED.purpose }))) {
        await db.insert(WithdrawalWatermarkRecord, { customerId: ref, ...ERASED });
      }
      return removed;
    },
  };
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
