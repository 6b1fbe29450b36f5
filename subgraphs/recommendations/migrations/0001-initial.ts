import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

export class RecommendationsInitial implements MigrationInterface {
  name = 'RecommendationsInitial1795392000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'catalog_items',
        columns: columns({
          id: 'id',
          title: 'text',
          category: 'ref',
          brand: 'ref',
          attributes: 'json',
          price: 'float',
          durable: 'bool',
          popularity: 'float',
        }),
      }),
    );
    await q.createIndex('catalog_items', new TableIndex({ columnNames: ['category'] }));
    await q.createTable(
      new Table({
        name: 'decisions',
        columns: columns({
          decisionId: 'id',
          customerId: 'ref?',
          surface: 'short',
          inputs: 'json',
          policy: 'json',
          items: 'json',
          modelVersion: 'hash',
          holdout: 'bool',
          personalized: 'bool',
          createdAt: 'time',
        }),
      }),
    );
    await q.createIndex('decisions', new TableIndex({ columnNames: ['customerId', 'createdAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('decisions');
    await q.dropTable('catalog_items');
  }
}
