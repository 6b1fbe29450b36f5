import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/** Which personalization purposes a customer had granted when a list was decided: what lift per consent level reads. */
export class RecommendationsDecisionConsentLevel implements MigrationInterface {
  name = 'RecommendationsDecisionConsentLevel1799280000006';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'decisions', { consentLevel: 'text?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'decisions', ['consentLevel']);
  }
}
