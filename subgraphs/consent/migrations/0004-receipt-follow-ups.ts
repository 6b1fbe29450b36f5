import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/**
 * A receipt issued while some deletion was still pending is marked, so that a signed follow-up
 * receipt is issued once every subscriber confirmed, even across restarts.
 */
export class ConsentReceiptFollowUps implements MigrationInterface {
  name = 'ConsentReceiptFollowUps1797984000004';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('consent_receipts', new TableColumn({ name: 'removalPending', type: 'boolean', isNullable: false, default: false }));
    await addColumns(q, 'consent_receipts', { followUpOf: 'ref?' });
    // Receipts issued before this, while a deletion was pending, get their follow-up too.
    // Raw SQL does not get the schema TypeORM adds for PostgreSQL (one per subgraph): name it.
    const schema = (q.connection.options as { schema?: string }).schema;
    const table = schema ? `"${schema}".consent_receipts` : 'consent_receipts';
    await q.query(`UPDATE ${table} SET "removalPending" = TRUE WHERE status = 'ISSUED' AND document LIKE '%"dataRemoval":{"status":"PENDING"%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'consent_receipts', ['removalPending', 'followUpOf']);
  }
}
