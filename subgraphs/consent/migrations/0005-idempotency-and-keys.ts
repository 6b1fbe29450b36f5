import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumns, columns, dropColumns } from '../../shared/migration-columns.js';

/**
 * Idempotent consent writes: a receipt remembers the client's key and what was asked, unique per
 * customer, so a retry finds the first decision instead of recording a second. Receipt signing
 * keys live in the database, shared by every instance, and are never deleted (old receipts verify).
 */
export class ConsentIdempotencyAndKeys implements MigrationInterface {
  name = 'ConsentIdempotencyAndKeys1799193600005';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'consent_receipts', { idempotencyKey: 'ref?', requestFingerprint: 'hash?' });
    await addColumns(q, 'withdrawal_outbox', { decisionSeq: 'int?' });
    await q.createIndex('consent_receipts', new TableIndex({ columnNames: ['customerId', 'idempotencyKey'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'receipt_signing_keys',
        columns: columns({ keyId: 'key', privateKeyPem: 'longtext', createdAt: 'time', retiredAt: 'time?' }),
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('receipt_signing_keys');
    await q.dropIndex('consent_receipts', new TableIndex({ columnNames: ['customerId', 'idempotencyKey'], isUnique: true }));
    await dropColumns(q, 'withdrawal_outbox', ['decisionSeq']);
    await dropColumns(q, 'consent_receipts', ['idempotencyKey', 'requestFingerprint']);
  }
}
