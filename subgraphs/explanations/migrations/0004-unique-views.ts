import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { tableName } from '../../shared/migration-columns.js';

const UNIQUE_VIEW = new TableIndex({ name: 'explanation_views_shown_once', columnNames: ['customerId', 'decisionId', 'itemId'], isUnique: true });

/** One record per customer and item of a decision shown, however often the explanation is read (the first kept). */
export class ExplanationsUniqueViews implements MigrationInterface {
  name = 'ExplanationsUniqueViews1799193600004';

  async up(q: QueryRunner): Promise<void> {
    const table = tableName(q, 'explanation_views');
    await q.query(`DELETE FROM ${table} WHERE seq NOT IN (SELECT MIN(seq) FROM ${table} GROUP BY "customerId", "decisionId", "itemId")`);
    await q.createIndex('explanation_views', UNIQUE_VIEW);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('explanation_views', UNIQUE_VIEW);
  }
}
