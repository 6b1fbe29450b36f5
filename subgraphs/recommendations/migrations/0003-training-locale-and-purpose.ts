import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

/**
 * Per training interaction: the shop locale (optional, for locale segments), the purpose its
 * event was collected under (withdrawing that purpose unlearns it too) and when it was received
 * (a withdrawal removes what arrived up to it). Null on older rows.
 */
export class RecommendationsTrainingLocaleAndPurpose implements MigrationInterface {
  name = 'RecommendationsTrainingLocaleAndPurpose1797984000003';

  async up(q: QueryRunner): Promise<void> {
    for (const column of columns({ locale: 'short?', purpose: 'ref?', receivedAt: 'time?' })) await q.addColumn('training_interactions', new TableColumn(column));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('training_interactions', 'receivedAt');
    await q.dropColumn('training_interactions', 'purpose');
    await q.dropColumn('training_interactions', 'locale');
  }
}
