import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

export class ExplanationsInitial implements MigrationInterface {
  name = 'ExplanationsInitial1795392000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'explanation_views',
        columns: columns({
          seq: 'serial',
          decisionId: 'uuid',
          itemId: 'ref',
          customerId: 'ref?',
          summary: 'longtext',
          shownAt: 'time',
        }),
      }),
    );
    await q.createIndex('explanation_views', new TableIndex({ columnNames: ['decisionId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('explanation_views');
  }
}
