import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/**
 * Per training interaction: the shop locale (optional, for locale segments), the purpose its
 * event was collected under (withdrawing that purpose unlearns it too) and when it was received
 * (a withdrawal removes what arrived up to it). Null on older rows.
 */
export class RecommendationsTrainingLocaleAndPurpose implements MigrationInterface {
  name = 'RecommendationsTrainingLocaleAndPurpose1797984000003';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'training_interactions', { locale: 'short?', purpose: 'ref?', receivedAt: 'time?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'training_interactions', ['locale', 'purpose', 'receivedAt']);
  }
}
