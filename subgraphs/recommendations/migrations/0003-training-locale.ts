import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

/** The shop locale of a training interaction (optional), for locale segment popularity. */
export class RecommendationsTrainingLocale implements MigrationInterface {
  name = 'RecommendationsTrainingLocale1797984000003';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('training_interactions', new TableColumn(columns({ locale: 'short?' })[0]));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('training_interactions', 'locale');
  }
}
