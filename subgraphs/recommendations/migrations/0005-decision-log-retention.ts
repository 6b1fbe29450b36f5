import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

const ANONYMOUS_BY_AGE = new TableIndex({ name: 'decisions_created_at', columnNames: ['createdAt'] });

/**
 * The decision log's hot paths: the items a decision counted as browsing impressions (read for
 * saturation without parsing whole decisions; null in rows logged before, which are read the old
 * way) and an index for the anonymous decisions' retention sweep.
 */
export class RecommendationsDecisionLogRetention implements MigrationInterface {
  name = 'RecommendationsDecisionLogRetention1799193600005';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'decisions', { impressionItemIds: 'json?' });
    await q.createIndex('decisions', ANONYMOUS_BY_AGE);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('decisions', ANONYMOUS_BY_AGE);
    await dropColumns(q, 'decisions', ['impressionItemIds']);
  }
}
