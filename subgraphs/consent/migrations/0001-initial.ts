import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

export class ConsentInitial implements MigrationInterface {
  name = 'ConsentInitial1795392000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'customers',
        columns: columns({ id: 'id', displayName: 'text?', createdAt: 'time', erasedAt: 'time?' }),
      }),
    );
    await q.createTable(
      new Table({
        name: 'notices',
        columns: columns({
          purpose: 'key',
          version: 'int-key',
          title: 'text',
          text: 'longtext',
          effectiveAt: 'time',
          material: 'bool',
          dataCategories: 'json',
          retentionDays: 'int',
        }),
      }),
    );
    await q.createTable(
      new Table({
        name: 'consent_decisions',
        columns: columns({
          seq: 'serial',
          decisionId: 'uuid',
          customerId: 'ref',
          purpose: 'ref',
          noticeVersion: 'int',
          status: 'short',
          method: 'short',
          origin: 'ref',
          occurredAt: 'time',
          expiresAt: 'time?',
          prevHash: 'hash',
          hash: 'hash',
        }),
      }),
    );
    await q.createIndex('consent_decisions', new TableIndex({ columnNames: ['customerId', 'seq'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('consent_decisions');
    await q.dropTable('notices');
    await q.dropTable('customers');
  }
}
