import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/** Every receipt also as a signed DPV-27560 record; receipts issued before are backfilled by maintenance. */
export class ConsentDpvReceipts implements MigrationInterface {
  name = 'ConsentDpvReceipts1799798400006';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'consent_receipts', { dpvDocument: 'longtext?', dpvSignature: 'text?', dpvKeyId: 'ref?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'consent_receipts', ['dpvDocument', 'dpvSignature', 'dpvKeyId']);
  }
}
