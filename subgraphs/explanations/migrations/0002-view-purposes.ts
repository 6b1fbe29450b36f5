import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/** Which purposes each shown explanation used, so a withdrawal can remove exactly those views. */
export class ExplanationsViewPurposes implements MigrationInterface {
  name = 'ExplanationsViewPurposes1797984000000';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'explanation_views', { purposes: 'json?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'explanation_views', ['purposes']);
  }
}
