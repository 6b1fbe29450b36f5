import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/** The shop locale an event happened in (optional): what locale segments are learned from. */
export class ProfileEventLocale implements MigrationInterface {
  name = 'ProfileEventLocale1797984000003';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'events', { locale: 'short?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'events', ['locale']);
  }
}
