import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/**
 * What the staff reports read from each decision: the customer's personalization grants at the
 * time (lift per consent level) and a compact form of what was shown (so a month of lists is read
 * without parsing every contribution). Null in rows logged before.
 */
export class RecommendationsDecisionMeasurement implements MigrationInterface {
  name = 'RecommendationsDecisionMeasurement1799280000006';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'decisions', { consentLevel: 'text?', shown: 'json?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'decisions', ['consentLevel', 'shown']);
  }
}
