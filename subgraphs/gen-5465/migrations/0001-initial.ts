import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

export class Gen5465Initial implements MigrationInterface {
  name = 'Gen5465Initial1796000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'gen_5465_records',
        columns: columns({ id: 'id', customerId: 'ref', text: 'longtext', purpose: 'ref', createdAt: 'time' }),
      }),
    );
    await q.createIndex('gen_5465_records', new TableIndex({ columnNames: ['customerId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('gen_5465_records');
  }
}
