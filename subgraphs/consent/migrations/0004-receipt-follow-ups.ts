import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

/**
 * A receipt issued while some deletion was still pending is marked, so that a signed follow-up
 * receipt is issued once every subscriber confirmed, even across restarts.
 */
export class ConsentReceiptFollowUps implements MigrationInterface {
  name = 'ConsentReceiptFollowUps1797984000004';

  async up(q: QueryRunner): Promise<void> {
    const [followUpOf] = columns({ followUpOf: 'ref?' });
    await q.addColumn('consent_receipts', new TableColumn({ name: 'removalPending', type: 'boolean', isNullable: false, default: false }));
    await q.addColumn('consent_receipts', new TableColumn(followUpOf));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('consent_receipts', 'followUpOf');
    await q.dropColumn('consent_receipts', 'removalPending');
  }
}
