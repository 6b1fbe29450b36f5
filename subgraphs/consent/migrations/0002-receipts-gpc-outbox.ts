import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

/** Signed receipts, GPC records and conflicts, the withdrawal outbox and erasure tombstones. */
export class ConsentReceiptsGpcOutbox implements MigrationInterface {
  name = 'ConsentReceiptsGpcOutbox1795392000002';

  async up(q: QueryRunner): Promise<void> {
    // Which receipt a decision was issued under; set on insert, outside the hash, never updated.
    await q.addColumn('consent_decisions', new TableColumn({ name: 'receiptId', type: 'varchar', length: '36', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'consent_receipts',
        columns: columns({
          receiptId: 'key',
          customerId: 'ref',
          issuedAt: 'time',
          status: 'short',
          document: 'longtext',
          signature: 'text?',
          keyId: 'ref?',
        }),
      }),
    );
    await q.createIndex('consent_receipts', new TableIndex({ columnNames: ['customerId', 'issuedAt'] }));
    await q.createTable(new Table({ name: 'gpc_signals', columns: columns({ customerId: 'id', firstSeenAt: 'time', origin: 'ref' }) }));
    await q.createTable(
      new Table({
        name: 'gpc_conflicts',
        columns: columns({
          id: 'serial',
          customerId: 'ref',
          purpose: 'ref',
          grantDecisionId: 'uuid?',
          grantedAt: 'time?',
          detectedAt: 'time',
          resolution: 'short',
        }),
      }),
    );
    await q.createIndex('gpc_conflicts', new TableIndex({ columnNames: ['customerId', 'purpose'] }));
    await q.createTable(
      new Table({
        name: 'withdrawal_outbox',
        columns: columns({
          id: 'serial',
          receiptId: 'uuid',
          decisionId: 'uuid',
          customerId: 'ref',
          purpose: 'ref',
          subscriber: 'short',
          status: 'short',
          attempts: 'int',
          lastError: 'text?',
          report: 'json?',
          createdAt: 'time',
          deliveredAt: 'time?',
        }),
      }),
    );
    await q.createIndex('withdrawal_outbox', new TableIndex({ columnNames: ['status', 'id'] }));
    await q.createIndex('withdrawal_outbox', new TableIndex({ columnNames: ['receiptId'] }));
    await q.createTable(
      new Table({
        name: 'ledger_tombstones',
        columns: columns({ id: 'serial', subjectHash: 'hash', headHash: 'hash', entryCount: 'int', erasedAt: 'time', hash: 'hash' }),
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ledger_tombstones', 'withdrawal_outbox', 'gpc_conflicts', 'gpc_signals', 'consent_receipts']) await q.dropTable(table);
    await q.dropColumn('consent_decisions', 'receiptId');
  }
}
