import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

/** The shop locale an event happened in (optional): what locale segments are learned from. */
export class ProfileEventLocale implements MigrationInterface {
  name = 'ProfileEventLocale1797984000003';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('events', new TableColumn(columns({ locale: 'short?' })[0]));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('events', 'locale');
  }
}
