import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

/** Which purposes each shown explanation used, so a withdrawal can remove exactly those views. */
export class ExplanationsViewPurposes implements MigrationInterface {
  name = 'ExplanationsViewPurposes1797984000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('explanation_views', new TableColumn(columns({ purposes: 'json?' })[0]));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('explanation_views', 'purposes');
  }
}
