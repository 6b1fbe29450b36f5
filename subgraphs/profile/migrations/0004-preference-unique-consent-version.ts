import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

/**
 * Rules in the database: one stated preference per (customer, kind, value) — duplicates stored by
 * racing instances before this are merged, keeping the latest edit — and every stored row carries
 * the consent version it was collected under (see withdrawal-watermark.ts; null: before this).
 */
export class ProfilePreferenceUniqueConsentVersion implements MigrationInterface {
  name = 'ProfilePreferenceUniqueConsentVersion1799193600004';

  async up(q: QueryRunner): Promise<void> {
    const schema = (q.connection.options as { schema?: string }).schema;
    const table = schema ? `"${schema}".stated_preferences` : 'stated_preferences';
    await q.query(
      `DELETE FROM ${table} WHERE id IN (SELECT a.id FROM ${table} a JOIN ${table} b ON a."customerId" = b."customerId" AND a.kind = b.kind AND a.value = b.value AND (a."updatedAt" < b."updatedAt" OR (a."updatedAt" = b."updatedAt" AND a.id < b.id)))`,
    );
    await q.createIndex('stated_preferences', new TableIndex({ columnNames: ['customerId', 'kind', 'value'], isUnique: true }));
    await addColumns(q, 'stated_preferences', { consentVersion: 'int?' });
    await addColumns(q, 'events', { consentVersion: 'int?' });
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'events', ['consentVersion']);
    await dropColumns(q, 'stated_preferences', ['consentVersion']);
    await q.dropIndex('stated_preferences', new TableIndex({ columnNames: ['customerId', 'kind', 'value'], isUnique: true }));
  }
}
