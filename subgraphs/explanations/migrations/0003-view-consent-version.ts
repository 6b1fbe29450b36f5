import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/** The consent version each shown explanation's decision read its grants at (see withdrawal-watermark.ts). */
export class ExplanationsViewConsentVersion implements MigrationInterface {
  name = 'ExplanationsViewConsentVersion1799193600003';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'explanation_views', { consentVersion: 'int?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'explanation_views', ['consentVersion']);
  }
}
