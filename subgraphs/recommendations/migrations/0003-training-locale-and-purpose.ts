import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

/**
 * Per training interaction: the shop locale (optional, for locale segments) and the purpose its
 * event was collected under, so withdrawing that purpose unlearns it too. Null on older rows.
 */
export class RecommendationsTrainingLocaleAndPurpose implements MigrationInterface {
  name = 'RecommendationsTrainingLocaleAndPurpose1797984000003';

  async up(q: QueryRunner): Promise<void> {
    for (const column of columns({ locale: 'short?', purpose: 'ref?' })) await q.addColumn('training_interactions', new TableColumn(column));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('training_interactions', 'purpose');
    await q.dropColumn('training_interactions', 'locale');
  }
}
